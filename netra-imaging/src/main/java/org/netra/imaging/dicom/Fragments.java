package org.netra.imaging.dicom;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 A.4): the basic offset table and the fragments, as views into the
 * file's bytes. {@link #frame} gathers the fragments of one frame.
 */
public final class Fragments {
    private final String source;
    private final byte[] buffer;
    private final long[] basicOffsetTable;
    private final int[] offsets;
    private final int[] lengths;

    Fragments(String source, byte[] buffer, long[] basicOffsetTable, int[] offsets, int[] lengths) {
        this.source = source;
        this.buffer = buffer;
        this.basicOffsetTable = basicOffsetTable;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    public int count() {
        return offsets.length;
    }

    /** Offsets of each frame's first fragment item from the first fragment item; may be empty. */
    public long[] basicOffsetTable() {
        return basicOffsetTable.clone();
    }

    public ByteBuffer fragment(int index) {
        return ByteBuffer.wrap(buffer, offsets[index], lengths[index]).slice().asReadOnlyBuffer();
    }

    /** The bytes of frame {@code index} of {@code frameCount}, joined from its fragments. */
    public byte[] frame(int index, int frameCount) throws DicomParseException {
        List<Integer> which = fragmentsOf(index, frameCount);
        int total = 0;
        for (int f : which) {
            total += lengths[f];
        }
        byte[] out = new byte[total];
        int at = 0;
        for (int f : which) {
            System.arraycopy(buffer, offsets[f], out, at, lengths[f]);
            at += lengths[f];
        }
        return out;
    }

    private List<Integer> fragmentsOf(int frame, int frameCount) throws DicomParseException {
        if (frame < 0 || frame >= frameCount) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frameCount);
        }
        int n = offsets.length;
        List<Integer> which = new ArrayList<>();
        if (frameCount == 1) {
            for (int i = 0; i < n; i++) {
                which.add(i);
            }
        } else if (basicOffsetTable.length == frameCount) {
            // item positions relative to the first fragment's item tag: each item is 8 header bytes + value
            long start = basicOffsetTable[frame];
            long end = frame + 1 < frameCount ? basicOffsetTable[frame + 1] : Long.MAX_VALUE;
            long pos = 0;
            for (int i = 0; i < n; i++) {
                if (pos >= start && pos < end) {
                    which.add(i);
                }
                pos += 8L + lengths[i];
            }
        } else if (n == frameCount) {
            which.add(frame);
        } else {
            // no usable offset table: a frame starts at each fragment that opens with a JPEG SOI or J2K SOC
            int seen = -1;
            for (int i = 0; i < n; i++) {
                if (startsFrame(i)) {
                    seen++;
                }
                if (seen == frame) {
                    which.add(i);
                }
            }
        }
        if (which.isEmpty()) {
            throw new DicomParseException(
                    source, 0, "cannot find the fragments of frame " + (frame + 1) + " of " + frameCount);
        }
        return which;
    }

    private boolean startsFrame(int i) {
        return lengths[i] >= 2
                && (buffer[offsets[i]] & 0xff) == 0xff
                && ((buffer[offsets[i] + 1] & 0xff) == 0xd8 || (buffer[offsets[i] + 1] & 0xff) == 0x4f);
    }
}

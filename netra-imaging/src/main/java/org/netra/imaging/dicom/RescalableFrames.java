package org.netra.imaging.dicom;

import java.nio.ShortBuffer;
import java.util.Objects;

/**
 * The frames of a native greyscale image of 16 bits allocated ({@link PixelData#rescalable}), each read straight
 * from the file's bytes into rescaled values: one pass that keeps the Bits Stored bits under the High Bit,
 * sign-extends them where Pixel Representation is 1 and rescales them, with no image of stored values in between.
 * A real-size dosimetry cycle spent about a sixth of its CPU reading its series, most of it decoding each slice into a
 * fresh {@code int[]} one buffer read at a time, masking that in a second pass and rescaling it in a third
 * (docs/benchmarks.md, issue 22).
 * The values are those of {@link PixelData#decode} rescaled as {@code (float) (stored * slope + intercept)}, to the
 * bit.
 */
public final class RescalableFrames {
    /**
     * Words are copied from the file's bytes this many at a time (a bulk copy, byte-swapped where the data set is big
     * endian): a few KB, that stay in the cache while they are rescaled.
     */
    private static final int CHUNK_WORDS = 4096;

    private final ShortBuffer words;
    private final int frameLength;
    private final int frames;
    /** Shifts the High Bit to the int's sign bit, dropping the bits above it. */
    private final int toSignBit;
    /** Then shifts the Bits Stored bits down to bit 0, dropping the bits below them. */
    private final int toBitZero;

    /** All bits where the values are signed; the low Bits Stored bits where they are unsigned. */
    private final int keptBits;

    RescalableFrames(ShortBuffer words, int frameLength, int frames, int stored, int highBit, boolean signed) {
        this.words = words;
        this.frameLength = frameLength;
        this.frames = frames;
        this.toSignBit = Integer.SIZE - 1 - highBit;
        this.toBitZero = Integer.SIZE - stored;
        this.keptBits = signed ? -1 : (1 << stored) - 1;
    }

    /** Pixels per frame. */
    public int frameLength() {
        return frameLength;
    }

    /** Frames in the image. */
    public int frames() {
        return frames;
    }

    /**
     * Writes frame {@code frame}'s values, rescaled, to {@code out} from {@code offset}: {@code (float) (stored * slope
     * + intercept)}, as the volumes' voxels are made from decoded stored values.
     */
    public void rescale(int frame, double slope, double intercept, float[] out, int offset) {
        Objects.checkIndex(frame, frames);
        Objects.checkFromIndexSize(offset, frameLength, out.length);
        short[] chunk = new short[Math.min(CHUNK_WORDS, frameLength)];
        int first = frame * frameLength;
        for (int done = 0; done < frameLength; done += chunk.length) {
            int n = Math.min(chunk.length, frameLength - done);
            words.get(first + done, chunk, 0, n);
            int to = offset + done;
            int i = 0;
            // four independent values at a time: C1 (the command line's compiler) made the one-value loop a chain in
            // which each int-to-double conversion waited for the one before (3-4 times slower; C2 is no slower so)
            for (; i + 4 <= n; i += 4) {
                double v0 = stored(chunk[i]) * slope + intercept;
                double v1 = stored(chunk[i + 1]) * slope + intercept;
                double v2 = stored(chunk[i + 2]) * slope + intercept;
                double v3 = stored(chunk[i + 3]) * slope + intercept;
                out[to + i] = (float) v0;
                out[to + i + 1] = (float) v1;
                out[to + i + 2] = (float) v2;
                out[to + i + 3] = (float) v3;
            }
            for (; i < n; i++) {
                out[to + i] = (float) (stored(chunk[i]) * slope + intercept);
            }
        }
    }

    /**
     * The stored value in a word: its Bits Stored bits under the High Bit, sign-extended, then cut back to Bits Stored
     * bits where the values are unsigned (a test per value would be a branch in C1's loop). The short widens
     * sign-extended, but the bits above bit 15 leave through the top in the first shift.
     */
    private int stored(short word) {
        return ((word << toSignBit) >> toBitZero) & keptBits;
    }
}

package org.netra.imaging.dicom;

/**
 * RLE Lossless (PS3.5 annex G): a frame is a 64-byte header (segment count, then 15 segment offsets,
 * little endian) and one PackBits segment per byte plane — for each sample, its bytes from the most to
 * the least significant. Decoded samples are returned pixel-interleaved.
 */
final class RleDecoder {
    private static final int HEADER = 64;
    private static final int MAX_SEGMENTS = 15;

    private RleDecoder() {}

    static int[] decode(byte[] frame, String src, int rows, int columns, int spp, int bitsAllocated)
            throws DicomParseException {
        if (bitsAllocated % 8 != 0) {
            throw new DicomParseException(
                    src, 0, "RLE Lossless with " + bitsAllocated + " bits allocated (only multiples of 8 are defined)");
        }
        int bytesPerSample = bitsAllocated / 8;
        int expected = spp * bytesPerSample;
        if (frame.length < HEADER) {
            throw new DicomParseException(
                    src, 0, "an RLE frame of " + frame.length + " bytes is shorter than its 64-byte header");
        }
        long segments = u32(frame, 0);
        if (segments != expected || expected > MAX_SEGMENTS) {
            throw new DicomParseException(
                    src,
                    0,
                    "the RLE frame has " + segments + " segments but " + spp + " sample(s) of " + bitsAllocated
                            + " bits need " + expected);
        }
        int pixels = rows * columns;
        int[] out = new int[pixels * spp];
        byte[] plane = new byte[pixels];
        for (int k = 0; k < expected; k++) {
            long start = u32(frame, 4 + 4 * k);
            long end = k + 1 < expected ? u32(frame, 8 + 4 * k) : frame.length;
            if (start < HEADER || end > frame.length || start > end) {
                throw new DicomParseException(
                        src,
                        0,
                        "RLE segment " + (k + 1) + " lies at bytes " + start + "–" + end + " of a " + frame.length
                                + "-byte frame");
            }
            unpack(frame, (int) start, (int) end, plane, src, k + 1);
            int sample = k / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - k % bytesPerSample);
            for (int p = 0; p < pixels; p++) {
                out[p * spp + sample] |= (plane[p] & 0xff) << shift;
            }
        }
        return out;
    }

    /** PackBits: a header byte n ≥ 0 copies n + 1 literal bytes; −127 ≤ n ≤ −1 repeats the next byte 1 − n times. */
    private static void unpack(byte[] in, int from, int to, byte[] out, String src, int segment)
            throws DicomParseException {
        int i = from;
        int o = 0;
        while (o < out.length && i < to) {
            int n = in[i++];
            if (n >= 0) {
                int count = n + 1;
                if (i + count > to || o + count > out.length) {
                    throw overrun(src, segment);
                }
                System.arraycopy(in, i, out, o, count);
                i += count;
                o += count;
            } else if (n != -128) {
                int count = 1 - n;
                if (i >= to || o + count > out.length) {
                    throw overrun(src, segment);
                }
                java.util.Arrays.fill(out, o, o + count, in[i++]);
                o += count;
            }
        }
        if (o < out.length) {
            throw new DicomParseException(
                    src, 0, "RLE segment " + segment + " decodes to " + o + " bytes, the image needs " + out.length);
        }
    }

    private static DicomParseException overrun(String src, int segment) {
        return new DicomParseException(src, 0, "RLE segment " + segment + " runs past its end or the image's");
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xff)
                | ((b[at + 1] & 0xff) << 8)
                | ((b[at + 2] & 0xff) << 16)
                | ((long) (b[at + 3] & 0xff) << 24);
    }
}

package org.netra.imaging.dicom;

import java.util.Arrays;

/**
 * A decoder for sequential DCT JPEG with Huffman coding (ITU-T T.81 annex F: baseline process 1, SOF0,
 * and extended process 2/4, SOF1, at 8- or 12-bit precision), as used by DICOM transfer syntaxes
 * 1.2.840.10008.1.2.4.50 and .51. It handles restart intervals, interleaved and non-interleaved scans
 * and subsampled components, and returns the samples of one frame in the coded colour space (no YCbCr
 * to RGB conversion: DICOM's Photometric Interpretation says what they are).
 *
 * <p>The inverse DCT is the exact formula of T.81 A.3.3 in double precision, rounded once; decoders
 * built on integer approximations (libjpeg's) differ from it by at most one in the last bit. Subsampled
 * components are upsampled the way libjpeg does by default ("fancy" triangular interpolation for 2:1
 * horizontal and 2:1 both ways, replication otherwise), so that netra's samples match DCMTK's and
 * javax.imageio's.
 */
final class JpegDctDecoder {
    /** T.81 figure A.6: the natural (row-major) index of the k-th coefficient in zig-zag order. */
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60,
        61, 54, 47, 55, 62, 63
    };

    /** {@code COS[x * 8 + u] = C(u)/2 · cos((2x + 1)uπ/16)}, the 1-D factor of the IDCT (T.81 A.3.3). */
    private static final double[] COS = new double[64];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                double c = u == 0 ? Math.sqrt(0.5) : 1.0;
                COS[x * 8 + u] = c / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private final JpegStream in;
    private final JpegStream.HuffmanTable[] dcTables = new JpegStream.HuffmanTable[4];
    private final JpegStream.HuffmanTable[] acTables = new JpegStream.HuffmanTable[4];
    private final int[][] quantisation = new int[4][];
    private int restartInterval;
    private JpegStream.Frame frame;
    private int mcusX;
    private int mcusY;
    /** One plane per component, padded to whole MCUs: {@code mcusX·h·8} samples wide. */
    private int[][] planes;

    private boolean[] decoded;
    private final double[] coefficients = new double[64];
    private final double[] rowPass = new double[64];

    private JpegDctDecoder(JpegStream in) {
        this.in = in;
    }

    /** Decodes a frame; {@code maxSamples} bounds what a hostile header may make it allocate. */
    static JpegStream.Image decode(byte[] frame, String source, long maxSamples) throws DicomParseException {
        return new JpegDctDecoder(new JpegStream(frame, source, "JPEG DCT")).run(maxSamples);
    }

    private JpegStream.Image run(long maxSamples) throws DicomParseException {
        JpegStream.Segment s;
        while ((s = in.nextSegment()) != null) {
            switch (s.marker()) {
                case JpegStream.SOF0, JpegStream.SOF1 -> readFrame(s, maxSamples);
                case JpegStream.DHT -> in.readHuffmanTables(s, dcTables, acTables);
                case JpegStream.DQT -> readQuantisationTables(s);
                case JpegStream.DRI -> restartInterval = in.restartInterval(s);
                case JpegStream.SOS -> readScan(s);
                default -> {
                    if (JpegStream.isStartOfFrame(s.marker())) {
                        throw in.error("JPEG process SOF" + (s.marker() - 0xc0)
                                + " is not sequential DCT with Huffman coding (SOF0 or SOF1);"
                                + " netra does not decode progressive, hierarchical or arithmetic-coded JPEG");
                    }
                }
            }
        }
        if (frame == null || !allDecoded()) {
            throw in.error("the JPEG frame has no scan for some of its components");
        }
        return new JpegStream.Image(
                frame.width(), frame.height(), frame.components().length, frame.precision(), interleave());
    }

    private boolean allDecoded() {
        for (boolean d : decoded) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    private void readFrame(JpegStream.Segment s, long maxSamples) throws DicomParseException {
        if (frame != null) {
            throw in.error("a second JPEG frame header");
        }
        frame = in.readFrame(s, 4, maxSamples);
        if (frame.precision() != 8 && frame.precision() != 12) {
            throw in.error("JPEG DCT precision " + frame.precision() + " is not 8 or 12 bits");
        }
        mcusX = ceilDiv(frame.width(), 8 * frame.maxH());
        mcusY = ceilDiv(frame.height(), 8 * frame.maxV());
        int n = frame.components().length;
        planes = new int[n][];
        decoded = new boolean[n];
        for (int c = 0; c < n; c++) {
            JpegStream.Component k = frame.components()[c];
            planes[c] = new int[mcusX * k.h() * 8 * mcusY * k.v() * 8];
        }
    }

    private void readQuantisationTables(JpegStream.Segment s) throws DicomParseException {
        int at = s.start();
        while (at < s.end()) {
            int pq = in.u8(at) >> 4;
            int tq = in.u8(at) & 0x0f;
            int size = pq == 0 ? 64 : 128;
            if (pq > 1 || tq > 3 || at + 1 + size > s.end()) {
                throw in.error("invalid JPEG quantisation table (precision " + pq + ", id " + tq + ")");
            }
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                q[k] = pq == 0 ? in.u8(at + 1 + k) : in.u16(at + 1 + 2 * k);
            }
            quantisation[tq] = q;
            at += 1 + size;
        }
    }

    private void readScan(JpegStream.Segment s) throws DicomParseException {
        if (frame == null) {
            throw in.error("JPEG scan before the frame header");
        }
        int at = s.start();
        int ns = in.u8(at);
        if (ns < 1 || ns > 4 || s.end() - at < 4 + 2 * ns) {
            throw in.error("invalid JPEG scan header (" + ns + " components)");
        }
        int[] index = new int[ns];
        int[][] q = new int[ns][];
        JpegStream.HuffmanTable[] dc = new JpegStream.HuffmanTable[ns];
        JpegStream.HuffmanTable[] ac = new JpegStream.HuffmanTable[ns];
        int blocksPerMcu = 0;
        for (int i = 0; i < ns; i++) {
            int id = in.u8(at + 1 + 2 * i);
            int td = in.u8(at + 2 + 2 * i) >> 4;
            int ta = in.u8(at + 2 + 2 * i) & 0x0f;
            index[i] = frame.indexOf(id);
            if (index[i] < 0 || td > 3 || ta > 3 || dcTables[td] == null || acTables[ta] == null) {
                throw in.error("JPEG scan names component " + id + " or Huffman tables " + td + "/" + ta
                        + " that are not defined");
            }
            // each component is coded in one scan (sequential mode): repeats would only multiply the work
            if (decoded[index[i]]) {
                throw in.error("JPEG component " + id + " is coded in more than one scan");
            }
            decoded[index[i]] = true;
            JpegStream.Component k = frame.components()[index[i]];
            q[i] = quantisation[k.tq()];
            if (q[i] == null) {
                throw in.error("JPEG component " + id + " uses quantisation table " + k.tq() + " that is not defined");
            }
            dc[i] = dcTables[td];
            ac[i] = acTables[ta];
            blocksPerMcu += k.h() * k.v();
        }
        // Ss and Se are 0 and 63 in sequential scans, but some encoders (e.g. NM1_JPLY.dcm's) write other
        // values: like libjpeg, ignore them
        if (ns > 1 && blocksPerMcu > 10) {
            throw in.error("JPEG scan has " + blocksPerMcu + " blocks per MCU, more than T.81's 10");
        }
        in.startEntropyCodedData(s);
        int[] predictors = new int[ns];
        int mcusUntilRestart = restartInterval;
        if (ns == 1) {
            // non-interleaved: the MCU is one block, over the component's own dimensions (A.2.2)
            JpegStream.Component k = frame.components()[index[0]];
            int blocksX = ceilDiv(ceilDiv(frame.width() * k.h(), frame.maxH()), 8);
            int blocksY = ceilDiv(ceilDiv(frame.height() * k.v(), frame.maxV()), 8);
            for (int by = 0; by < blocksY; by++) {
                for (int bx = 0; bx < blocksX; bx++) {
                    if (restartInterval > 0 && mcusUntilRestart-- == 0) {
                        in.readRestartMarker();
                        predictors[0] = 0;
                        mcusUntilRestart = restartInterval - 1;
                    }
                    predictors[0] = decodeBlock(dc[0], ac[0], q[0], predictors[0]);
                    store(index[0], bx, by);
                }
            }
        } else {
            for (int my = 0; my < mcusY; my++) {
                for (int mx = 0; mx < mcusX; mx++) {
                    if (restartInterval > 0 && mcusUntilRestart-- == 0) {
                        in.readRestartMarker();
                        Arrays.fill(predictors, 0);
                        mcusUntilRestart = restartInterval - 1;
                    }
                    for (int i = 0; i < ns; i++) {
                        JpegStream.Component k = frame.components()[index[i]];
                        for (int v = 0; v < k.v(); v++) {
                            for (int h = 0; h < k.h(); h++) {
                                predictors[i] = decodeBlock(dc[i], ac[i], q[i], predictors[i]);
                                store(index[i], mx * k.h() + h, my * k.v() + v);
                            }
                        }
                    }
                }
            }
        }
        in.endEntropyCodedData();
    }

    /** Decodes one block's coefficients (F.2.2) into {@link #coefficients}, dequantised; returns the DC value. */
    private int decodeBlock(JpegStream.HuffmanTable dc, JpegStream.HuffmanTable ac, int[] q, int predictor)
            throws DicomParseException {
        Arrays.fill(coefficients, 0);
        int t = dc.decode(in);
        if (t > 15) {
            throw in.error("invalid JPEG DC difference category " + t);
        }
        int value = predictor + in.receiveExtend(t);
        coefficients[0] = (double) value * q[0];
        for (int k = 1; k < 64; k++) {
            int rs = ac.decode(in);
            int r = rs >> 4;
            int size = rs & 0x0f;
            if (size == 0) {
                if (r != 15) {
                    break; // end of block
                }
                k += 15; // sixteen zeros
                continue;
            }
            k += r;
            if (k > 63) {
                throw in.error("JPEG AC coefficients run past the end of the block");
            }
            coefficients[ZIGZAG[k]] = (double) in.receiveExtend(size) * q[k];
        }
        return value;
    }

    /** Inverse DCT of {@link #coefficients} into block ({@code bx}, {@code by}) of a component's plane. */
    private void store(int component, int bx, int by) {
        double[] f = coefficients;
        double[] t = rowPass;
        for (int v = 0; v < 8; v++) {
            for (int x = 0; x < 8; x++) {
                double sum = 0;
                for (int u = 0; u < 8; u++) {
                    sum += COS[x * 8 + u] * f[v * 8 + u];
                }
                t[v * 8 + x] = sum;
            }
        }
        int precision = frame.precision();
        int shift = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        JpegStream.Component k = frame.components()[component];
        int stride = mcusX * k.h() * 8;
        int[] plane = planes[component];
        int origin = by * 8 * stride + bx * 8;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double sum = 0;
                for (int v = 0; v < 8; v++) {
                    sum += COS[y * 8 + v] * t[v * 8 + x];
                }
                long sample = Math.round(sum) + shift;
                plane[origin + y * stride + x] = (int) Math.max(0, Math.min(max, sample));
            }
        }
    }

    /** The components at full resolution, interleaved. */
    private int[] interleave() {
        int width = frame.width();
        int height = frame.height();
        int n = frame.components().length;
        int[] out = new int[width * height * n];
        for (int c = 0; c < n; c++) {
            JpegStream.Component k = frame.components()[c];
            int stride = mcusX * k.h() * 8;
            int[] full = upsample(planes[c], stride, k, width, height);
            for (int i = 0; i < width * height; i++) {
                out[i * n + c] = full[i];
            }
        }
        return out;
    }

    /** One component at full resolution ({@code width × height}), upsampled as libjpeg does. */
    private int[] upsample(int[] plane, int stride, JpegStream.Component k, int width, int height) {
        int fx = frame.maxH() / k.h();
        int fy = frame.maxV() / k.v();
        int compWidth = ceilDiv(width * k.h(), frame.maxH());
        int compHeight = ceilDiv(height * k.v(), frame.maxV());
        int[] full = new int[width * height];
        boolean integral = frame.maxH() % k.h() == 0 && frame.maxV() % k.v() == 0;
        if (fx == 1 && fy == 1 && integral) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(plane, y * stride, full, y * width, width);
            }
        } else if (integral && fx == 2 && (fy == 1 || fy == 2) && compWidth > 2) {
            fancy(plane, stride, compWidth, compHeight, fy, full, width, height);
        } else {
            // replication; libjpeg's nearest sample for non-integral ratios
            for (int y = 0; y < height; y++) {
                int sy = y * k.v() / frame.maxV();
                for (int x = 0; x < width; x++) {
                    full[y * width + x] = plane[sy * stride + x * k.h() / frame.maxH()];
                }
            }
        }
        return full;
    }

    /**
     * libjpeg's "fancy" upsampling (jdsample.c): 2:1 horizontally by 3/4–1/4 weights, and for 2:1
     * vertically too, the same weights between a row and its nearer neighbour; edges repeat the outermost
     * samples, with libjpeg's alternating rounding offsets.
     */
    private static void fancy(
            int[] plane, int stride, int compWidth, int compHeight, int fy, int[] full, int width, int height) {
        int[] row = new int[compWidth * 2];
        for (int oy = 0; oy < height; oy++) {
            int sy = oy / fy;
            if (fy == 1) {
                int p = sy * stride;
                row[0] = plane[p];
                row[1] = (plane[p] * 3 + plane[p + 1] + 2) >> 2;
                for (int i = 1; i < compWidth - 1; i++) {
                    int here = plane[p + i] * 3;
                    row[2 * i] = (here + plane[p + i - 1] + 1) >> 2;
                    row[2 * i + 1] = (here + plane[p + i + 1] + 2) >> 2;
                }
                int last = compWidth - 1;
                row[2 * last] = (plane[p + last] * 3 + plane[p + last - 1] + 1) >> 2;
                row[2 * last + 1] = plane[p + last];
            } else {
                // the upper output row of a pair leans on the row above, the lower on the row below
                int neighbour = oy % 2 == 0 ? Math.max(0, sy - 1) : Math.min(compHeight - 1, sy + 1);
                int p0 = Math.min(sy, compHeight - 1) * stride;
                int p1 = neighbour * stride;
                int thisSum = plane[p0] * 3 + plane[p1];
                int nextSum = plane[p0 + 1] * 3 + plane[p1 + 1];
                row[0] = (thisSum * 4 + 8) >> 4;
                row[1] = (thisSum * 3 + nextSum + 7) >> 4;
                int lastSum = thisSum;
                thisSum = nextSum;
                for (int i = 1; i < compWidth - 1; i++) {
                    nextSum = plane[p0 + i + 1] * 3 + plane[p1 + i + 1];
                    row[2 * i] = (thisSum * 3 + lastSum + 8) >> 4;
                    row[2 * i + 1] = (thisSum * 3 + nextSum + 7) >> 4;
                    lastSum = thisSum;
                    thisSum = nextSum;
                }
                int last = compWidth - 1;
                row[2 * last] = (thisSum * 3 + lastSum + 8) >> 4;
                row[2 * last + 1] = (thisSum * 4 + 7) >> 4;
            }
            System.arraycopy(row, 0, full, oy * width, width);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}

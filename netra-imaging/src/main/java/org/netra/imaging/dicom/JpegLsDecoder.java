package org.netra.imaging.dicom;

/**
 * JPEG-LS (ITU-T T.87 | ISO/IEC 14495-1, LOCO-I) decoding, lossless and near-lossless, of the codestreams
 * DICOM carries (PS3.5 A.4.3): one or more components, each in its own scan or line-interleaved in one,
 * line-interleaved or sample-interleaved in one, any precision from 2 to 16 bits, default or LSE-preset
 * coding parameters. Restart intervals, point transforms and mapping tables are refused with a
 * {@link DicomParseException} naming them.
 * Written from the standard's description of the decoding process (annex A and C).
 */
final class JpegLsDecoder {
    /** Decoded samples, pixel-interleaved. */
    record Image(int width, int height, int components, int[] samples) {}

    private static final int[] J = {
        0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15
    };
    private static final int BASIC_T1 = 3;
    private static final int BASIC_T2 = 7;
    private static final int BASIC_T3 = 21;
    private static final int DEFAULT_RESET = 64;
    private static final int CONTEXTS = 365;

    private final byte[] in;
    private final String src;
    private int pos;

    private int width;
    private int height;
    private int components;
    private int precision;
    private int maxval;
    private int t1;
    private int t2;
    private int t3;
    private int reset = DEFAULT_RESET;
    private boolean presetThresholds;
    private int[] samples;
    private int[] componentIds;
    private int scansRead;

    // per-scan state
    private int near;
    private int range;
    private int qbpp;
    private int limit;
    private final int[] a = new int[CONTEXTS + 2];
    private final int[] b = new int[CONTEXTS + 2];
    private final int[] c = new int[CONTEXTS];
    private final int[] n = new int[CONTEXTS + 2];
    private final int[] nn = new int[2];
    private int runIndex;

    // bit reader
    private long bits;
    private int bitCount;
    private boolean afterFf;

    private final long maxSamples;

    private JpegLsDecoder(byte[] in, String src, long maxSamples) {
        this.in = in;
        this.src = src;
        this.maxSamples = maxSamples;
    }

    /** Decodes one frame; a frame header declaring more than {@code maxSamples} is refused before allocating. */
    static Image decode(byte[] codestream, String src, long maxSamples) throws DicomParseException {
        var d = new JpegLsDecoder(codestream, src, maxSamples);
        try {
            d.run();
        } catch (ArrayIndexOutOfBoundsException e) {
            throw d.error("the JPEG-LS codestream ends early or is damaged");
        }
        return new Image(d.width, d.height, d.components, d.samples);
    }

    private DicomParseException error(String problem) {
        return new DicomParseException(src, 0, problem);
    }

    private int u8() {
        return in[pos++] & 0xff;
    }

    private int u16() {
        return (u8() << 8) | u8();
    }

    private void run() throws DicomParseException {
        if (in.length < 4 || u16() != 0xffd8) {
            throw error("the JPEG-LS frame does not start with SOI (FFD8)");
        }
        int scans = 0;
        while (true) {
            int marker = nextMarker();
            switch (marker) {
                case 0xfff7 -> frameHeader();
                case 0xfff8 -> presets();
                case 0xffda -> {
                    if (samples == null) {
                        throw error("a JPEG-LS scan comes before the frame header (SOF55)");
                    }
                    scan();
                    scans++;
                }
                case 0xffd9 -> {
                    if (scans == 0) {
                        throw error("the JPEG-LS frame ends before any scan");
                    }
                    return;
                }
                case 0xffdd -> throw error("JPEG-LS restart intervals (DRI) are not supported");
                default -> {
                    if (marker >= 0xffc0
                            && marker <= 0xffcf
                            && marker != 0xffc4
                            && marker != 0xffc8
                            && marker != 0xffcc) {
                        throw error(String.format("marker %04X is not JPEG-LS (a different JPEG process)", marker));
                    }
                    int length = u16();
                    if (length < 2) {
                        throw error(String.format("marker %04X has length %d", marker, length));
                    }
                    pos += length - 2; // APPn, COM and others: skipped
                }
            }
        }
    }

    private int nextMarker() throws DicomParseException {
        while (pos + 1 < in.length) {
            if ((in[pos] & 0xff) == 0xff && (in[pos + 1] & 0xff) >= 0xc0 && (in[pos + 1] & 0xff) != 0xff) {
                return u16();
            }
            pos++;
        }
        throw error("the JPEG-LS codestream ends without EOI (FFD9)");
    }

    private void frameHeader() throws DicomParseException {
        int length = u16();
        precision = u8();
        height = u16();
        width = u16();
        components = u8();
        componentIds = new int[components];
        for (int i = 0; i < components; i++) {
            componentIds[i] = in[pos + 3 * i] & 0xff;
        }
        pos += 3 * components;
        if (length != 8 + 3 * components) {
            throw error("the JPEG-LS frame header (SOF55) has length " + length);
        }
        if (precision < 2 || precision > 16 || width < 1 || height < 1 || components < 1 || components > 4) {
            throw error("JPEG-LS frame of " + width + "×" + height + "×" + components + " at " + precision
                    + " bits is not decodable");
        }
        if ((long) width * height * components > maxSamples) {
            throw error("the JPEG-LS frame declares " + width + "×" + height + "×" + components
                    + " samples, more than the data set's frame holds");
        }
        if (maxval == 0) {
            maxval = (1 << precision) - 1;
        }
        samples = new int[width * height * components];
    }

    private void presets() throws DicomParseException {
        int length = u16();
        int id = u8();
        if (id != 1) {
            throw error("JPEG-LS preset parameters of type " + id + " (mapping tables) are not supported");
        }
        int mv = u16();
        t1 = u16();
        t2 = u16();
        t3 = u16();
        int r = u16();
        if (length < 13) {
            throw error("the JPEG-LS preset parameters (LSE) have length " + length);
        }
        pos += length - 13;
        if (mv != 0) {
            maxval = mv;
        }
        if (r != 0) {
            reset = r;
        }
        presetThresholds = t1 != 0 || t2 != 0 || t3 != 0;
    }

    private void scan() throws DicomParseException {
        int length = u16();
        int ns = u8();
        int[] ids = new int[ns];
        for (int i = 0; i < ns; i++) {
            ids[i] = u8();
            if (u8() != 0) {
                throw error("JPEG-LS mapping tables are not supported");
            }
        }
        near = u8();
        int interleave = u8();
        int pointTransform = u8() & 0x0f;
        if (length != 6 + 2 * ns) {
            throw error("the JPEG-LS scan header has length " + length);
        }
        if (ns != 1 && interleave != 1 && interleave != 2) {
            throw error("JPEG-LS interleave mode " + interleave + " with " + ns
                    + " components in one scan (T.87 allows 1, line, or 2, sample)");
        }
        if (pointTransform != 0) {
            throw error("JPEG-LS point transform " + pointTransform + " is not supported");
        }
        if (near > Math.min(255, maxval / 2)) {
            throw error("JPEG-LS NEAR " + near + " is out of range for MAXVAL " + maxval);
        }
        int[] scanComponents = new int[ns];
        for (int i = 0; i < ns; i++) {
            scanComponents[i] = scanComponent(ids[i]);
            scansRead++;
        }
        setUpCoding();
        bits = 0;
        bitCount = 0;
        afterFf = false;
        if (ns > 1 && interleave == 2) {
            decodePixels(scanComponents);
        } else {
            decodeLines(scanComponents);
        }
        // the scan's bits end at a byte boundary; a marker follows
    }

    /** The frame position of the component a scan names; an unknown identifier takes the scan's order. */
    private int scanComponent(int id) throws DicomParseException {
        for (int i = 0; i < components; i++) {
            if (componentIds[i] == id) {
                return i;
            }
        }
        if (scansRead < components) {
            return scansRead;
        }

        throw error("a JPEG-LS scan names component " + id + ", which the frame does not have");
    }

    private void setUpCoding() {
        range = (maxval + 2 * near) / (2 * near + 1) + 1;
        qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxval + 1));
        limit = 2 * (bpp + Math.max(8, bpp));
        if (!presetThresholds || t1 == 0 || t2 == 0 || t3 == 0) {
            int[] d = defaultThresholds();
            t1 = presetThresholds && t1 != 0 ? t1 : d[0];
            t2 = presetThresholds && t2 != 0 ? t2 : d[1];
            t3 = presetThresholds && t3 != 0 ? t3 : d[2];
        }
        int aInit = Math.max(2, (range + 32) / 64);
        java.util.Arrays.fill(a, aInit);
        java.util.Arrays.fill(b, 0);
        java.util.Arrays.fill(c, 0);
        java.util.Arrays.fill(n, 1);
        nn[0] = 0;
        nn[1] = 0;
        runIndex = 0;
    }

    /** T.87 C.2.4.1.1: the default thresholds for MAXVAL and NEAR. */
    private int[] defaultThresholds() {
        if (maxval >= 128) {
            int factor = (Math.min(maxval, 4095) + 128) / 256;
            int d1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1);
            int d2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, d1);
            int d3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, d2);
            return new int[] {d1, d2, d3};
        }
        int factor = 256 / (maxval + 1);
        int d1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1);
        int d2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), d1);
        int d3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), d2);
        return new int[] {d1, d2, d3};
    }

    private int clamp(int i, int j) {
        return i > maxval || i < j ? j : i;
    }

    private static int ceilLog2(int v) {
        int k = 0;
        while ((1L << k) < v) {
            k++;
        }
        return k;
    }

    /**
     * The lines of a scan's components: one component (no interleave), or several line by line (T.87 annex
     * B.2: line interleave), where the components share the context variables but each keeps its own run
     * index and neighbouring lines.
     */
    private void decodeLines(int[] scanComponents) throws DicomParseException {
        int m = scanComponents.length;
        int[][] prev = new int[m][width + 2];
        int[][] cur = new int[m][width + 2];
        int[] runIndices = new int[m];
        for (int y = 0; y < height; y++) {
            for (int ci = 0; ci < m; ci++) {
                runIndex = runIndices[ci];
                decodeLine(cur[ci], prev[ci]);
                runIndices[ci] = runIndex;
                int component = scanComponents[ci];
                for (int i = 1; i <= width; i++) {
                    samples[((y * width) + i - 1) * components + component] = cur[ci][i];
                }
                int[] t = prev[ci];
                prev[ci] = cur[ci];
                cur[ci] = t;
            }
        }
    }

    /**
     * The pixels of a sample-interleaved scan (T.87 annex B.3): pixel by pixel, each component in turn. The
     * components share the context variables and one run index; a pixel enters run mode only when every
     * component's gradients are zero, the run goes on while every component repeats its left neighbour, and
     * each component of the interruption pixel is coded with run-interruption context 0, predicted from its
     * upper neighbour.
     */
    private void decodePixels(int[] scanComponents) throws DicomParseException {
        int m = scanComponents.length;
        int[][] prev = new int[m][width + 2];
        int[][] cur = new int[m][width + 2];
        int[] qs = new int[m];
        for (int y = 0; y < height; y++) {
            for (int ci = 0; ci < m; ci++) {
                cur[ci][0] = prev[ci][1];
                prev[ci][width + 1] = prev[ci][width];
            }
            int x = 1;
            while (x <= width) {
                boolean flat = true;
                for (int ci = 0; ci < m; ci++) {
                    qs[ci] = context(cur[ci], prev[ci], x);
                    flat &= qs[ci] == 0;
                }
                if (flat) {
                    x += runModePixels(cur, prev, x);
                    continue;
                }
                for (int ci = 0; ci < m; ci++) {
                    cur[ci][x] = regular(qs[ci], cur[ci][x - 1], prev[ci][x], prev[ci][x - 1]);
                }
                x++;
            }
            for (int ci = 0; ci < m; ci++) {
                int component = scanComponents[ci];
                for (int i = 1; i <= width; i++) {
                    samples[((y * width) + i - 1) * components + component] = cur[ci][i];
                }
                int[] t = prev[ci];
                prev[ci] = cur[ci];
                cur[ci] = t;
            }
        }
    }

    /** The context number of sample x from its neighbours (T.87 A.3): quantized gradients D1, D2, D3. */
    private int context(int[] cur, int[] prev, int x) {
        int ra = cur[x - 1];
        int rb = prev[x];
        int rc = prev[x - 1];
        int rd = prev[x + 1];
        return (quantize(rd - rb) * 9 + quantize(rb - rc)) * 9 + quantize(rc - ra);
    }

    /** Run mode of a sample-interleaved scan: the run of whole pixels, then the interruption pixel if any. */
    private int runModePixels(int[][] cur, int[][] prev, int x) throws DicomParseException {
        int count = runLength(width - x + 1);
        for (int[] line : cur) {
            for (int i = 0; i < count; i++) {
                line[x + i] = line[x - 1];
            }
        }
        int end = x + count;
        if (end > width) {
            return count;
        }
        for (int ci = 0; ci < cur.length; ci++) {
            int ra = cur[ci][x - 1];
            int rb = prev[ci][end];
            int err = interruption(0);
            cur[ci][end] = reconstruct(rb, ra > rb ? -err : err);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    private void decodeLine(int[] cur, int[] prev) throws DicomParseException {
        cur[0] = prev[1];
        prev[width + 1] = prev[width];
        int x = 1;
        while (x <= width) {
            int qs = context(cur, prev, x);
            if (qs == 0) {
                x += runMode(cur, prev, x);
                continue;
            }
            cur[x] = regular(qs, cur[x - 1], prev[x], prev[x - 1]);
            x++;
        }
    }

    private int quantize(int d) {
        if (d <= -t3) {
            return -4;
        }
        if (d <= -t2) {
            return -3;
        }
        if (d <= -t1) {
            return -2;
        }
        if (d < -near) {
            return -1;
        }
        if (d <= near) {
            return 0;
        }
        if (d < t1) {
            return 1;
        }
        if (d < t2) {
            return 2;
        }
        if (d < t3) {
            return 3;
        }
        return 4;
    }

    private int regular(int qs, int ra, int rb, int rc) throws DicomParseException {
        int sign = qs < 0 ? -1 : 1;
        int q = Math.abs(qs);
        int px;
        if (rc >= Math.max(ra, rb)) {
            px = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            px = Math.max(ra, rb);
        } else {
            px = ra + rb - rc;
        }
        px += sign * c[q];
        px = Math.max(0, Math.min(maxval, px));
        int k = 0;
        while ((n[q] << k) < a[q]) {
            k++;
        }
        int mErr = golomb(k, limit);
        int err = (mErr & 1) == 0 ? mErr >> 1 : -((mErr + 1) >> 1);
        if (k == 0 && near == 0 && 2 * b[q] + n[q] - 1 < 0) {
            err = -err - 1;
        }
        update(q, err);
        return reconstruct(px, sign * err);
    }

    /** T.87 A.6: context variables A, B, N updated and the bias C adapted. */
    private void update(int q, int err) {
        int av = a[q] + Math.abs(err);
        int bv = b[q] + err * (2 * near + 1);
        int nv = n[q];
        if (nv == reset) {
            av >>= 1;
            bv >>= 1;
            nv >>= 1;
        }
        nv++;
        a[q] = av;
        n[q] = nv;
        if (bv + nv <= 0) {
            bv += nv;
            if (bv <= -nv) {
                bv = -nv + 1;
            }
            if (c[q] > -128) {
                c[q]--;
            }
        } else if (bv > 0) {
            bv -= nv;
            if (bv > 0) {
                bv = 0;
            }
            if (c[q] < 127) {
                c[q]++;
            }
        }
        b[q] = bv;
    }

    private int reconstruct(int px, int err) {
        int rx = px + err * (2 * near + 1);
        if (rx < -near) {
            rx += range * (2 * near + 1);
        } else if (rx > maxval + near) {
            rx -= range * (2 * near + 1);
        }
        return Math.max(0, Math.min(maxval, rx));
    }

    /** T.87 A.7: a run of Ra (within NEAR) to the line end, or ended by an interruption sample. */
    private int runMode(int[] cur, int[] prev, int x) throws DicomParseException {
        int ra = cur[x - 1];
        int count = runLength(width - x + 1);
        for (int i = 0; i < count; i++) {
            cur[x + i] = ra;
        }
        int end = x + count;
        if (end > width) {
            return count;
        }
        int rb = prev[end];
        if (Math.abs(ra - rb) <= near) {
            cur[end] = reconstruct(ra, interruption(1));
        } else {
            int err = interruption(0);
            cur[end] = reconstruct(rb, rb > ra ? err : -err);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    /** T.87 A.7.1: the length of a run, at most {@code left} samples (to the line end). */
    private int runLength(int left) throws DicomParseException {
        int count = 0;
        while (readBit() == 1) {
            int step = Math.min(1 << J[runIndex], left - count);
            count += step;
            if (step == (1 << J[runIndex]) && runIndex < 31) {
                runIndex++;
            }
            if (count == left) {
                break;
            }
        }
        if (count != left) {
            count += J[runIndex] > 0 ? readBits(J[runIndex]) : 0;
        }
        if (count > left) {
            throw error("a JPEG-LS run runs past the end of its line");
        }
        return count;
    }

    /** T.87 A.7.2: the error of a run interruption sample, in context 365 + type. */
    private int interruption(int type) throws DicomParseException {
        int q = CONTEXTS + type;
        int temp = type == 0 ? a[q] : a[q] + (n[q] >> 1);
        int k = 0;
        while ((n[q] << k) < temp) {
            k++;
        }
        int emErr = golomb(k, limit - J[runIndex] - 1);
        int t = emErr + type;
        int map = t & 1;
        int abs = (t + map) / 2;
        int err = ((k != 0 || 2 * nn[type] >= n[q]) == (map == 1)) ? -abs : abs;
        if (err < 0) {
            nn[type]++;
        }
        a[q] += (emErr + 1 - type) >> 1;
        if (n[q] == reset) {
            a[q] >>= 1;
            n[q] >>= 1;
            nn[type] >>= 1;
        }
        n[q]++;
        return err;
    }

    /** A limited-length Golomb code (T.87 A.5.3): unary high bits, then k low bits, or an escape of qbpp bits. */
    private int golomb(int k, int lim) throws DicomParseException {
        int high = 0;
        while (readBit() == 0) {
            high++;
            if (high > lim) {
                throw error("a JPEG-LS Golomb code is longer than its limit " + lim);
            }
        }
        if (high >= lim - (qbpp + 1)) {
            return readBits(qbpp) + 1;
        }
        return k == 0 ? high : (high << k) | readBits(k);
    }

    private int readBit() throws DicomParseException {
        if (bitCount == 0) {
            fill();
        }
        bitCount--;
        return (int) (bits >>> bitCount) & 1;
    }

    private int readBits(int count) throws DicomParseException {
        int v = 0;
        for (int i = 0; i < count; i++) {
            v = (v << 1) | readBit();
        }
        return v;
    }

    /** One more byte; after an FF its first bit is a stuffed 0 (T.87 A.1), so it carries 7 bits. */
    private void fill() throws DicomParseException {
        if (pos >= in.length) {
            throw error("the JPEG-LS scan ends early");
        }
        int v = in[pos++] & 0xff;
        if (afterFf) {
            if (v >= 0x80) {
                throw error("the JPEG-LS scan ends early (a marker in its data)");
            }
            bits = (bits << 7) | v;
            bitCount += 7;
        } else {
            bits = (bits << 8) | v;
            bitCount += 8;
        }
        afterFf = v == 0xff;
    }
}

package org.netra.imaging.dicom;

/**
 * The byte stream of one JPEG frame (ITU-T T.81) shared by netra's lossless and DCT decoders: marker
 * segments (annex B), frame headers, Huffman tables (annex C) and the entropy-coded bits with byte
 * stuffing and restart markers (F.2.2.5, F.2.2.3). Every read is bounded by the frame's bytes; past the
 * end or a marker the entropy decoder reads zeros, so a damaged stream ends as an error or as wrong
 * pixels, never as a hang.
 */
final class JpegStream {
    static final int SOF0 = 0xc0;
    static final int SOF1 = 0xc1;
    static final int SOF3 = 0xc3;
    static final int DHT = 0xc4;
    static final int SOI = 0xd8;
    static final int EOI = 0xd9;
    static final int SOS = 0xda;
    static final int DQT = 0xdb;
    static final int DRI = 0xdd;

    /** A decoded frame: {@code width × height × components} samples, interleaved. */
    record Image(int width, int height, int components, int precision, int[] samples) {}

    /** One marker segment: the marker and the bounds of its parameters (after the length field). */
    record Segment(int marker, int start, int end) {}

    /** A frame component: identifier, sampling factors and quantisation table selector (B.2.2). */
    record Component(int id, int h, int v, int tq) {}

    /** A frame header (B.2.2). */
    record Frame(int marker, int precision, int height, int width, Component[] components) {
        int maxH() {
            int m = 1;
            for (Component c : components) {
                m = Math.max(m, c.h());
            }
            return m;
        }

        int maxV() {
            int m = 1;
            for (Component c : components) {
                m = Math.max(m, c.v());
            }
            return m;
        }

        int indexOf(int id) {
            for (int i = 0; i < components.length; i++) {
                if (components[i].id() == id) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final byte[] data;
    private final String source;
    private final String what;
    private int pos;

    // entropy-coded segment reader state
    private int bitBuffer;
    private int bitCount;
    private boolean markerHit;

    /** {@code what} names the coding in error messages, e.g. "JPEG lossless". */
    JpegStream(byte[] data, String source, String what) throws DicomParseException {
        this.data = data;
        this.source = source;
        this.what = what;
        if (data.length < 4 || u8(0) != 0xff || u8(1) != SOI) {
            throw error("the JPEG frame does not start with an SOI marker (FFD8)");
        }
        pos = 2;
    }

    int length() {
        return data.length;
    }

    /**
     * The next marker segment, or null at EOI or the end of the data. Stand-alone markers (RSTn, TEM) and
     * fill bytes are skipped.
     */
    Segment nextSegment() throws DicomParseException {
        while (true) {
            int marker = nextMarker();
            if (marker == EOI || marker < 0) {
                return null;
            }
            if (marker >= 0xd0 && marker <= 0xd7 || marker == 0x01) {
                continue;
            }
            int length = u16(pos);
            if (length < 2 || pos + length > data.length) {
                throw error("JPEG marker FF" + hex(marker) + " segment length " + length + " runs past the frame");
            }
            Segment s = new Segment(marker, pos + 2, pos + length);
            pos += length;
            return s;
        }
    }

    private int nextMarker() {
        while (pos + 1 < data.length) {
            if (u8(pos) == 0xff && u8(pos + 1) != 0xff && u8(pos + 1) != 0x00) {
                int m = u8(pos + 1);
                pos += 2;
                return m;
            }
            pos++;
        }
        return -1;
    }

    /** True for the start-of-frame markers SOF0…SOF15 (DHT, JPG and DAC share the range but are not). */
    static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != DHT && marker != 0xc8 && marker != 0xcc;
    }

    /**
     * Reads a frame header, refusing more than {@code maxComponents} components, sampling factors outside
     * 1–4 and images of more than {@code maxSamples} samples (a bound the caller derives from the data
     * size, so a hostile header cannot make it allocate much more than the file holds).
     */
    Frame readFrame(Segment s, int maxComponents, long maxSamples) throws DicomParseException {
        int at = s.start();
        if (s.end() - at < 6) {
            throw error("truncated JPEG frame header");
        }
        int precision = u8(at);
        int height = u16(at + 1);
        int width = u16(at + 3);
        int n = u8(at + 5);
        if (precision < 2
                || precision > 16
                || width == 0
                || height == 0
                || n == 0
                || n > maxComponents
                || s.end() - at < 6 + 3 * n) {
            throw error("invalid or unsupported JPEG frame header (precision " + precision + ", " + width + "×"
                    + height + ", " + n + " components; netra reads 1 to " + maxComponents
                    + " components and needs the height in the frame header)");
        }
        long total = (long) width * height * n;
        if (total > maxSamples) {
            throw error("the JPEG frame declares " + total + " samples, more than its " + data.length
                    + " bytes of data could hold");
        }
        Component[] components = new Component[n];
        for (int c = 0; c < n; c++) {
            int p = at + 6 + 3 * c;
            int h = u8(p + 1) >> 4;
            int v = u8(p + 1) & 0x0f;
            int tq = u8(p + 2);
            if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) {
                throw error("JPEG component " + u8(p) + " has sampling " + h + "×" + v + " or quantisation table " + tq
                        + " outside T.81's ranges (1–4, 0–3)");
            }
            components[c] = new Component(u8(p), h, v, tq);
        }
        return new Frame(s.marker(), precision, height, width, components);
    }

    /** Reads a DHT segment into {@code dc} (class 0) and {@code ac} (class 1) tables by identifier. */
    void readHuffmanTables(Segment s, HuffmanTable[] dc, HuffmanTable[] ac) throws DicomParseException {
        int at = s.start();
        while (at < s.end()) {
            int tc = u8(at) >> 4;
            int th = u8(at) & 0x0f;
            if (tc > 1 || th > 3 || at + 17 > s.end()) {
                throw error("invalid JPEG Huffman table (class " + tc + ", id " + th + ")");
            }
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = u8(at + l);
                total += counts[l];
            }
            if (at + 17 + total > s.end()) {
                throw error("truncated JPEG Huffman table");
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = u8(at + 17 + i);
            }
            (tc == 0 ? dc : ac)[th] = new HuffmanTable(counts, values);
            at += 17 + total;
        }
    }

    /** The restart interval of a DRI segment, in MCUs (0: none). */
    int restartInterval(Segment s) throws DicomParseException {
        if (s.end() - s.start() < 2) {
            throw error("truncated JPEG restart interval segment");
        }
        return u16(s.start());
    }

    /** Starts reading the entropy-coded data that follows a scan header. */
    void startEntropyCodedData(Segment scanHeader) {
        pos = scanHeader.end();
        resetBits();
    }

    private void resetBits() {
        bitBuffer = 0;
        bitCount = 0;
        markerHit = false;
    }

    /** Skips to the next RSTn marker, past it, and restarts the bit reader (F.2.2.3). */
    void readRestartMarker() throws DicomParseException {
        resetBits();
        while (pos + 1 < data.length && !(u8(pos) == 0xff && u8(pos + 1) >= 0xd0 && u8(pos + 1) <= 0xd7)) {
            pos++;
        }
        if (pos + 1 >= data.length) {
            throw error("a JPEG restart marker is missing");
        }
        pos += 2;
    }

    /** Moves past the rest of the entropy-coded data to the next marker that is not RSTn. */
    void endEntropyCodedData() {
        while (pos + 1 < data.length
                && !(u8(pos) == 0xff && u8(pos + 1) != 0 && (u8(pos + 1) < 0xd0 || u8(pos + 1) > 0xd7))) {
            pos++;
        }
    }

    int bit() {
        if (bitCount == 0) {
            fill();
        }
        bitCount--;
        return (bitBuffer >>> bitCount) & 1;
    }

    int bits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    /** Reads {@code s} bits and extends them to a signed value (T.81 F.2.2.1, RECEIVE and EXTEND). */
    int receiveExtend(int s) {
        if (s == 0) {
            return 0;
        }
        int v = bits(s);
        return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
    }

    /** Loads the next byte of entropy-coded data, skipping stuffed zeros; past a marker, zeros (T.81 F.2.2.5). */
    private void fill() {
        int b = 0;
        if (!markerHit && pos < data.length) {
            b = u8(pos);
            if (b == 0xff) {
                int next = pos + 1 < data.length ? u8(pos + 1) : EOI;
                if (next == 0) {
                    pos += 2;
                } else {
                    markerHit = true;
                    b = 0;
                }
            } else {
                pos++;
            }
        }
        bitBuffer = b;
        bitCount = 8;
    }

    DicomParseException error(String problem) {
        return new DicomParseException(source, pos, "in its " + what + " pixel data: " + problem);
    }

    int u8(int at) {
        return data[at] & 0xff;
    }

    int u16(int at) {
        if (at + 1 >= data.length) {
            return 0;
        }
        return (u8(at) << 8) | u8(at + 1);
    }

    static String hex(int v) {
        return String.format("%02X", v);
    }

    /** A canonical Huffman code (T.81 annex C), decoded bit by bit against the largest code per length (F.2.2.3). */
    static final class HuffmanTable {
        private final int[] maxCode = new int[17];
        private final int[] valuePointer = new int[17];
        private final int[] minCode = new int[17];
        private final int[] values;

        HuffmanTable(int[] counts, int[] values) {
            this.values = values;
            int code = 0;
            int k = 0;
            for (int l = 1; l <= 16; l++) {
                valuePointer[l] = k;
                minCode[l] = code;
                code += counts[l];
                k += counts[l];
                maxCode[l] = counts[l] == 0 ? -1 : code - 1;
                code <<= 1;
            }
        }

        int decode(JpegStream in) throws DicomParseException {
            int code = in.bit();
            for (int l = 1; l <= 16; l++) {
                if (code <= maxCode[l]) {
                    int i = valuePointer[l] + code - minCode[l];
                    if (i < 0 || i >= values.length) {
                        throw in.error("a Huffman code outside its table");
                    }
                    return values[i];
                }
                code = (code << 1) | in.bit();
            }
            throw in.error("a Huffman code longer than 16 bits");
        }
    }
}

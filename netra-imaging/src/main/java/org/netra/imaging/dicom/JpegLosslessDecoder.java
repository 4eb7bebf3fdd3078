package org.netra.imaging.dicom;

/**
 * A decoder for lossless JPEG (ITU-T T.81 annex H, process 14: Huffman-coded differences from one of
 * seven predictors, optional point transform and restart intervals), as used by DICOM transfer
 * syntaxes 1.2.840.10008.1.2.4.57 and .70. It returns the samples of one frame, components interleaved.
 */
final class JpegLosslessDecoder {
    /** The decoded image: {@code width × height × components} samples, interleaved. */
    record Image(int width, int height, int components, int precision, int[] samples) {}

    private static final int SOI = 0xd8;
    private static final int EOI = 0xd9;
    private static final int SOS = 0xda;
    private static final int DHT = 0xc4;
    private static final int DRI = 0xdd;
    private static final int SOF3 = 0xc3;

    private final byte[] data;
    private final String source;
    private int pos;
    private final HuffmanTable[] tables = new HuffmanTable[4];
    private int restartInterval;
    private int width;
    private int height;
    private int precision;
    private int[] componentIds;
    private int[] samples;

    // entropy-coded segment reader state
    private int bitBuffer;
    private int bitCount;
    private boolean markerHit;

    private JpegLosslessDecoder(byte[] data, String source) {
        this.data = data;
        this.source = source;
    }

    /** Decodes a frame; {@code maxSamples} bounds what a hostile header may make it allocate. */
    static Image decode(byte[] frame, String source, long maxSamples) throws DicomParseException {
        return new JpegLosslessDecoder(frame, source).run(maxSamples);
    }

    private Image run(long maxSamples) throws DicomParseException {
        if (data.length < 4 || u8(0) != 0xff || u8(1) != SOI) {
            throw error("the JPEG frame does not start with an SOI marker (FFD8)");
        }
        pos = 2;
        boolean sawScan = false;
        while (true) {
            int marker = nextMarker();
            if (marker == EOI || marker < 0) {
                if (!sawScan) {
                    throw error("the JPEG frame has no scan");
                }
                break;
            }
            if (marker >= 0xd0 && marker <= 0xd7 || marker == 0x01) {
                continue; // stand-alone markers
            }
            int length = u16(pos);
            if (length < 2 || pos + length > data.length) {
                throw error("JPEG marker FF" + hex(marker) + " segment length " + length + " runs past the frame");
            }
            int segment = pos + 2;
            int segmentEnd = pos + length;
            switch (marker) {
                case SOF3 -> readFrameHeader(segment, segmentEnd, maxSamples);
                case DHT -> readHuffmanTables(segment, segmentEnd);
                case DRI -> restartInterval = u16(segment);
                case SOS -> {
                    pos = segmentEnd;
                    readScan(segment);
                    sawScan = true;
                    continue;
                }
                default -> {
                    if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                        throw error("JPEG process SOF" + (marker - 0xc0)
                                + " is not lossless process 14 (SOF3); the frame header and transfer syntax disagree");
                    }
                }
            }
            pos = segmentEnd;
        }
        return new Image(width, height, componentIds.length, precision, samples);
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

    private void readFrameHeader(int at, int end, long maxSamples) throws DicomParseException {
        if (end - at < 6) {
            throw error("truncated JPEG frame header");
        }
        precision = u8(at);
        height = u16(at + 1);
        width = u16(at + 3);
        int n = u8(at + 5);
        if (precision < 2 || precision > 16 || width == 0 || height == 0 || n == 0 || end - at < 6 + 3 * n) {
            throw error("invalid JPEG lossless frame header (precision " + precision + ", " + width + "×" + height
                    + ", " + n + " components)");
        }
        long total = (long) width * height * n;
        if (total > maxSamples) {
            throw error("the JPEG frame declares " + total + " samples, more than its " + maxSamples
                    + " bytes of data could hold");
        }
        componentIds = new int[n];
        for (int c = 0; c < n; c++) {
            componentIds[c] = u8(at + 6 + 3 * c);
        }
        samples = new int[(int) total];
    }

    private void readHuffmanTables(int at, int end) throws DicomParseException {
        while (at < end) {
            int tc = u8(at) >> 4;
            int th = u8(at) & 0x0f;
            if (tc != 0 || th > 3 || at + 17 > end) {
                throw error("invalid JPEG Huffman table (class " + tc + ", id " + th + ")");
            }
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = u8(at + l);
                total += counts[l];
            }
            if (at + 17 + total > end) {
                throw error("truncated JPEG Huffman table");
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = u8(at + 17 + i);
            }
            tables[th] = new HuffmanTable(counts, values);
            at += 17 + total;
        }
    }

    private void readScan(int at) throws DicomParseException {
        if (samples == null) {
            throw error("JPEG scan before the frame header");
        }
        int ns = u8(at);
        int nc = componentIds.length;
        int[] index = new int[ns];
        HuffmanTable[] dc = new HuffmanTable[ns];
        for (int i = 0; i < ns; i++) {
            int id = u8(at + 1 + 2 * i);
            int td = u8(at + 2 + 2 * i) >> 4;
            index[i] = -1;
            for (int c = 0; c < nc; c++) {
                if (componentIds[c] == id) {
                    index[i] = c;
                }
            }
            if (index[i] < 0 || td > 3 || tables[td] == null) {
                throw error("JPEG scan names component " + id + " or Huffman table " + td + " that is not defined");
            }
            dc[i] = tables[td];
        }
        int predictor = u8(at + 1 + 2 * ns);
        int pointTransform = u8(at + 3 + 2 * ns) & 0x0f;
        if (predictor < 1 || predictor > 7) {
            throw error("JPEG lossless predictor " + predictor + " is not 1 to 7");
        }
        bitBuffer = 0;
        bitCount = 0;
        markerHit = false;
        int initial = 1 << (precision - pointTransform - 1);
        int mcusUntilRestart = restartInterval;
        for (int y = 0; y < height; y++) {
            // the first line of the scan, and of each restart interval, predicts from the left only (H.1.2.1)
            boolean firstLine = y == 0;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (restartInterval > 0 && mcusUntilRestart == 0) {
                    readRestartMarker();
                    mcusUntilRestart = restartInterval;
                    firstLine = true;
                }
                for (int i = 0; i < ns; i++) {
                    int c = index[i];
                    int here = (row + x) * nc + c;
                    int prediction;
                    if (firstLine) {
                        prediction = x == 0 ? initial : samples[here - nc];
                    } else if (x == 0) {
                        prediction = samples[here - width * nc];
                    } else {
                        int ra = samples[here - nc];
                        int rb = samples[here - width * nc];
                        int rc = samples[here - width * nc - nc];
                        prediction = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    samples[here] = (prediction + difference(dc[i])) & 0xffff;
                }
                if (restartInterval > 0) {
                    mcusUntilRestart--;
                }
            }
        }
        if (pointTransform > 0) {
            for (int i = 0; i < samples.length; i++) {
                samples[i] <<= pointTransform;
            }
        }
        // continue marker parsing after the entropy-coded data
        while (pos + 1 < data.length
                && !(u8(pos) == 0xff && u8(pos + 1) != 0 && (u8(pos + 1) < 0xd0 || u8(pos + 1) > 0xd7))) {
            pos++;
        }
    }

    private void readRestartMarker() throws DicomParseException {
        bitBuffer = 0;
        bitCount = 0;
        markerHit = false;
        while (pos + 1 < data.length && !(u8(pos) == 0xff && u8(pos + 1) >= 0xd0 && u8(pos + 1) <= 0xd7)) {
            pos++;
        }
        if (pos + 1 >= data.length) {
            throw error("a JPEG restart marker is missing");
        }
        pos += 2;
    }

    private int difference(HuffmanTable table) throws DicomParseException {
        int ssss = table.decode(this);
        if (ssss == 0) {
            return 0;
        }
        if (ssss == 16) {
            return 32768;
        }
        if (ssss > 16) {
            throw error("invalid JPEG difference category " + ssss);
        }
        int v = bits(ssss);
        return v < (1 << (ssss - 1)) ? v - (1 << ssss) + 1 : v;
    }

    int bit() {
        if (bitCount == 0) {
            fill();
        }
        bitCount--;
        return (bitBuffer >>> bitCount) & 1;
    }

    private int bits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    /** Loads the next byte of entropy-coded data, skipping stuffed zeros; past a marker, zeros (T.81 F.2.2.5). */
    private void fill() {
        int b = 0;
        if (!markerHit && pos < data.length) {
            b = u8(pos);
            if (b == 0xff) {
                int next = pos + 1 < data.length ? u8(pos + 1) : 0xd9;
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
        return new DicomParseException(source, pos, "in its JPEG lossless pixel data: " + problem);
    }

    private int u8(int at) {
        return data[at] & 0xff;
    }

    private int u16(int at) {
        if (at + 1 >= data.length) {
            return 0;
        }
        return (u8(at) << 8) | u8(at + 1);
    }

    private static String hex(int v) {
        return String.format("%02X", v);
    }

    /** A canonical Huffman code (T.81 annex C), decoded bit by bit against the longest code per length. */
    static final class HuffmanTable {
        private final int[] maxCode = new int[18];
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
            maxCode[17] = Integer.MAX_VALUE;
        }

        int decode(JpegLosslessDecoder in) throws DicomParseException {
            int code = in.bit();
            for (int l = 1; l <= 16; l++) {
                if (code <= maxCode[l]) {
                    return values[valuePointer[l] + code - minCode[l]];
                }
                code = (code << 1) | in.bit();
            }
            throw in.error("a Huffman code longer than 16 bits");
        }
    }
}

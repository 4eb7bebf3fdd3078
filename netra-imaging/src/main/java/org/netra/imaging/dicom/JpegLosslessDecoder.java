package org.netra.imaging.dicom;

/**
 * A decoder for lossless JPEG (ITU-T T.81 annex H, process 14: Huffman-coded differences from one of
 * seven predictors, optional point transform and restart intervals), as used by DICOM transfer
 * syntaxes 1.2.840.10008.1.2.4.57 and .70. It returns the samples of one frame, components interleaved.
 */
final class JpegLosslessDecoder {
    private final JpegStream in;
    private final JpegStream.HuffmanTable[] tables = new JpegStream.HuffmanTable[4];
    private int restartInterval;
    private JpegStream.Frame frame;
    private int[] samples;
    private boolean[] decoded;

    private JpegLosslessDecoder(JpegStream in) {
        this.in = in;
    }

    /** Decodes a frame; {@code maxSamples} bounds what a hostile header may make it allocate. */
    static JpegStream.Image decode(byte[] frame, String source, long maxSamples) throws DicomParseException {
        return new JpegLosslessDecoder(new JpegStream(frame, source, "JPEG lossless")).run(maxSamples);
    }

    private JpegStream.Image run(long maxSamples) throws DicomParseException {
        boolean sawScan = false;
        JpegStream.Segment s;
        while ((s = in.nextSegment()) != null) {
            switch (s.marker()) {
                case JpegStream.SOF3 -> {
                    if (frame != null) {
                        throw in.error("a second JPEG frame header");
                    }
                    frame = in.readFrame(s, 4, maxSamples);
                    samples = new int[frame.width() * frame.height() * frame.components().length];
                    decoded = new boolean[frame.components().length];
                }
                case JpegStream.DHT -> in.readHuffmanTables(s, tables, new JpegStream.HuffmanTable[4]);
                case JpegStream.DRI -> restartInterval = in.restartInterval(s);
                case JpegStream.SOS -> {
                    readScan(s);
                    sawScan = true;
                }
                default -> {
                    if (JpegStream.isStartOfFrame(s.marker())) {
                        throw in.error("JPEG process SOF" + (s.marker() - 0xc0)
                                + " is not lossless process 14 (SOF3); the frame header and transfer syntax disagree");
                    }
                }
            }
        }
        if (!sawScan) {
            throw in.error("the JPEG frame has no scan");
        }
        return new JpegStream.Image(
                frame.width(), frame.height(), frame.components().length, frame.precision(), samples);
    }

    private void readScan(JpegStream.Segment s) throws DicomParseException {
        if (frame == null) {
            throw in.error("JPEG scan before the frame header");
        }
        int at = s.start();
        int ns = in.u8(at);
        if (ns < 1 || s.end() - at < 4 + 2 * ns) {
            throw in.error("truncated JPEG scan header");
        }
        int nc = frame.components().length;
        int[] index = new int[ns];
        JpegStream.HuffmanTable[] dc = new JpegStream.HuffmanTable[ns];
        for (int i = 0; i < ns; i++) {
            int id = in.u8(at + 1 + 2 * i);
            int td = in.u8(at + 2 + 2 * i) >> 4;
            index[i] = frame.indexOf(id);
            if (index[i] < 0 || td > 3 || tables[td] == null) {
                throw in.error("JPEG scan names component " + id + " or Huffman table " + td + " that is not defined");
            }
            // each component is coded in one scan: repeated scans would only multiply the work
            if (decoded[index[i]]) {
                throw in.error("JPEG component " + id + " is coded in more than one scan");
            }
            decoded[index[i]] = true;
            dc[i] = tables[td];
        }
        int predictor = in.u8(at + 1 + 2 * ns);
        int pointTransform = in.u8(at + 3 + 2 * ns) & 0x0f;
        if (predictor < 1 || predictor > 7) {
            throw in.error("JPEG lossless predictor " + predictor + " is not 1 to 7");
        }
        int precision = frame.precision();
        if (pointTransform >= precision) {
            throw in.error("JPEG point transform " + pointTransform + " is not below the precision " + precision);
        }
        in.startEntropyCodedData(s);
        int width = frame.width();
        int initial = 1 << (precision - pointTransform - 1);
        int mcusUntilRestart = restartInterval;
        for (int y = 0; y < frame.height(); y++) {
            // the first line of the scan, and of each restart interval, predicts from the left only (H.1.2.1)
            boolean firstLine = y == 0;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (restartInterval > 0 && mcusUntilRestart == 0) {
                    in.readRestartMarker();
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
        in.endEntropyCodedData();
    }

    private int difference(JpegStream.HuffmanTable table) throws DicomParseException {
        int ssss = table.decode(in);
        if (ssss == 16) {
            return 32768;
        }
        if (ssss > 16) {
            throw in.error("invalid JPEG difference category " + ssss);
        }
        return in.receiveExtend(ssss);
    }
}

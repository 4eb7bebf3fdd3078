package org.netra.imaging.dicom;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes the pixel data of a file into stored values: native (1, 8, 16 or 32 bits allocated, either
 * byte order), JPEG lossless and JPEG baseline/extended DCT at 8 and 12 bits (netra's own decoders) and JPEG 2000
 * (jai-imageio). Anything else is an {@link UnsupportedTransferSyntaxException} naming the syntax.
 */
public final class PixelData {
    /** Decoded images may not exceed this many samples (1 GiB of ints): a guard against hostile headers. */
    static final long MAX_SAMPLES = 1L << 28;

    private PixelData() {}

    public static Pixels decode(DicomFile file) throws DicomParseException {
        Layout layout = layout(file);
        Attributes ds = file.dataset();
        String src = file.source();
        TransferSyntax ts = layout.transferSyntax();
        int rows = layout.rows();
        int columns = layout.columns();
        int spp = layout.samplesPerPixel();
        int frames = layout.frames();
        int allocated = layout.allocated();
        int[] values = new int[(int) layout.samples()];
        switch (ts.codec()) {
            case NATIVE -> readNative(ds, src, allocated, values, spp);
            case JPEG_LOSSLESS, JPEG_DCT, JPEG_2000, RLE, JPEG_LS -> {
                Fragments fragments = ds.fragments(Tag.PIXEL_DATA)
                        .orElseThrow(() -> new DicomParseException(
                                src, 0, "transfer syntax " + ts.uid() + " needs encapsulated pixel data"));
                int frameLength = rows * columns * spp;
                for (int f = 0; f < frames; f++) {
                    byte[] bytes = fragments.frame(f, frames);
                    int[] decoded;
                    try {
                        decoded = switch (ts.codec()) {
                            case JPEG_LOSSLESS -> lossless(bytes, src, rows, columns, spp);
                            case JPEG_DCT -> dct(bytes, src, rows, columns, spp);
                            case RLE -> RleDecoder.decode(bytes, src, rows, columns, spp, allocated);
                            case JPEG_LS -> jpegLs(bytes, src, rows, columns, spp);
                            default -> jpeg2000(bytes, src, ts, rows, columns, spp);
                        };
                    } catch (UnsupportedTransferSyntaxException e) {
                        throw e;
                    } catch (DicomParseException e) {
                        // name the frame: in a multi-frame file one frame may differ from the data set
                        throw frames == 1
                                ? e
                                : new DicomParseException(
                                        src,
                                        e.offset(),
                                        "frame " + (f + 1) + " of " + frames + ": "
                                                + e.getMessage()
                                                        .substring(
                                                                e.getMessage().indexOf(": ") + 2),
                                        e);
                    }
                    System.arraycopy(decoded, 0, values, f * frameLength, frameLength);
                }
            }
            case UNSUPPORTED -> throw new UnsupportedTransferSyntaxException(src, ts.uid(), ts.name());
        }
        // native and RLE samples are whole Bits Allocated words; JPEG codecs return the Bits Stored value
        boolean words = ts.codec() == TransferSyntax.Codec.NATIVE || ts.codec() == TransferSyntax.Codec.RLE;
        mask(values, layout.stored(), words ? layout.highBit() + 1 - layout.stored() : 0, layout.signed());
        return new Pixels(rows, columns, spp, frames, layout.stored(), layout.signed(), values);
    }

    /**
     * The frames of a native greyscale image of 16 bits allocated, read straight into rescaled values
     * ({@link RescalableFrames}); empty for any other image, which {@link #decode} decodes. A file {@code decode}
     * refuses is refused here first with the same exception, as the same checks run.
     */
    public static Optional<RescalableFrames> rescalable(DicomFile file) throws DicomParseException {
        Layout layout = layout(file);
        if (layout.transferSyntax().codec() != TransferSyntax.Codec.NATIVE
                || layout.samplesPerPixel() != 1
                || layout.allocated() != 16) {
            return Optional.empty();
        }
        return Optional.of(new RescalableFrames(
                file.dataset().value(Tag.PIXEL_DATA).asShortBuffer(),
                layout.rows() * layout.columns(),
                layout.frames(),
                layout.stored(),
                layout.highBit(),
                layout.signed()));
    }

    /** An image's description as {@link #decode} needs it, checked for consistency against its pixel data. */
    private record Layout(
            TransferSyntax transferSyntax,
            int rows,
            int columns,
            int samplesPerPixel,
            int frames,
            int allocated,
            int stored,
            int highBit,
            boolean signed,
            long samples) {}

    private static Layout layout(DicomFile file) throws DicomParseException {
        Attributes ds = file.dataset();
        String src = file.source();
        if (isReal(ds) && !ds.contains(Tag.PIXEL_DATA)) {
            throw new DicomParseException(
                    src,
                    0,
                    "its pixels are floating-point (Float or Double Float Pixel Data, a parametric map): read them"
                            + " with PixelData.realValues");
        }
        int rows = required(ds, Tag.ROWS, src);
        int columns = required(ds, Tag.COLUMNS, src);
        int spp = ds.integer(Tag.SAMPLES_PER_PIXEL, 1);
        int frames = Math.max(1, ds.integer(Tag.NUMBER_OF_FRAMES, 1));
        int allocated = required(ds, Tag.BITS_ALLOCATED, src);
        int stored = ds.integer(Tag.BITS_STORED, allocated);
        int highBit = ds.integer(Tag.HIGH_BIT, stored - 1);
        boolean signed = ds.integer(Tag.PIXEL_REPRESENTATION, 0) == 1;
        if (spp < 1
                || spp > 4
                || stored < 1
                || stored > allocated
                || allocated > 32
                || highBit < stored - 1
                || highBit >= allocated) {
            throw new DicomParseException(
                    src,
                    0,
                    "inconsistent pixel description: samples per pixel " + spp + ", bits allocated " + allocated
                            + ", stored " + stored + ", high bit " + highBit);
        }
        long total = (long) rows * columns * spp * frames;
        if (total > MAX_SAMPLES) {
            throw new DicomParseException(
                    src, 0, "the image declares " + total + " samples, more than netra reads (" + MAX_SAMPLES + ")");
        }
        if (!ds.contains(Tag.PIXEL_DATA)) {
            throw new DicomParseException(
                    src, 0, "there is no pixel data (7FE0,0010)" + " (was the file read with Extent.HEADER?)");
        }
        TransferSyntax ts = file.transferSyntax();
        requirePlausibleSize(ds, src, ts, total, allocated);
        return new Layout(ts, rows, columns, spp, frames, allocated, stored, highBit, signed, total);
    }

    /** True where the pixels are Float (7FE0,0008) or Double Float (7FE0,0009) Pixel Data (PS3.3 C.7.6.3). */
    public static boolean isReal(Attributes ds) {
        return ds.contains(Tag.FLOAT_PIXEL_DATA) || ds.contains(Tag.DOUBLE_FLOAT_PIXEL_DATA);
    }

    /**
     * The values of Float or Double Float Pixel Data, frames one after another, as stored (a parametric map's
     * values are real-world values: no rescale applies, PS3.3 C.7.6.24).
     */
    public static double[] realValues(DicomFile file) throws DicomParseException {
        Attributes ds = file.dataset();
        String src = file.source();
        int rows = required(ds, Tag.ROWS, src);
        int columns = required(ds, Tag.COLUMNS, src);
        int frames = Math.max(1, ds.integer(Tag.NUMBER_OF_FRAMES, 1));
        int spp = ds.integer(Tag.SAMPLES_PER_PIXEL, 1);
        long total = (long) rows * columns * frames * spp;
        if (total > MAX_SAMPLES) {
            throw new DicomParseException(
                    src, 0, "the image declares " + total + " samples, more than netra reads (" + MAX_SAMPLES + ")");
        }
        boolean dbl = ds.contains(Tag.DOUBLE_FLOAT_PIXEL_DATA);
        int tag = dbl ? Tag.DOUBLE_FLOAT_PIXEL_DATA : Tag.FLOAT_PIXEL_DATA;
        if (!isReal(ds)) {
            throw new DicomParseException(src, 0, "there is no Float or Double Float Pixel Data");
        }
        var buf = ds.value(tag);
        long needed = total * (dbl ? 8 : 4);
        if (buf.remaining() < needed) {
            throw new DicomParseException(
                    src, 0, Tag.toString(tag) + " holds " + buf.remaining() + " bytes, the image needs " + needed);
        }
        double[] out = new double[(int) total];
        for (int i = 0; i < out.length; i++) {
            out[i] = dbl ? buf.getDouble(8 * i) : buf.getFloat(4 * i);
        }
        return out;
    }

    /**
     * Refuses, before allocating, an image whose declared size the pixel data cannot hold: native data
     * must have the bytes; compressed data cannot hold more than {@link #MAX_SAMPLES_PER_COMPRESSED_BYTE}
     * samples per byte (JPEG needs at least 1/32 bit per sample; JPEG 2000 gets the same generous bound).
     */
    private static void requirePlausibleSize(Attributes ds, String src, TransferSyntax ts, long total, int allocated)
            throws DicomParseException {
        if (ts.codec() == TransferSyntax.Codec.NATIVE) {
            long needed = nativeBytes(ds, total, allocated);
            long have = ds.value(Tag.PIXEL_DATA).remaining();
            if (have < needed) {
                throw new DicomParseException(src, 0, "pixel data holds " + have + " bytes, the image needs " + needed);
            }
            return;
        }
        var fragments = ds.fragments(Tag.PIXEL_DATA);
        if (fragments.isPresent()) {
            long bytes = 0;
            for (int i = 0; i < fragments.get().count(); i++) {
                bytes += fragments.get().fragment(i).remaining();
            }
            if (total > Math.max(1L << 16, bytes * MAX_SAMPLES_PER_COMPRESSED_BYTE)) {
                throw new DicomParseException(
                        src,
                        0,
                        "the image declares " + total + " samples but its compressed pixel data is only " + bytes
                                + " bytes; the header or the data is damaged");
            }
        }
    }

    /** 1/32 bit per sample is the least a JPEG can spend (an 8×8 block needs a DC code and an EOB). */
    static final long MAX_SAMPLES_PER_COMPRESSED_BYTE = 256;

    private static int required(Attributes ds, int tag, String src) throws DicomParseException {
        var v = ds.integer(tag);
        if (v.isEmpty() || v.getAsInt() <= 0) {
            throw new DicomParseException(
                    src,
                    0,
                    "element " + Tag.toString(tag) + " "
                            + DataDictionary.standard().keyword(tag) + " is missing or not positive");
        }
        return v.getAsInt();
    }

    private static void readNative(Attributes ds, String src, int allocated, int[] out, int spp)
            throws DicomParseException {
        var buf = ds.value(Tag.PIXEL_DATA);
        long needed = nativeBytes(ds, out.length, allocated);
        if (buf.remaining() < needed) {
            throw new DicomParseException(
                    src, 0, "pixel data holds " + buf.remaining() + " bytes, the image needs " + needed);
        }
        if (isYbrFull422(ds)) {
            if (allocated != 8) {
                throw new DicomParseException(
                        src, 0, "YBR_FULL_422 with " + allocated + " bits allocated (8 expected)");
            }
            expandYbr422(buf, out, src, ds.integer(Tag.COLUMNS, 0));
            return;
        }
        switch (allocated) {
            case 1 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (buf.get(i >>> 3) >>> (i & 7)) & 1;
                }
            }
            case 8 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.get(i) & 0xff;
                }
            }
            case 16 -> {
                var shorts = buf.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = shorts.get(i) & 0xffff;
                }
            }
            case 32 -> {
                var ints = buf.asIntBuffer();
                ints.get(0, out);
            }
            default -> throw new DicomParseException(src, 0, "bits allocated " + allocated + " is not 1, 8, 16 or 32");
        }
        boolean planar = spp > 1 && ds.integer(Tag.PLANAR_CONFIGURATION, 0) == 1;
        if (planar) {
            interleave(out, spp, ds.integer(Tag.ROWS, 0) * ds.integer(Tag.COLUMNS, 0));
        }
    }

    /**
     * YBR_FULL_422 uncompressed (PS3.3 C.7.6.3.1.2): each horizontal pair of pixels is stored as Y1 Y2 Cb Cr,
     * so 8-bit data holds two bytes per pixel. Expanded here to Y Cb Cr per pixel, as pydicom returns it.
     */
    private static boolean isYbrFull422(Attributes ds) {
        return ds.integer(Tag.SAMPLES_PER_PIXEL, 1) == 3
                && ds.string(Tag.PHOTOMETRIC_INTERPRETATION).orElse("").equals("YBR_FULL_422");
    }

    private static long nativeBytes(Attributes ds, long samples, int allocated) {
        if (allocated == 1) {
            return (samples + 7) / 8;
        }
        long bytes = samples * ((allocated + 7) / 8);
        return isYbrFull422(ds) ? bytes * 2 / 3 : bytes;
    }

    private static void expandYbr422(java.nio.ByteBuffer buf, int[] out, String src, int columns)
            throws DicomParseException {
        if (columns % 2 != 0) {
            throw new DicomParseException(src, 0, "YBR_FULL_422 needs an even number of columns, not " + columns);
        }
        for (int p = 0, in = 0; p < out.length / 3; p += 2, in += 4) {
            int y1 = buf.get(in) & 0xff;
            int y2 = buf.get(in + 1) & 0xff;
            int cb = buf.get(in + 2) & 0xff;
            int cr = buf.get(in + 3) & 0xff;
            out[3 * p] = y1;
            out[3 * p + 1] = cb;
            out[3 * p + 2] = cr;
            out[3 * p + 3] = y2;
            out[3 * p + 4] = cb;
            out[3 * p + 5] = cr;
        }
    }

    /** Planar configuration 1 (RRR…GGG…BBB… per frame) to pixel-interleaved. */
    private static void interleave(int[] values, int spp, int pixels) {
        int frameLength = spp * pixels;
        int[] tmp = new int[frameLength];
        for (int start = 0; start + frameLength <= values.length; start += frameLength) {
            for (int s = 0; s < spp; s++) {
                for (int p = 0; p < pixels; p++) {
                    tmp[p * spp + s] = values[start + s * pixels + p];
                }
            }
            System.arraycopy(tmp, 0, values, start, frameLength);
        }
    }

    /** Keeps Bits Stored bits from {@code shift} up, sign-extending signed values (PS3.5 8.1.1). */
    private static void mask(int[] values, int stored, int shift, boolean signed) {
        if (stored >= 32) {
            return;
        }
        int m = (1 << stored) - 1;
        int up = 32 - stored;
        for (int i = 0; i < values.length; i++) {
            int v = (values[i] >>> shift) & m;
            values[i] = signed ? (v << up) >> up : v;
        }
    }

    private static int[] lossless(byte[] bytes, String src, int rows, int columns, int spp) throws DicomParseException {
        // a Huffman code is at least one bit: a frame cannot hold more than 8 samples per byte
        var image = JpegLosslessDecoder.decode(bytes, src, 8L * bytes.length + 64);
        check(src, image.width(), image.height(), image.components(), rows, columns, spp);
        return image.samples();
    }

    private static int[] jpegLs(byte[] bytes, String src, int rows, int columns, int spp) throws DicomParseException {
        var image = JpegLsDecoder.decode(bytes, src, (long) rows * columns * spp);
        check(src, image.width(), image.height(), image.components(), rows, columns, spp);
        return image.samples();
    }

    private static int[] dct(byte[] bytes, String src, int rows, int columns, int spp) throws DicomParseException {
        // the data set's own dimensions bound the frame: a DCT block can be coded in two bits
        var image = JpegDctDecoder.decode(bytes, src, (long) rows * columns * spp);
        check(src, image.width(), image.height(), image.components(), rows, columns, spp);
        return image.samples();
    }

    private static int[] jpeg2000(byte[] bytes, String src, TransferSyntax ts, int rows, int columns, int spp)
            throws DicomParseException {
        String format = "jpeg2000";
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new UnsupportedTransferSyntaxException(
                    src, ts.uid(), ts.name() + ": no " + format + " image reader on the class path");
        }
        ImageReader reader = readers.next();
        byte[] codestream = Jpeg2000TileParts.withTilePartCounts(bytes, src);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(codestream))) {
            reader.setInput(in);
            Raster raster = reader.canReadRaster()
                    ? reader.readRaster(0, null)
                    : reader.read(0).getRaster();
            check(src, raster.getWidth(), raster.getHeight(), raster.getNumBands(), rows, columns, spp);
            return raster.getPixels(raster.getMinX(), raster.getMinY(), columns, rows, (int[]) null);
        } catch (IOException | RuntimeException e) {
            throw new DicomParseException(
                    src, 0, "cannot decode its " + ts.name() + " pixel data (" + e.getMessage() + ")", e);
        } catch (Error e) {
            // jj2000 (in jai-imageio) reports a corrupt codestream ("Corrupted Bitstream …") as a plain
            // java.lang.Error; the JVM's own errors (out of memory, stack overflow) are subclasses and pass on
            if (e.getClass() != Error.class) {
                throw e;
            }
            throw new DicomParseException(
                    src, 0, "cannot decode its " + ts.name() + " pixel data (" + e.getMessage() + ")", e);
        } finally {
            reader.dispose();
        }
    }

    private static void check(String src, int w, int h, int bands, int rows, int columns, int spp)
            throws DicomParseException {
        if (w != columns || h != rows || bands != spp) {
            throw new DicomParseException(
                    src,
                    0,
                    "the compressed frame is " + w + "×" + h + "×" + bands + " but the data set says " + columns + "×"
                            + rows + "×" + spp);
        }
    }
}

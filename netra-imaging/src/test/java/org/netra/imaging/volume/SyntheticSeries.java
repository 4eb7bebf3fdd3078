package org.netra.imaging.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;

/** Writes small single-frame PET slices with netra's writer, for assembly and quantification tests. */
public final class SyntheticSeries {
    private SyntheticSeries() {}

    /** One slice: stored value at (i, j) = base + i + 10·j, 16-bit unsigned. */
    public static Attributes.Builder slice(
            String seriesUid, int instance, int nx, int ny, double[] position, double slope, int base) {
        ByteBuffer px = ByteBuffer.allocate(nx * ny * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                px.putShort((short) (base + i + 10 * j));
            }
        }
        return Attributes.builder()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.128")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, seriesUid + "." + instance)
                .setString(Tag.MODALITY, Vr.CS, "PT")
                .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, seriesUid)
                .setString(Tag.INSTANCE_NUMBER, Vr.IS, Integer.toString(instance))
                .setString(Tag.IMAGE_POSITION_PATIENT, Vr.DS, ds(position[0]), ds(position[1]), ds(position[2]))
                .setString(Tag.IMAGE_ORIENTATION_PATIENT, Vr.DS, "1", "0", "0", "0", "1", "0")
                .setString(Tag.PIXEL_SPACING, Vr.DS, "2", "3")
                .setString(Tag.UNITS, Vr.CS, "BQML")
                .setString(Tag.RESCALE_SLOPE, Vr.DS, ds(slope))
                .setString(Tag.RESCALE_INTERCEPT, Vr.DS, "0")
                .setInts(Tag.ROWS, Vr.US, ny)
                .setInts(Tag.COLUMNS, Vr.US, nx)
                .setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, 1)
                .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                .setInts(Tag.BITS_ALLOCATED, Vr.US, 16)
                .setInts(Tag.BITS_STORED, Vr.US, 16)
                .setInts(Tag.HIGH_BIT, Vr.US, 15)
                .setInts(Tag.PIXEL_REPRESENTATION, Vr.US, 0)
                .setBytes(Tag.PIXEL_DATA, Vr.OW, px.array());
    }

    /**
     * The Image Pixel module (PS3.3 C.7.6.3) of an unsigned image, pixel-interleaved: {@code bits}
     * allocated and stored, high bit {@code bits - 1}.
     */
    public static Attributes.Builder imagePixel(
            Attributes.Builder b, int rows, int columns, int samples, String photometric, int bits) {
        b.setInts(Tag.ROWS, Vr.US, rows)
                .setInts(Tag.COLUMNS, Vr.US, columns)
                .setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, samples)
                .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, photometric)
                .setInts(Tag.BITS_ALLOCATED, Vr.US, bits)
                .setInts(Tag.BITS_STORED, Vr.US, bits)
                .setInts(Tag.HIGH_BIT, Vr.US, bits - 1)
                .setInts(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
        return samples > 1 ? b.setInts(Tag.PLANAR_CONFIGURATION, Vr.US, 0) : b;
    }

    public static void write(Path dir, String name, Attributes.Builder slice) throws IOException {
        DicomWriter.write(dir.resolve(name), slice.build());
    }

    static String ds(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

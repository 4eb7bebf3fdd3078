package org.netra.interop.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;

/**
 * An absorbed-dose map as an RT Dose instance (PS3.3 A.18): a multi-frame grid of 16-bit unsigned
 * integers that times Dose Grid Scaling gives Gy (steps of max/65535: 0.0015 Gy for a 100 Gy maximum,
 * far below any clinical meaning; 16 bits because dicom3tools cannot check 32-bit dose grids), in the source study and its Frame of Reference,
 * pointing back to the source images.
 */
public final class RtDoseExport {
    private static final double MAX_STORED = 65535.0;
    /** Negative doses this small (relative to the maximum) are rounding from convolution; they become 0. */
    private static final double NEGATIVE_TOLERANCE = 1e-6;

    private RtDoseExport() {}

    /** The RT Dose data set of {@code doseGy} (a volume in Gy) derived from {@code source}. */
    public static Attributes toDataset(ImageVolume doseGy, SourceSeries source, String description) {
        doseGy.requireUnit(VoxelUnit.GY, "the absorbed-dose map");
        Geometry g = doseGy.geometry();
        float[] v = doseGy.voxels();
        double max = 0;
        for (float d : v) {
            if (!Float.isFinite(d)) {
                throw new IllegalArgumentException("the absorbed-dose map has a non-finite voxel; fix the dose "
                        + "calculation before exporting it");
            }
            max = Math.max(max, d);
        }
        for (int i = 0; i < v.length; i++) {
            if (v[i] < -NEGATIVE_TOLERANCE * Math.max(max, Double.MIN_NORMAL)) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "the absorbed-dose map has a negative dose %.3g Gy at voxel %d; RT Dose holds" + " doses ≥ 0",
                        v[i],
                        i));
            }
        }
        double scaling = max > 0 ? max / MAX_STORED : 1.0;
        ByteBuffer pixels = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float d : v) {
            pixels.putShort((short) Math.round(Math.max(0, d) / scaling)); // unsigned: low 16 bits
        }

        double[] rowCosines = {g.direction(0, 0), g.direction(1, 0), g.direction(2, 0)};
        double[] colCosines = {g.direction(0, 1), g.direction(1, 1), g.direction(2, 1)};
        double[] normal = cross(rowCosines, colCosines);
        double[] sliceAxis = {g.direction(0, 2), g.direction(1, 2), g.direction(2, 2)};
        double step = g.spacing(2) * dot(sliceAxis, normal);
        if (Math.abs(Math.abs(dot(sliceAxis, normal)) - 1) > 1e-4) {
            throw new IllegalArgumentException(
                    "the dose grid's slice axis is not perpendicular to its planes; RT Dose needs parallel,"
                            + " stacked planes: resample the dose map first");
        }
        double[] offsets = new double[g.nz()];
        for (int k = 0; k < g.nz(); k++) {
            offsets[k] = k * step;
        }

        var b = source.newInstance(SopClass.RT_DOSE_STORAGE, "RTDOSE", description, 901);
        b.setString(Tag.OPERATORS_NAME, Vr.PN, "")
                .setString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, source.frameOfReferenceUid())
                .setString(Tag.POSITION_REFERENCE_INDICATOR, Vr.LO, "")
                .setString(Tag.PATIENT_ORIENTATION, Vr.CS, "")
                .setSequence(Tag.REFERENCED_IMAGE_SEQUENCE, source.imageReferences())
                .setString(Tag.IMAGE_TYPE, Vr.CS, "DERIVED", "SECONDARY", "DOSE")
                .setString(Tag.PIXEL_SPACING, Vr.DS, DecimalStrings.all(g.spacing(1), g.spacing(0)))
                .setString(Tag.IMAGE_ORIENTATION_PATIENT, Vr.DS, DecimalStrings.all(concat(rowCosines, colCosines)))
                .setString(Tag.IMAGE_POSITION_PATIENT, Vr.DS, DecimalStrings.all(g.origin()))
                .setString(Tag.SLICE_THICKNESS, Vr.DS, DecimalStrings.all(g.spacing(2)))
                .setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, 1)
                .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                .setString(Tag.NUMBER_OF_FRAMES, Vr.IS, Integer.toString(g.nz()))
                .setInts(Tag.FRAME_INCREMENT_POINTER, Vr.AT, Tag.GRID_FRAME_OFFSET_VECTOR)
                .setInts(Tag.ROWS, Vr.US, g.ny())
                .setInts(Tag.COLUMNS, Vr.US, g.nx())
                .setInts(Tag.BITS_ALLOCATED, Vr.US, 16)
                .setInts(Tag.BITS_STORED, Vr.US, 16)
                .setInts(Tag.HIGH_BIT, Vr.US, 15)
                .setInts(Tag.PIXEL_REPRESENTATION, Vr.US, 0)
                .setString(Tag.DOSE_UNITS, Vr.CS, "GY")
                .setString(Tag.DOSE_TYPE, Vr.CS, "PHYSICAL")
                // Defined Terms may be extended (dciodvfy warns, no error): RECORD and the plan terms would require an
                // RT
                // Treatment Record or RT Plan that molecular radiotherapy does not have
                .setString(Tag.DOSE_SUMMATION_TYPE, Vr.CS, "MRT")
                .setString(Tag.GRID_FRAME_OFFSET_VECTOR, Vr.DS, DecimalStrings.all(offsets))
                .setString(Tag.DOSE_GRID_SCALING, Vr.DS, DecimalStrings.of(scaling))
                .setBytes(Tag.PIXEL_DATA, Vr.OW, pixels.array());
        return b.build();
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] concat(double[] a, double[] b) {
        return new double[] {a[0], a[1], a[2], b[0], b[1], b[2]};
    }
}

package org.netra.sim.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.sim.kinetics.SimulatedTracer;

/**
 * Writes the twin's image series as single-frame DICOM slices, one file per slice:
 *
 * <ul>
 *   <li>SPECT as <b>PET Image Storage</b> with Units BQML, the way vendors store quantitative SPECT (Siemens
 *       xSPECT Quant, like netra's real 177Lu reference data): the NM Image IOD has no Units attribute, the PET
 *       one does. Values are Bq/mL at scan start (Decay Correction START, Decay Factor 1), each slice with its
 *       own Rescale Slope; the Radiopharmaceutical Information Sequence carries the injection date-time,
 *       the administered activity (Bq) and the 177Lu half-life (s) with its SNOMED CT code (CID 18).
 *   <li>CT as CT Image Storage in Hounsfield units (signed 16-bit, slope 1, intercept 0).
 * </ul>
 */
public final class ImageSeriesWriter {

    private ImageSeriesWriter() {}

    /** What a SPECT series states about its acquisition. */
    public record SpectFacts(
            SimulatedTracer tracer,
            LocalDateTime injection,
            double administeredMBq,
            double hoursAfterInjection,
            double acquisitionSeconds,
            double fwhmMm,
            String description) {
        /** A gamma camera's parallel-hole collimator, or none for PET. */
        String collimator() {
            return tracer == SimulatedTracer.GA68_DOTATATE ? "NONE" : "PARA";
        }
    }

    /** Writes one SPECT time point into {@code dir}; returns the Series Instance UID. */
    public static String writeSpect(
            Path dir, StudyContext study, String role, int seriesNumber, ImageVolume image, SpectFacts f)
            throws IOException {
        image.requireUnit(VoxelUnit.BQ_PER_ML, "a quantitative SPECT");
        Files.createDirectories(dir);
        String seriesUid = TwinUids.of(study.seed(), role);
        Geometry g = image.geometry();
        LocalDateTime start = f.injection().plus(Duration.ofSeconds(Math.round(f.hoursAfterInjection() * 3600)));
        Attributes radiopharmaceutical = Attributes.builder()
                .setString(Tag.RADIOPHARMACEUTICAL, Vr.LO, f.tracer().label())
                .setString(Tag.RADIOPHARMACEUTICAL_START_TIME, Vr.TM, StudyContext.TM.format(f.injection()))
                .setString(
                        Tag.RADIOPHARMACEUTICAL_START_DATE_TIME,
                        Vr.DT,
                        StudyContext.DA.format(f.injection()) + StudyContext.TM.format(f.injection()))
                .setString(Tag.RADIONUCLIDE_TOTAL_DOSE, Vr.DS, StudyContext.ds(f.administeredMBq() * 1e6))
                .setString(
                        Tag.RADIONUCLIDE_HALF_LIFE,
                        Vr.DS,
                        StudyContext.ds(f.tracer().halfLifeHours() * 3600))
                .setSequence(
                        Tag.RADIONUCLIDE_CODE_SEQUENCE,
                        StudyContext.one(StudyContext.code(
                                f.tracer().code(), "SCT", f.tracer().codeMeaning())))
                .build();
        float[] v = image.voxels();
        int nx = g.nx(), ny = g.ny(), slice = nx * ny;
        for (int k = 0; k < g.nz(); k++) {
            double max = 0;
            for (int i = k * slice; i < (k + 1) * slice; i++) {
                max = Math.max(max, v[i]);
            }
            double slope = max > 0 ? max / 65000 : 1;
            slope = Double.parseDouble(StudyContext.ds(slope)); // store exactly what the header says
            ByteBuffer px = ByteBuffer.allocate(slice * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = k * slice; i < (k + 1) * slice; i++) {
                px.putShort((short) Math.min(65535, Math.round(Math.max(0, v[i]) / slope)));
            }
            Attributes.Builder b = study.common("PT", seriesUid, seriesNumber, f.description());
            study.plane(b, g, k);
            b.setString(Tag.SOP_CLASS_UID, Vr.UI, SopClass.PET_IMAGE_STORAGE)
                    .setString(Tag.SOP_INSTANCE_UID, Vr.UI, seriesUid + "." + (k + 1))
                    .setString(Tag.IMAGE_TYPE, Vr.CS, "ORIGINAL", "PRIMARY")
                    // type 2C, asked for by dciodvfy when no body part is named; the trunk has no side
                    .setString(Tag.LATERALITY, Vr.CS, "")
                    .setString(Tag.SERIES_DATE, Vr.DA, StudyContext.DA.format(start))
                    .setString(Tag.SERIES_TIME, Vr.TM, StudyContext.TM.format(start))
                    .setString(Tag.ACQUISITION_DATE, Vr.DA, StudyContext.DA.format(start))
                    .setString(Tag.ACQUISITION_TIME, Vr.TM, StudyContext.TM.format(start))
                    .setString(Tag.CONTENT_DATE, Vr.DA, StudyContext.DA.format(start))
                    .setString(Tag.CONTENT_TIME, Vr.TM, StudyContext.TM.format(start))
                    .setString(
                            Tag.ACTUAL_FRAME_DURATION, Vr.IS, Long.toString(Math.round(f.acquisitionSeconds() * 1000)))
                    .setString(Tag.UNITS, Vr.CS, "BQML")
                    .setString(Tag.COUNTS_SOURCE, Vr.CS, "EMISSION")
                    .setString(Tag.SERIES_TYPE, Vr.CS, "STATIC", "IMAGE")
                    .setInts(Tag.NUMBER_OF_SLICES, Vr.US, g.nz())
                    .setString(Tag.CORRECTED_IMAGE, Vr.CS, "ATTN", "SCAT", "DECY")
                    .setString(Tag.DECAY_CORRECTION, Vr.CS, "START")
                    .setString(Tag.DECAY_FACTOR, Vr.DS, "1")
                    .setString(Tag.FRAME_REFERENCE_TIME, Vr.DS, "0")
                    .setInts(Tag.IMAGE_INDEX, Vr.US, k + 1)
                    .setString(Tag.COLLIMATOR_TYPE, Vr.CS, f.collimator())
                    .setString(
                            Tag.RECONSTRUCTION_METHOD,
                            Vr.LO,
                            String.format(Locale.ROOT, "SIMULATED GAUSSIAN PSF %.1f MM FWHM", f.fwhmMm()))
                    // Spatial Resolution (0018,1050): the FWHM the partial-volume correction takes from the series
                    .setString(Tag.SPATIAL_RESOLUTION, Vr.DS, String.format(Locale.ROOT, "%.4g", f.fwhmMm()))
                    .setString(Tag.ATTENUATION_CORRECTION_METHOD, Vr.LO, "simulated: true activity")
                    .setString(Tag.SCATTER_CORRECTION_METHOD, Vr.LO, "simulated: no scatter")
                    .setSequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, List.of(radiopharmaceutical))
                    .setSequence(
                            Tag.PATIENT_ORIENTATION_CODE_SEQUENCE,
                            StudyContext.one(StudyContext.code("102538003", "SCT", "recumbent")))
                    .setSequence(
                            Tag.PATIENT_GANTRY_RELATIONSHIP_CODE_SEQUENCE,
                            StudyContext.one(StudyContext.code("102540008", "SCT", "headfirst")))
                    .setString(Tag.INSTANCE_NUMBER, Vr.IS, Integer.toString(k + 1));
            pixels(b, ny, nx, 0, slope, 0, px.array());
            DicomWriter.write(dir.resolve(String.format(Locale.ROOT, "slice-%03d.dcm", k + 1)), b.build());
        }
        return seriesUid;
    }

    /** Writes the CT into {@code dir}; returns the SOP Instance UIDs of its slices, in slice order. */
    public static List<String> writeCt(Path dir, StudyContext study, ImageVolume ct) throws IOException {
        return writeCt(dir, study, ct, "ct", 1, "CT (simulated, phantom CT numbers)", study.studyStart());
    }

    /**
     * Writes one CT series into {@code dir}: {@code role} names it among the twin's series (its UIDs follow),
     * {@code acquired} is when it was taken (a SPECT/CT's CT: just before its SPECT).
     */
    public static List<String> writeCt(
            Path dir,
            StudyContext study,
            ImageVolume ct,
            String role,
            int seriesNumber,
            String description,
            LocalDateTime acquired)
            throws IOException {
        ct.requireUnit(VoxelUnit.HU, "the CT");
        Files.createDirectories(dir);
        String seriesUid = TwinUids.of(study.seed(), role);
        Geometry g = ct.geometry();
        float[] v = ct.voxels();
        int nx = g.nx(), ny = g.ny(), slice = nx * ny;
        String[] uids = new String[g.nz()];
        for (int k = 0; k < g.nz(); k++) {
            ByteBuffer px = ByteBuffer.allocate(slice * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = k * slice; i < (k + 1) * slice; i++) {
                px.putShort((short) Math.round(Math.max(-1024, Math.min(3071, v[i]))));
            }
            uids[k] = seriesUid + "." + (k + 1);
            Attributes.Builder b = study.common("CT", seriesUid, seriesNumber, description);
            study.plane(b, g, k);
            b.setString(Tag.SOP_CLASS_UID, Vr.UI, SopClass.CT_IMAGE_STORAGE)
                    .setString(Tag.SOP_INSTANCE_UID, Vr.UI, uids[k])
                    .setString(Tag.IMAGE_TYPE, Vr.CS, "ORIGINAL", "PRIMARY", "AXIAL")
                    .setString(Tag.LATERALITY, Vr.CS, "")
                    .setString(Tag.PATIENT_POSITION, Vr.CS, "HFS")
                    .setString(Tag.SERIES_DATE, Vr.DA, StudyContext.DA.format(acquired))
                    .setString(Tag.SERIES_TIME, Vr.TM, StudyContext.TM.format(acquired))
                    .setString(Tag.ACQUISITION_DATE, Vr.DA, StudyContext.DA.format(acquired))
                    .setString(Tag.ACQUISITION_TIME, Vr.TM, StudyContext.TM.format(acquired))
                    .setString(Tag.CONTENT_DATE, Vr.DA, StudyContext.DA.format(acquired))
                    .setString(Tag.CONTENT_TIME, Vr.TM, StudyContext.TM.format(acquired))
                    .setString(Tag.ACQUISITION_NUMBER, Vr.IS, "1")
                    .setString(Tag.KVP, Vr.DS, "120")
                    .setString(Tag.CONVOLUTION_KERNEL, Vr.SH, "SIMULATED")
                    .setString(Tag.WINDOW_CENTER, Vr.DS, "40")
                    .setString(Tag.WINDOW_WIDTH, Vr.DS, "400")
                    .setString(Tag.INSTANCE_NUMBER, Vr.IS, Integer.toString(k + 1));
            pixels(b, ny, nx, 1, 1, 0, px.array());
            DicomWriter.write(dir.resolve(String.format(Locale.ROOT, "slice-%03d.dcm", k + 1)), b.build());
        }
        return List.of(uids);
    }

    private static void pixels(
            Attributes.Builder b, int rows, int columns, int signed, double slope, double intercept, byte[] data) {
        b.setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, 1)
                .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                .setInts(Tag.ROWS, Vr.US, rows)
                .setInts(Tag.COLUMNS, Vr.US, columns)
                .setInts(Tag.BITS_ALLOCATED, Vr.US, 16)
                .setInts(Tag.BITS_STORED, Vr.US, 16)
                .setInts(Tag.HIGH_BIT, Vr.US, 15)
                .setInts(Tag.PIXEL_REPRESENTATION, Vr.US, signed)
                .setString(Tag.RESCALE_INTERCEPT, Vr.DS, StudyContext.ds(intercept))
                .setString(Tag.RESCALE_SLOPE, Vr.DS, StudyContext.ds(slope))
                .setBytes(Tag.PIXEL_DATA, Vr.OW, data);
    }
}

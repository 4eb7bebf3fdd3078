package org.netra.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Uids;
import org.netra.imaging.dicom.Vr;

/**
 * The training run of the launcher's AOT cache (issue 22): the start-up work every one-shot netra run shares — the
 * root command, one subcommand's model, its parsing, a nuclide's figures as text and JSON, {@code dicom info} on a
 * small series, and one {@code dosimetry} cycle on a two-time-point twin written by {@code simulate} — done once so
 * that the cache holds those classes already loaded and linked and the profiles of their hot methods. Kept to the
 * commands most run: a cache trained on every subcommand's help (27 MB) made each run slower than none, its mapping
 * costing more than the loading it saved; the dosimetry cycle's ≈ 900 classes (kinetics, kernels, FFT, RTSTRUCT,
 * Hipparchus, Jackson) took a small twin's whole {@code netra dosimetry} from 2.37 to 2.06 CPU-s (docs/benchmarks.md,
 * CLI start-up and the NumPy peer). Output goes nowhere.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        var nowhere = new PrintWriter(Writer.nullWriter());
        Path series = Files.createTempDirectory("netra-training");
        Path twin = Files.createTempDirectory("netra-training-twin");
        try {
            writeSeries(series);
            Path cycle = twin.resolve("cycle-1");
            for (List<String> run : List.of(
                    List.of("--version"),
                    List.of("nuclide", "Lu-177"),
                    List.of("nuclide", "Lu-177", "--json"),
                    List.of("dicom", "info", series.toString()),
                    List.of("simulate", "--out", twin.toString(), "--seed", "1", "--timepoints", "4,24"),
                    // the cycle as the NumPy peer of issue 22 does it (no registration, no partial-volume correction)
                    List.of(
                            "dosimetry",
                            "--registration",
                            "none",
                            "--recovery",
                            "none",
                            "--ct",
                            cycle.resolve("ct-004h").toString(),
                            "--rtstruct",
                            twin.resolve("rtstruct.dcm").toString(),
                            "--timepoint",
                            cycle.resolve("spect-004h").toString(),
                            "--timepoint",
                            cycle.resolve("spect-024h").toString(),
                            "--json"))) {
                String[] words = run.toArray(String[]::new);
                var cl = Main.commandLine(words);
                cl.setOut(nowhere);
                cl.setErr(nowhere);
                int exit = cl.execute(words);
                if (exit != 0) { // a training run that fails trains nothing: the launcher then keeps no cache
                    throw new IllegalStateException("training run " + run + " exited with " + exit);
                }
            }
        } finally {
            deleteTree(series);
            deleteTree(twin);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * A small quantitative SPECT series as a camera writes one (explicit VR little endian, the radiopharmaceutical
     * sequence, dates and decimals to parse), so that {@code dicom info}'s header reading is in the cache: the
     * command most run on a series as it arrives (docs/benchmarks.md, against pydicom).
     */
    static void writeSeries(Path folder) throws IOException {
        String study = Uids.named("netra start-up training study");
        String seriesUid = Uids.named("netra start-up training series");
        byte[] pixels = new byte[SIDE * SIDE * 2];
        for (int slice = 0; slice < SLICES; slice++) {
            Attributes pharmaceutical = Attributes.builder()
                    .setString(Tag.RADIOPHARMACEUTICAL_START_DATE_TIME, Vr.DT, "20240101090000")
                    .setString(Tag.RADIONUCLIDE_TOTAL_DOSE, Vr.DS, "7400000000")
                    .build();
            Attributes image = Attributes.builder()
                    .setString(Tag.SOP_CLASS_UID, Vr.UI, SopClass.NM_IMAGE_STORAGE)
                    .setString(Tag.SOP_INSTANCE_UID, Vr.UI, Uids.named("netra start-up training " + slice))
                    .setString(Tag.ACQUISITION_DATE, Vr.DA, "20240102")
                    .setString(Tag.ACQUISITION_TIME, Vr.TM, "100000.000")
                    .setString(Tag.MODALITY, Vr.CS, "NM")
                    .setString(Tag.SERIES_DESCRIPTION, Vr.LO, "training")
                    .setSequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, List.of(pharmaceutical))
                    .setString(Tag.STUDY_INSTANCE_UID, Vr.UI, study)
                    .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, seriesUid)
                    .setString(Tag.IMAGE_POSITION_PATIENT, Vr.DS, "0", "0", String.valueOf(4 * slice))
                    .setString(Tag.IMAGE_ORIENTATION_PATIENT, Vr.DS, "1", "0", "0", "0", "1", "0")
                    .setString(Tag.UNITS, Vr.CS, "BQML")
                    .setString(Tag.DECAY_CORRECTION, Vr.CS, "START")
                    .setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, 1)
                    .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                    .setInts(Tag.ROWS, Vr.US, SIDE)
                    .setInts(Tag.COLUMNS, Vr.US, SIDE)
                    .setString(Tag.PIXEL_SPACING, Vr.DS, "4", "4")
                    .setInts(Tag.BITS_ALLOCATED, Vr.US, 16)
                    .setInts(Tag.BITS_STORED, Vr.US, 16)
                    .setInts(Tag.HIGH_BIT, Vr.US, 15)
                    .setInts(Tag.PIXEL_REPRESENTATION, Vr.US, 0)
                    .setString(Tag.RESCALE_INTERCEPT, Vr.DS, "0")
                    .setString(Tag.RESCALE_SLOPE, Vr.DS, "0.5")
                    .setBytes(Tag.PIXEL_DATA, Vr.OW, pixels)
                    .build();
            DicomWriter.write(folder.resolve(String.format(Locale.ROOT, "slice-%03d.dcm", slice)), image);
        }
    }

    /** Enough slices for the reading loop to be profiled, small enough to write in no time. */
    private static final int SLICES = 40;

    private static final int SIDE = 64;
}

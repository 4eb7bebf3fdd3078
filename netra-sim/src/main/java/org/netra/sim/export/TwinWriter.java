package org.netra.sim.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.volume.Mask;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.SimulatedTracer;
import org.netra.sim.spect.SpectScan;
import org.netra.sim.spect.SpectSettings;
import org.netra.sim.truth.VoiTruth;
import org.netra.sim.twin.DiagnosticWorkup;
import org.netra.sim.twin.Twin;

/**
 * Writes a twin to a folder:
 *
 * <pre>
 * ct/                      CT Image Storage, one file per slice (the first scan's frame; the VOIs are on it)
 * rtstruct.dcm             the VOIs as an RT Structure Set on the CT
 * labels.nii               the phantom regions as a NIfTI label map (uint8) and voi-labels.json naming them
 * cycle-N/spect-XXXh/      one quantitative SPECT series (PET Image Storage, BQML) per scan time
 * cycle-N/ct-XXXh/         the CT taken with that SPECT (SPECT/CT), in its frame: moved with the patient
 * diagnostic/              with the work-up: 111In SRS SPECT at 4, 24, 48 h and the 68Ga PET at 60 min
 * ground-truth.json        the truth ({@link GroundTruth})
 * </pre>
 */
public final class TwinWriter {
    private static final ObjectMapper JSON =
            new ObjectMapper().registerModule(new Jdk8Module()).enable(SerializationFeature.INDENT_OUTPUT);

    private TwinWriter() {}

    public static GroundTruth write(Twin twin, Path dir) throws IOException {
        Files.createDirectories(dir);
        Phantom phantom = twin.phantom();
        var body = twin.spec().phantom().body();
        StudyContext study = StudyContext.of(
                twin.spec().seed(), body, twin.cycles().get(0).injection().minusHours(1));
        List<String> ctSlices = ImageSeriesWriter.writeCt(dir.resolve("ct"), study, phantom.ct());
        List<Mask> masks = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (Voi voi : Voi.of(twin.spec().phantom())) {
            Mask m = phantom.mask(voi);
            if (!m.isEmpty()) {
                masks.add(m);
                types.put(
                        voi.name(),
                        switch (voi.kind()) {
                            case TUMOUR -> "GTV";
                            case BODY -> "EXTERNAL";
                            case KIDNEY, ORGAN, MARROW -> "ORGAN";
                        });
            }
        }
        RtStructWriter.write(dir.resolve("rtstruct.dcm"), study, masks, types, ctSlices);
        Nifti.write(dir.resolve("labels.nii"), phantom.labelMap());
        JSON.writeValue(dir.resolve("labels.json").toFile(), phantom.labelMap().names());

        List<GroundTruth.Cycle> cycles = new ArrayList<>();
        Map<String, Double> cumulative = new LinkedHashMap<>();
        int series = 10;
        for (Twin.Cycle c : twin.cycles()) {
            String cycleFolder = "cycle-" + c.number();
            List<GroundTruth.Scan> scans = new ArrayList<>();
            for (SpectScan s : c.scans()) {
                String hours = String.format(Locale.ROOT, "%03.0fh", s.hoursAfterInjection());
                String folder = cycleFolder + "/spect-" + hours;
                String ctFolder = cycleFolder + "/ct-" + hours;
                LocalDateTime start =
                        c.injection().plus(Duration.ofSeconds(Math.round(s.hoursAfterInjection() * 3600)));
                int spectSeries = series++;
                // the CT follows its SPECT on the same bed position, as on a SPECT/CT camera
                ImageSeriesWriter.writeCt(
                        dir.resolve(ctFolder),
                        study,
                        s.ct(phantom),
                        "ct-" + c.number() + "-" + s.hoursAfterInjection(),
                        100 + spectSeries,
                        String.format(
                                Locale.ROOT,
                                "CT with the cycle %d %.0f h SPECT (simulated)",
                                c.number(),
                                s.hoursAfterInjection()),
                        start.plus(Duration.ofSeconds(Math.round(twin.settings().acquisitionSeconds()))));
                ImageSeriesWriter.writeSpect(
                        dir.resolve(folder),
                        study,
                        "spect-" + c.number() + "-" + s.hoursAfterInjection(),
                        spectSeries,
                        s.image(),
                        new ImageSeriesWriter.SpectFacts(
                                SimulatedTracer.LU177_DOTATATE,
                                c.injection(),
                                c.kinetics().injectedMBq(),
                                s.hoursAfterInjection(),
                                twin.settings().acquisitionSeconds(),
                                twin.settings().fwhmMm(),
                                String.format(
                                        Locale.ROOT,
                                        "Lu-177 SPECT cycle %d, %.0f h p.i. (simulated)",
                                        c.number(),
                                        s.hoursAfterInjection())));
                scans.add(new GroundTruth.Scan(
                        s.hoursAfterInjection(),
                        folder,
                        ctFolder,
                        start.toString(),
                        s.motion().rotation(),
                        s.motion().translation()));
            }
            for (VoiTruth v : c.truth().vois()) {
                v.bed().ifPresent(bed -> cumulative.merge(v.name(), bed.inGy(), Double::sum));
            }
            cycles.add(new GroundTruth.Cycle(
                    c.number(),
                    c.injection().toString(),
                    c.kinetics().injectedMBq(),
                    cycleFolder,
                    scans,
                    c.truth().vois()));
        }
        Optional<GroundTruth.Diagnostic> diagnostic = Optional.empty();
        if (twin.diagnostic().isPresent()) {
            DiagnosticWorkup d = twin.diagnostic().get();
            List<GroundTruth.Scan> srs = new ArrayList<>();
            for (SpectScan s : d.srs()) {
                String folder = String.format(Locale.ROOT, "diagnostic/srs-%03.0fh", s.hoursAfterInjection());
                srs.add(writeScan(
                        dir,
                        study,
                        folder,
                        "srs-" + s.hoursAfterInjection(),
                        series++,
                        s,
                        SimulatedTracer.IN111_PENTETREOTIDE,
                        d.srsInjection(),
                        DiagnosticWorkup.SRS,
                        "In-111 pentetreotide SPECT"));
            }
            GroundTruth.Scan pet = writeScan(
                    dir,
                    study,
                    "diagnostic/pet-060min",
                    "pet",
                    series++,
                    d.pet(),
                    SimulatedTracer.GA68_DOTATATE,
                    d.petInjection(),
                    DiagnosticWorkup.PET,
                    "Ga-68 DOTATATE PET");
            diagnostic = Optional.of(new GroundTruth.Diagnostic(
                    "the patient's 177Lu-DOTATATE biology with each nuclide's decay (pentetreotide's faster clearance"
                            + " is not modelled); Krenning from the true 24 h uptake: 4 > spleen, 3 > liver,"
                            + " 2 > half the liver, 1 > body background",
                    d.srsInjection().toString(),
                    SimulatedTracer.IN111_PENTETREOTIDE.activityMBq(),
                    srs,
                    d.petInjection().toString(),
                    SimulatedTracer.GA68_DOTATATE.activityMBq(),
                    pet,
                    d.truth()));
        }
        var g = phantom.geometry();
        GroundTruth truth = new GroundTruth(
                "netra-sim 0.1",
                twin.spec().seed(),
                new GroundTruth.Patient(
                        study.patientId(), body.sex().name(), body.weightKg(), body.heightCm(), body.bodySurfaceArea()),
                new GroundTruth.Imaging(
                        "PET Image Storage (quantitative SPECT), Units BQML",
                        "Bq/mL at scan start",
                        "START (values are activity at acquisition start; Decay Factor 1)",
                        twin.settings().fwhmMm(),
                        twin.settings().sensitivityCpsPerMBq(),
                        twin.settings().acquisitionSeconds(),
                        twin.settings().misalignmentMm(),
                        g.spacing(0),
                        new int[] {g.nx(), g.ny(), g.nz()}),
                twin.cycles().get(0).truth().doseMethod(),
                "A(t) = Σ coefficientMBq·exp(−ratePerHour·t), t in hours from injection (effective rates)",
                cycles,
                cumulative,
                diagnostic);
        JSON.writeValue(dir.resolve("ground-truth.json").toFile(), truth);
        return truth;
    }

    private static GroundTruth.Scan writeScan(
            Path dir,
            StudyContext study,
            String folder,
            String role,
            int series,
            SpectScan s,
            SimulatedTracer tracer,
            LocalDateTime injection,
            SpectSettings settings,
            String what)
            throws IOException {
        ImageSeriesWriter.writeSpect(
                dir.resolve(folder),
                study,
                role,
                series,
                s.image(),
                new ImageSeriesWriter.SpectFacts(
                        tracer,
                        injection,
                        tracer.activityMBq(),
                        s.hoursAfterInjection(),
                        settings.acquisitionSeconds(),
                        settings.fwhmMm(),
                        String.format(
                                Locale.ROOT, "%s %.0f min p.i. (simulated)", what, s.hoursAfterInjection() * 60)));
        // the work-up's scans are taken aligned with the CT (no misalignment in its settings)
        return new GroundTruth.Scan(
                s.hoursAfterInjection(),
                folder,
                "ct",
                injection
                        .plus(Duration.ofSeconds(Math.round(s.hoursAfterInjection() * 3600)))
                        .toString(),
                s.motion().rotation(),
                s.motion().translation());
    }

    /** {@code value} as the indented JSON of the ground-truth file (optional values as values or null). */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads a ground-truth document back. */
    public static GroundTruth read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), GroundTruth.class);
    }
}

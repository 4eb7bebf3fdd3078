package org.netra.sim.export;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.sim.truth.VoiTruth;
import org.netra.sim.twin.DiagnosticWorkup;

/**
 * The ground-truth document written beside the images ({@code ground-truth.json}): who the twin is, how it
 * was imaged, and per cycle every VOI's true activity curve, time-integrated activity, absorbed dose and BED.
 */
public record GroundTruth(
        String generator,
        long seed,
        Patient patient,
        Imaging imaging,
        String doseMethod,
        String activityCurveForm,
        List<Cycle> cycles,
        Map<String, Double> cumulativeBedGy,
        Optional<Diagnostic> diagnostic) {
    public record Patient(String id, String sex, double weightKg, double heightCm, double bodySurfaceAreaM2) {}

    public record Imaging(
            String storage,
            String units,
            String decayCorrection,
            double fwhmMm,
            double sensitivityCpsPerMBq,
            double acquisitionSeconds,
            double misalignmentMm,
            double voxelMm,
            int[] dimensions) {}

    public record Scan(
            double hoursAfterInjection,
            String folder,
            String ctFolder,
            String acquisitionDateTime,
            double[] rotation,
            double[] translationMm) {}

    /** The diagnostic work-up: 111In SRS scans, the 68Ga PET, and per VOI the Krenning score and SUVmean. */
    public record Diagnostic(
            String model,
            String srsInjection,
            double srsActivityMBq,
            List<Scan> srsScans,
            String petInjection,
            double petActivityMBq,
            Scan pet,
            List<DiagnosticWorkup.Finding> findings) {}

    public record Cycle(
            int cycle,
            String injection,
            double administeredMBq,
            String spectFolder,
            List<Scan> scans,
            List<VoiTruth> vois) {}
}

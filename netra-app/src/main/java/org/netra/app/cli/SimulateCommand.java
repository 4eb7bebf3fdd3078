package org.netra.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.netra.sim.export.GroundTruth;
import org.netra.sim.export.TwinWriter;
import org.netra.sim.spect.SpectSettings;
import org.netra.sim.truth.VoiTruth;
import org.netra.sim.twin.DigitalTwin;
import org.netra.sim.twin.Twin;
import org.netra.sim.twin.TwinSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netra simulate --out DIR}: one digital-twin patient, imaged after each cycle, with its ground truth. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Simulate a 177Lu-DOTATATE patient (digital twin): CT, quantitative SPECT per scan time and"
                + " cycle, RTSTRUCT and NIfTI VOIs, and the ground truth (activity curves, TIA, dose, BED).")
final class SimulateCommand implements Runnable {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write the twin into")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "the twin's seed (same seed, same files; default 1)")
    long seed;

    @Option(
            names = "--timepoints",
            split = ",",
            paramLabel = "H",
            description = "scan times, hours after injection (default 4,24,96,168)")
    List<Double> timepoints = SpectSettings.DEFAULT_SCAN_HOURS;

    @Option(names = "--cycles", defaultValue = "1", description = "cycles of 7.4 GBq to simulate, 1–8 (default 1)")
    int cycles;

    @Option(
            names = "--misalign-mm",
            defaultValue = "0",
            paramLabel = "X",
            description = "rigid misalignment of later scans, mm (default 0)")
    double misalignMm;

    @Option(
            names = "--fwhm-mm",
            defaultValue = "10",
            paramLabel = "X",
            description = "SPECT resolution, FWHM in mm (default 10)")
    double fwhmMm;

    @Option(
            names = "--diagnostic",
            description =
                    "also the work-up before PRRT: 111In-pentetreotide SPECT at 4, 24, 48 h and 68Ga-DOTATATE PET")
    boolean diagnostic;

    @Option(
            names = "--lungs",
            description = "give the twin lung bases above the diaphragm and, in about one twin in three (by seed), a"
                    + " tumour in the right lower lobe")
    boolean lungs;

    @Option(names = "--json", description = "print the ground truth as JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record Report(String folder, GroundTruth groundTruth) {}

    @Override
    public void run() {
        SpectSettings settings = SpectSettings.DEFAULTS
                .withScanHours(timepoints)
                .withFwhm(fwhmMm)
                .withMisalignment(misalignMm);
        TwinSpec drawn = TwinSpec.draw(seed, cycles, 7400);
        Twin twin = DigitalTwin.simulate(lungs ? drawn.withLungs() : drawn, settings, diagnostic);
        GroundTruth truth;
        try {
            truth = TwinWriter.write(twin, out);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the twin into " + out + ": " + e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(TwinWriter.toJson(new Report(out.toAbsolutePath().toString(), truth)));
            return;
        }
        var p = truth.patient();
        w.printf(
                Locale.ROOT,
                "twin %d (%s): %s, %.0f kg, %.0f cm, written to %s%n",
                seed,
                p.id(),
                p.sex().toLowerCase(Locale.ROOT),
                p.weightKg(),
                p.heightCm(),
                out.toAbsolutePath());
        w.printf(
                Locale.ROOT,
                "SPECT at %s h, FWHM %.1f mm, misalignment %.1f mm; dose truth: %s%n",
                timepoints,
                fwhmMm,
                misalignMm,
                truth.doseMethod());
        for (GroundTruth.Cycle c : truth.cycles()) {
            w.printf(
                    Locale.ROOT,
                    "%ncycle %d, %.0f MBq on %s (%s/)%n",
                    c.cycle(),
                    c.administeredMBq(),
                    c.injection(),
                    c.spectFolder());
            w.println("VOI                  volume mL    TIA MBq·h    dose Gy   Gy/GBq     BED Gy");
            for (VoiTruth v : c.vois()) {
                w.printf(
                        Locale.ROOT,
                        "%-18s %11.1f %12.1f %10.3f %8.3f %10s%n",
                        v.name(),
                        v.volume().inMl(),
                        v.tia().inMBqHours(),
                        v.dose().inGy(),
                        v.doseGyPerGBq(),
                        v.bed()
                                .map(b -> String.format(Locale.ROOT, "%.3f", b.inGy()))
                                .orElse("—"));
            }
        }
        truth.diagnostic().ifPresent(d -> {
            w.printf(
                    Locale.ROOT,
                    "%ndiagnostic work-up: SRS %s, PET %s (diagnostic/)%n",
                    d.srsInjection(),
                    d.petInjection());
            w.println("VOI                  SRS 24 h / liver   PET SUVmean   Krenning");
            d.findings()
                    .forEach(f -> w.printf(
                            Locale.ROOT,
                            "%-18s %18.2f %13.2f %10s%n",
                            f.voi(),
                            f.srsConcentrationRatioToLiver24h(),
                            f.petSuvMean(),
                            f.voi().startsWith("Tumour") ? Integer.toString(f.krenning()) : "—"));
        });
        if (truth.cycles().size() > 1) {
            w.println();
            truth.cumulativeBedGy().forEach((k, v) -> w.printf(Locale.ROOT, "cumulative BED %-16s %.2f Gy%n", k, v));
        }
    }
}

package org.netra.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.EmissionLine;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netra nuclide Lu-177}: half-life, energy per decay and the main gamma lines (ICRP-107). */
@Command(
        name = "nuclide",
        mixinStandardHelpOptions = true,
        description = "Decay data of a nuclide from ICRP Publication 107.")
final class NuclideCommand implements Runnable {
    /** Gamma lines below this yield per decay are not "main" lines. */
    static final double MAIN_LINE_MIN_YIELD = 0.01;

    @Parameters(paramLabel = "NAME", description = "e.g. Lu-177, 177Lu, lu177, Y-90, In-111")
    String name;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record MeanEnergy(double electron, double photon, double alpha, double total) {}

    record GammaLine(double energyKeV, double yieldPerDecay) {}

    record Partition(double photonCutKeV, double nonPenetratingMeV, double penetratingMeV) {}

    record Report(
            String name,
            double halfLifeSeconds,
            double halfLifeDays,
            List<String> decayModes,
            List<String> progeny,
            MeanEnergy meanEnergyPerDecayMeV,
            List<GammaLine> gammaLines,
            Partition energyPartition) {}

    @Override
    public void run() {
        Nuclide n = NuclideCatalog.icrp107().get(name);
        var e = n.meanEnergyPerDecay();
        List<GammaLine> lines = n.gammaLines(MAIN_LINE_MIN_YIELD).stream()
                .map(l -> new GammaLine(l.energy().inKeV(), l.yieldPerDecay()))
                .toList();
        Partition partition = null;
        if (n.hasEmissionLines()) {
            var p = EnergyPartition.of(n);
            partition = new Partition(
                    p.photonCut().inKeV(),
                    p.nonPenetrating().inMeV(),
                    p.penetrating().inMeV());
        }
        var report = new Report(
                n.name(),
                n.halfLifeSeconds(),
                n.halfLifeSeconds() / 86400,
                n.decayModes().stream().map(Enum::name).toList(),
                n.progeny().stream()
                        .map(p -> p.name() + " (" + p.branchingFraction() + ")")
                        .toList(),
                new MeanEnergy(
                        e.electron().inMeV(),
                        e.photon().inMeV(),
                        e.alpha().inMeV(),
                        e.total().inMeV()),
                lines,
                partition);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf(
                    Locale.ROOT, "%s  half-life %s  (%s)%n", n.name(), human(n), String.join(", ", report.progeny()));
            out.printf(
                    Locale.ROOT,
                    "mean energy per decay: electrons %.5f MeV, photons %.5f MeV, alpha %.5f MeV%n",
                    e.electron().inMeV(),
                    e.photon().inMeV(),
                    e.alpha().inMeV());
            for (EmissionLine l : n.gammaLines(MAIN_LINE_MIN_YIELD)) {
                out.printf(Locale.ROOT, "  γ %7.1f keV  %5.2f %%%n", l.energy().inKeV(), 100 * l.yieldPerDecay());
            }
            if (!n.hasEmissionLines()) {
                out.println("  (netra ships emission lines only for nuclear-medicine nuclides)");
            }
        }
        out.flush();
    }

    private static String human(Nuclide n) {
        double s = n.halfLifeSeconds();
        if (s >= 86400 * 2) {
            return String.format(Locale.ROOT, "%.4g d", s / 86400);
        }
        if (s >= 3600 * 2) {
            return String.format(Locale.ROOT, "%.4g h", s / 3600);
        }
        if (s >= 120) {
            return String.format(Locale.ROOT, "%.4g min", s / 60);
        }
        return String.format(Locale.ROOT, "%.4g s", s);
    }
}

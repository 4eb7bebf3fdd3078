package org.netra.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.netra.dosimetry.population.EffectiveHalfLifePrior;
import org.netra.dosimetry.population.RegionKind;
import org.netra.physics.quantity.Times;
import org.netra.store.Store;
import org.netra.store.clinical.PopulationModelBook;
import org.netra.store.clinical.PopulationModelSettings;
import org.netra.store.record.Stored;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netra population fit|show}: refit the department's population model from every stored multi-time-point
 * cycle (saved as a versioned, audited setting), or show the model in force.
 */
@Command(
        name = "population",
        mixinStandardHelpOptions = true,
        description = "The department's population kinetics: 'fit' refits it from the stored cycles (NLME) and saves"
                + " it; 'show' prints the model in force per region and the course forecast's risk level.")
final class PopulationCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "ACTION", description = "fit or show")
    String action;

    @Option(names = "--actor", paramLabel = "NAME", description = "who refits (required for fit; audited)")
    String actor;

    @Option(
            names = "--risk-level",
            paramLabel = "PERCENT",
            description = "with fit: also set the accepted probability of crossing a limit with the next cycle")
    Double riskLevelPercent;

    @ArgGroup(exclusive = false, heading = "Database%n")
    DatabaseOptions db = new DatabaseOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (var store = Store.open(db.config())) {
            var book = new PopulationModelBook(store.records());
            switch (action) {
                case "fit" -> {
                    if (actor == null || actor.isBlank()) {
                        throw new IllegalArgumentException(
                                "fit needs --actor NAME: every saved setting names who saved it");
                    }
                    var refit = book.refit(book.current().version(), actor);
                    out.println("Refitted from the stored cycles (saved as version "
                            + refit.saved().version() + "):");
                    refit.regions().forEach((kind, text) -> out.println("  " + kind.label() + ": " + text));
                    refit.notes().forEach(n -> out.println("  " + n));
                    if (riskLevelPercent != null) {
                        book.saveRiskLevel(refit.saved().version(), riskLevelPercent / 100, actor);
                    }
                    show(out, book.current());
                }
                case "show" -> show(out, book.current());
                default ->
                    throw new IllegalArgumentException(
                            "ACTION '" + action + "' is not one of: fit (refit from the stored cycles), show");
            }
        }
        out.flush();
    }

    private static void show(PrintWriter out, Stored<PopulationModelSettings> s) {
        var model = s.value().model();
        out.println(
                s.version() == 0
                        ? "Population model in force: netra's published defaults (never refitted)"
                        : "Population model in force: version " + s.version() + " saved by " + s.updatedBy() + " at "
                                + s.updatedAt());
        for (RegionKind kind : RegionKind.values()) {
            EffectiveHalfLifePrior p = model.priorFor(kind);
            out.println(String.format(
                    Locale.ROOT,
                    "  %-13s T_eff %5.1f h, SD of ln λ %.2f — %s",
                    kind.label(),
                    Times.hours(p.typicalEffectiveHalfLife()),
                    p.betweenPatientLogSd(),
                    p.source()));
        }
        out.println("  " + model.kidneyDoseInForce().describe());
        out.println("  " + model.marrowDoseInForce().describe());
        out.println(String.format(
                Locale.ROOT,
                "Course forecast: accepted probability of crossing a limit with the next cycle %.1f %%",
                100 * s.value().riskLevel()));
    }
}

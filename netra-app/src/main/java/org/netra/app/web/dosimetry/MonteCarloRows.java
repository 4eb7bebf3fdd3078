package org.netra.app.web.dosimetry;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.netra.app.dosimetry.CycleJson;
import org.netra.app.report.DosimetryReport;
import org.netra.dosimetry.cycle.MonteCarloComparison;
import org.netra.dosimetry.montecarlo.AdjoiningTissue;
import org.netra.dosimetry.montecarlo.InterfaceRegion;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.store.clinical.MonteCarloCheck;

/**
 * The "Monte Carlo vs kernel" table as the job page, the cycle's page and the PDF show it, from one run: the job's
 * report JSON as a finished job keeps it, or the cycle's stored {@link MonteCarloCheck}.
 */
public final class MonteCarloRows {
    private MonteCarloRows() {}

    /**
     * One VOI as text: the Monte Carlo dose ± its statistical SD (1 SD), that SD in %, the kernel's dose, their
     * difference and whether it is beyond the flag.
     */
    public record Line(
            String region,
            String monteCarlo,
            String sdPercent,
            String kernel,
            String difference,
            boolean flagged,
            boolean uncertain) {}

    /** The rule an automatic region is flagged by, in words ("beyond 5 % by more than 1 SD"). */
    public static String interfaceRule(MonteCarloCheck mc) {
        return String.format(
                Locale.ROOT, "beyond %.0f %% by more than %.0f SD", 100 * mc.flagAbove(), mc.interfaceSdsBeyond());
    }

    /** What the automatic regions are, for the line above them. */
    public static String interfaceHeading(MonteCarloCheck mc) {
        return String.format(
                        Locale.ROOT,
                        "Automatic regions, not VOIs: the voxels of each tissue class (lung below %.1f g/mL, bone from"
                                + " %.1f g/mL or a calcium medium, soft tissue between; at least %d voxels)",
                        AdjoiningTissue.LUNG_BELOW_G_PER_ML,
                        AdjoiningTissue.BONE_FROM_G_PER_ML,
                        InterfaceRegion.MIN_VOXELS)
                + " within one voxel outside each tumour and kidney, where"
                + " the kernel's density scaling is least right; compared here only (no DVH, no partial-volume"
                + " correction, no other dose); flagged "
                + interfaceRule(mc)
                + "; \"uncertain\" where the difference ± 1 SD reaches beyond "
                + String.format(Locale.ROOT, "%.0f %%", 100 * mc.flagAbove())
                + " without being flagged.";
    }

    /** A job's run as the cycle keeps it. */
    static MonteCarloCheck of(CycleJson.MonteCarloOut mc) {
        return new MonteCarloCheck(
                mc.histories(),
                mc.batches(),
                mc.stop(),
                mc.seed(),
                mc.threads(),
                mc.targetPercent() / 100,
                mc.reachedPercent() / 100,
                Duration.ofMillis(Math.round(mc.seconds() * 1000)),
                mc.geometry(),
                mc.electrons(),
                // jobs stored before the threshold was written used 5 %
                mc.flagAbovePercent() > 0 ? mc.flagAbovePercent() / 100 : MonteCarloComparison.FLAG_ABOVE,
                // jobs stored before the automatic regions have none, so the rule does not matter to them
                mc.interfaceSdsBeyond() > 0 ? mc.interfaceSdsBeyond() : MonteCarloComparison.INTERFACE_SDS_BEYOND,
                mc.rows().stream()
                        .map(row -> new MonteCarloCheck.Region(
                                row.voi(),
                                AbsorbedDose.ofGy(row.monteCarloGy()),
                                AbsorbedDose.ofGy(row.monteCarloSdGy()),
                                row.kernelGy().map(AbsorbedDose::ofGy),
                                row.adjoining()
                                        .map(a -> new MonteCarloCheck.Adjoining(a.voi(), a.tissue(), a.voxels()))))
                        .toList());
    }

    /** The user's VOIs. */
    public static List<Line> lines(MonteCarloCheck mc) {
        return lines(mc, mc.vois());
    }

    /** The regions netra drew around the tumours and kidneys, each name followed by its voxel count. */
    public static List<Line> interfaceLines(MonteCarloCheck mc) {
        return lines(mc, mc.interfaces());
    }

    private static List<Line> lines(MonteCarloCheck mc, List<MonteCarloCheck.Region> regions) {
        return regions.stream()
                .map(r -> new Line(
                        regionName(r),
                        String.format(
                                Locale.ROOT,
                                "%.3f ± %.3f",
                                r.monteCarlo().inGy(),
                                r.monteCarloSd().inGy()),
                        String.format(Locale.ROOT, "%.2f", 100 * r.monteCarloRelativeSd()),
                        r.kernel()
                                .map(k -> String.format(Locale.ROOT, "%.3f", k.inGy()))
                                .orElse("– (no kernel)"),
                        r.difference()
                                .map(d -> String.format(Locale.ROOT, "%+.1f %%", 100 * d))
                                .orElse("–"),
                        mc.flagged(r),
                        mc.uncertain(r)))
                .toList();
    }

    /** How far the run went, in words. */
    public static String run(MonteCarloCheck mc) {
        return String.format(
                Locale.ROOT,
                "%,d histories in %d batches, %.0f s, seed %d, %d thread(s); stopped: %s; target ± %.1f %% (1 SD) in"
                        + " each kidney and tumour, reached ± %.1f %%%s",
                mc.histories(),
                mc.batches(),
                mc.elapsed().toMillis() / 1000.0,
                mc.seed(),
                mc.threads(),
                mc.stop(),
                100 * mc.targetRelativeSd(),
                100 * mc.reachedRelativeSd(),
                mc.targetMissed() ? " — the target was not reached; the differences are less certain" : "");
    }

    /** The table as the PDF report prints it. */
    static DosimetryReport.MonteCarloTable report(MonteCarloCheck mc) {
        return new DosimetryReport.MonteCarloTable(
                run(mc),
                mc.geometry() + "; " + mc.electrons(),
                mc.flagAbove(),
                mc.regions().stream()
                        .map(r -> new DosimetryReport.MonteCarloRow(
                                regionName(r),
                                r.monteCarlo(),
                                r.monteCarloSd(),
                                r.kernel(),
                                r.difference(),
                                mc.flagged(r),
                                mc.uncertain(r),
                                r.adjoining().isPresent()))
                        .toList(),
                interfaceHeading(mc));
    }

    /** A VOI's name; an automatic region's with its voxel count ("Tumour_lung · adjoining lung (100 voxels)"). */
    private static String regionName(MonteCarloCheck.Region r) {
        return r.adjoining()
                .map(a -> String.format(Locale.ROOT, "%s (%d voxels)", r.region(), a.voxels()))
                .orElse(r.region());
    }
}

package org.netra.dosimetry.cycle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.netra.dosimetry.montecarlo.AdjoiningTissue;
import org.netra.dosimetry.montecarlo.MonteCarloResult;
import org.netra.physics.quantity.AbsorbedDose;

/**
 * The Monte Carlo run of a cycle beside the kernel method on the same TIA map: per VOI both doses and their
 * difference, flagged beyond {@link #FLAG_ABOVE}; then, with a CT, the same for the regions netra draws itself
 * around each tumour and kidney, one per tissue class ({@link org.netra.dosimetry.montecarlo.InterfaceRegion}).
 * Compared before partial-volume correction, which scales both alike.
 *
 * @param rows the VOIs in their order, then the interface regions netra drew (rows with {@link Row#adjoining()})
 * @param kernelAvailable false when netra has no dose-voxel kernel of the nuclide (rows then carry no kernel dose)
 * @param seed the run's seed (the same seed and batch count give the same map on any number of threads)
 * @param threads the threads it ran on
 * @param targetRelativeSd the uncertainty the run was to reach in each watched VOI (1 SD of the mean)
 * @param watched the VOIs the run stopped on: the kidneys and tumours, or every VOI when there are none
 * @param reachedRelativeSd the largest relative SD among the watched VOIs when it stopped (above the target when
 *     it stopped at the time or batch limit)
 */
public record MonteCarloComparison(
        long histories,
        int batches,
        MonteCarloResult.Stop stop,
        long seed,
        int threads,
        double targetRelativeSd,
        List<String> watched,
        double reachedRelativeSd,
        Duration elapsed,
        String geometry,
        String electrons,
        boolean electronsLocalValid,
        boolean kernelAvailable,
        List<Row> rows) {
    /** The relative difference beyond which a VOI is flagged. */
    public static final double FLAG_ABOVE = 0.05;

    /**
     * An automatic interface region is flagged only when its difference is beyond {@link #FLAG_ABOVE} by more than
     * this many of its statistical SDs (relative to the kernel dose). Its dose is mostly crossfire and the run does
     * not wait for it, so its SD is several per cent: at 3 % a region that truly agrees would pass 5 % by chance in
     * one run of ten, and a run has a region per tissue class around each tumour and kidney; one SD beyond brings
     * that to below 1 %.
     */
    public static final double INTERFACE_SDS_BEYOND = 1;

    public MonteCarloComparison {
        rows = List.copyOf(rows);
        watched = List.copyOf(watched);
    }

    /** True when the run stopped before every watched VOI reached the target (time or batch limit). */
    public boolean targetMissed() {
        return reachedRelativeSd > targetRelativeSd;
    }

    /**
     * @param voi the VOI's name, or an interface region's ("Tumour_lung · adjoining lung")
     * @param monteCarloSd 1 SD of the Monte Carlo mean, statistical
     * @param kernel the voxel-kernel dose of the same VOI, when netra has the nuclide's kernel
     * @param adjoining present when the row is not a user's VOI but a region netra drew around one
     */
    public record Row(
            String voi,
            AbsorbedDose monteCarlo,
            AbsorbedDose monteCarloSd,
            Optional<AbsorbedDose> kernel,
            Optional<Adjoining> adjoining) {
        public Row {
            adjoining = adjoining == null ? Optional.empty() : adjoining;
        }

        /** A user's VOI. */
        public Row(String voi, AbsorbedDose monteCarlo, AbsorbedDose monteCarloSd, Optional<AbsorbedDose> kernel) {
            this(voi, monteCarlo, monteCarloSd, kernel, Optional.empty());
        }

        /** (MC − kernel)/kernel, or empty without a kernel dose. */
        public Optional<Double> difference() {
            return kernel.filter(k -> k.inGy() > 0).map(k -> (monteCarlo.inGy() - k.inGy()) / k.inGy());
        }

        /** The Monte Carlo's statistical SD over the kernel's dose: the SD of {@link #difference()}. */
        public Optional<Double> differenceSd() {
            return kernel.filter(k -> k.inGy() > 0).map(k -> monteCarloSd.inGy() / k.inGy());
        }

        /** The Monte Carlo's statistical SD over its dose (0 for a zero dose). */
        public double monteCarloRelativeSd() {
            return monteCarlo.inGy() > 0 ? monteCarloSd.inGy() / monteCarlo.inGy() : 0;
        }

        /**
         * A VOI: the difference beyond {@link #FLAG_ABOVE}. An interface region: beyond it by more than
         * {@link #INTERFACE_SDS_BEYOND} SDs as well.
         */
        public boolean flagged() {
            double sds = adjoining.isPresent() ? INTERFACE_SDS_BEYOND : 0;
            return difference()
                    .map(d -> Math.abs(d) - sds * differenceSd().orElseThrow() > FLAG_ABOVE)
                    .orElse(false);
        }

        /**
         * An interface region not flagged whose difference ± 1 SD reaches beyond {@link #FLAG_ABOVE}: not known to
         * agree (its dose is crossfire the run did not wait for), and said so next to the number. A VOI never is:
         * the run stops on the kidneys and tumours at their target.
         */
        public boolean uncertain() {
            return adjoining.isPresent()
                    && !flagged()
                    && difference()
                            .map(d -> Math.abs(d) + differenceSd().orElseThrow() > FLAG_ABOVE)
                            .orElse(false);
        }
    }

    /**
     * What an interface region surrounds.
     *
     * @param voi the VOI it lies around
     * @param tissue its voxels' tissue class
     * @param voxels how many voxels it has
     */
    public record Adjoining(String voi, AdjoiningTissue tissue, int voxels) {}

    /** The warnings of the comparison: each flagged VOI, and electrons that travel beyond the voxel. */
    public List<CycleWarning> warnings() {
        List<CycleWarning> out = new java.util.ArrayList<>();
        for (Row r : rows) {
            if (r.flagged()) {
                out.add(new CycleWarning.MonteCarloDisagrees(
                        r.voi(),
                        r.monteCarlo().inGy(),
                        r.monteCarloSd().inGy(),
                        r.kernel().orElseThrow().inGy()));
            }
        }
        if (!electronsLocalValid) {
            out.add(new CycleWarning.MonteCarloElectronsBeyondVoxel(electrons));
        }
        return out;
    }
}

package org.netra.clinical.therapy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.cycle.RegionRole;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Volume;

/**
 * What a course's record keeps of a cycle's per-region dosimetry: the kidney dose, BED and effective half-life
 * as the volume-weighted mean over the whole-kidney VOIs (left and right, or both; mass-weighted at one density),
 * the marrow dose (the blood-based one on record, else a marrow VOI's image-based dose, said so), and each tumour
 * VOI's dose ± SD. The regions come by their {@link RegionRole}, given at import; a nested part (a kidney cortex)
 * is not a whole kidney and does not enter the kidney mean. Every surface that records a cycle (the web's
 * attachment of a job, the demo's twins through it) maps here, so they cannot weigh the kidneys differently.
 */
public final class CycleDoseMapping {
    private CycleDoseMapping() {}

    /**
     * One region's figures as the mapping needs them.
     *
     * @param effectiveHalfLife the terminal phase's, empty where the figures were kept without it
     * @param bed empty where the region's tissue has no sourced α/β
     */
    public record RegionDose(
            String name,
            RegionRole role,
            Volume volume,
            AbsorbedDose dose,
            AbsorbedDose doseSd,
            Optional<AbsorbedDose> bed,
            Optional<Duration> effectiveHalfLife) {
        public RegionDose {
            Objects.requireNonNull(name, "name of a region's dose");
            Objects.requireNonNull(role, "role of region " + name);
            Objects.requireNonNull(volume, "volume of region " + name);
            Objects.requireNonNull(dose, "dose of region " + name);
            Objects.requireNonNull(doseSd, "SD of the dose of region " + name);
            Objects.requireNonNull(bed, "BED of region " + name);
            Objects.requireNonNull(effectiveHalfLife, "effective half-life of region " + name);
        }

        /** A VOI of a pipeline's result. */
        public static RegionDose of(CycleResult.Voi v) {
            return new RegionDose(
                    v.name(),
                    v.role(),
                    v.volume(),
                    v.dose(),
                    v.doseSd(),
                    v.bed(),
                    Optional.of(v.tia().effectiveHalfLife()));
        }
    }

    /**
     * The kidneys' figures for the course.
     *
     * @param bed empty when a kidney VOI has none (the course's LQ model then gives it from dose and T_eff)
     * @param vois the whole-kidney VOIs the means are over
     */
    public record Kidneys(
            AbsorbedDose dose, Optional<AbsorbedDose> bed, Duration effectiveHalfLife, List<String> vois) {}

    /** The marrow dose the record takes and how it was obtained, in words for the record's method. */
    public record Marrow(AbsorbedDose dose, String how) {}

    /**
     * The volume-weighted kidney figures.
     *
     * @param source what the figures are of, for the refusals ("job 7f3a")
     * @throws CycleInputException without a kidney VOI, or with a kidney that kept no effective half-life
     */
    public static Kidneys kidneys(List<RegionDose> regions, String source) {
        List<RegionDose> kidneys = byRole(regions, RegionRole.KIDNEY);
        if (kidneys.isEmpty()) {
            throw new CycleInputException(source + " has no kidney VOI among "
                    + regions.stream().map(RegionDose::name).toList()
                    + "; the course's budget needs the kidneys (name them e.g. 'Kidney_L' and 'Kidney_R')");
        }
        if (kidneys.stream().anyMatch(k -> k.effectiveHalfLife().isEmpty())) {
            throw new CycleInputException(source + " kept no kidney effective half-life (run it again)");
        }
        double ml = kidneys.stream().mapToDouble(k -> k.volume().inMl()).sum();
        double gy = weighted(kidneys, k -> k.dose().inGy(), ml);
        double hours =
                weighted(kidneys, k -> k.effectiveHalfLife().orElseThrow().toSeconds() / 3600.0, ml);
        if (!(hours > 0)) {
            throw new CycleInputException(source + " kept no kidney effective half-life (run it again)");
        }
        Optional<AbsorbedDose> bed = kidneys.stream().allMatch(k -> k.bed().isPresent())
                // BED ≥ dose for every region; the mean keeps it but for rounding, which the record would refuse
                ? Optional.of(AbsorbedDose.ofGy(Math.max(
                        gy, weighted(kidneys, k -> k.bed().orElseThrow().inGy(), ml))))
                : Optional.empty();
        return new Kidneys(
                AbsorbedDose.ofGy(gy),
                bed,
                Duration.ofSeconds(Math.round(hours * 3600)),
                kidneys.stream().map(RegionDose::name).toList());
    }

    /**
     * The blood-based marrow dose when the cycle has one on record (EANM: the image-based one is a fall-back),
     * else the first marrow VOI's.
     *
     * @throws CycleInputException with neither
     */
    public static Marrow marrow(List<RegionDose> regions, Optional<AbsorbedDose> bloodBased, int cycle, String source) {
        if (bloodBased.isPresent()) {
            return new Marrow(bloodBased.get(), "marrow dose as recorded for the cycle (blood-based)");
        }
        RegionDose voi = byRole(regions, RegionRole.MARROW).stream()
                .findFirst()
                .orElseThrow(() -> new CycleInputException("cycle " + cycle + " has no marrow dose on record and "
                        + source + " no marrow VOI; record the blood-based marrow dose first"));
        return new Marrow(voi.dose(), "marrow dose image-based from VOI " + voi.name());
    }

    /** Every tumour VOI's dose ± SD with its volume. */
    public static List<TumourDose> tumours(List<RegionDose> regions) {
        return byRole(regions, RegionRole.TUMOUR).stream()
                .map(v -> new TumourDose(v.name(), v.dose(), v.doseSd(), v.volume()))
                .toList();
    }

    /** The cycle's dosimetry as the course records it. */
    public static CycleDosimetry cycleDosimetry(
            int cycle, LocalDate date, Activity administered, Kidneys kidneys, Marrow marrow) {
        return new CycleDosimetry(
                cycle, date, administered, kidneys.dose(), kidneys.effectiveHalfLife(), kidneys.bed(), marrow.dose());
    }

    private static List<RegionDose> byRole(List<RegionDose> regions, RegionRole role) {
        return regions.stream().filter(r -> r.role() == role).toList();
    }

    private static double weighted(List<RegionDose> regions, ToDoubleFunction<RegionDose> figure, double ml) {
        double s = 0;
        for (RegionDose r : regions) {
            s += figure.applyAsDouble(r) * r.volume().inMl();
        }
        return s / ml;
    }
}

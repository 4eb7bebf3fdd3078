package org.netra.dosimetry.population;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the single-time-point population method knows besides the one scan: each region kind's prior in force (netra's
 * published one, or the department's NLME fit where it is large enough) with its between-cycle SD, and the patient's
 * earlier multi-time-point cycles of each region, which narrow the prior to the patient's own clearance ({@link
 * PatientClearancePosterior}).
 *
 * @param priors the prior in force of each region kind
 * @param betweenCycleLogSd ω_c of each region kind (the department's fit where in force, else {@link
 *     EffectiveHalfLifePrior#BETWEEN_CYCLE_LOG_SD})
 * @param earlier the patient's earlier cycles, per region as stored (empty without a patient)
 * @param whose what the earlier cycles are of, in words ("patient P-9, course P-9/prrt-1"); empty without a patient
 */
public record SinglePointEvidence(
        Map<RegionKind, EffectiveHalfLifePrior> priors,
        Map<RegionKind, Double> betweenCycleLogSd,
        List<EarlierRegion> earlier,
        String whose) {

    /** One region of the patient's earlier cycles: its name as stored, its kind and its measured cycles. */
    public record EarlierRegion(String region, RegionKind kind, List<MeasuredClearance> cycles) {
        public EarlierRegion {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(kind, "kind");
            cycles = List.copyOf(cycles);
        }
    }

    /**
     * The prior one VOI takes and why.
     *
     * @param prior the prior (the population's, or the patient's next-cycle prior)
     * @param basis "population prior" or "population, individualised on cycles 1–2"
     * @param note why the patient's cycles were not used, where there was a patient (empty otherwise)
     */
    public record RegionPrior(EffectiveHalfLifePrior prior, String basis, String note) {
        public RegionPrior {
            Objects.requireNonNull(prior, "prior");
            Objects.requireNonNull(basis, "basis");
            note = note == null ? "" : note;
        }

        /** The population prior alone. */
        public static RegionPrior population(EffectiveHalfLifePrior prior) {
            return new RegionPrior(prior, POPULATION_PRIOR, "");
        }
    }

    /** How the method is named when no earlier cycle of the patient was used. */
    public static final String POPULATION_PRIOR = "population prior";

    /** netra's published priors, no patient. */
    public static final SinglePointEvidence PUBLISHED = of(DepartmentPopulationModel.PUBLISHED);

    public SinglePointEvidence {
        priors = Map.copyOf(priors);
        betweenCycleLogSd = Map.copyOf(betweenCycleLogSd);
        earlier = List.copyOf(earlier);
        whose = whose == null ? "" : whose;
        for (RegionKind k : RegionKind.values()) {
            if (!priors.containsKey(k) || !betweenCycleLogSd.containsKey(k)) {
                throw new IllegalArgumentException("the single-point evidence lacks region kind " + k.label());
            }
        }
    }

    /** The department's model in force (its fits where large enough, else the published priors), no patient. */
    public static SinglePointEvidence of(DepartmentPopulationModel model) {
        Map<RegionKind, Double> omegaC = new EnumMap<>(RegionKind.class);
        for (RegionKind k : RegionKind.values()) {
            omegaC.put(
                    k,
                    model.clearances().stream()
                            .filter(c -> c.region() == k && c.enoughToReplaceDefault())
                            .findFirst()
                            .map(FittedClearance::betweenCycleLogSd)
                            .orElse(EffectiveHalfLifePrior.BETWEEN_CYCLE_LOG_SD));
        }
        return new SinglePointEvidence(model.priorsInForce(), omegaC, List.of(), "");
    }

    /** The same priors with the patient's earlier cycles. */
    public SinglePointEvidence withEarlierCycles(List<EarlierRegion> regions, String whoseCycles) {
        return new SinglePointEvidence(priors, betweenCycleLogSd, regions, whoseCycles);
    }

    /** The same priors without the patient's cycles. */
    public SinglePointEvidence withoutPatient() {
        return new SinglePointEvidence(priors, betweenCycleLogSd, List.of(), "");
    }

    /** Whether a patient's earlier cycles were looked up. */
    public boolean hasPatient() {
        return !whose.isEmpty();
    }

    /**
     * The prior of a VOI of {@code kind} named {@code voiName}: the patient's next-cycle prior from the earlier cycles
     * of the region of the same name (case and punctuation aside); for an organ (not a tumour, whose lesions differ)
     * without one, from the earlier cycles' regions of its kind together (a left and a right kidney summed into the
     * kidneys' curve where they were scanned at the same times). Else the population prior.
     */
    public RegionPrior priorFor(RegionKind kind, String voiName) {
        EffectiveHalfLifePrior population = priors.get(kind);
        if (!hasPatient()) {
            return RegionPrior.population(population);
        }
        List<MeasuredClearance> cycles = matching(kind, voiName);
        var individual = PatientClearancePosterior.of(population, betweenCycleLogSd.get(kind), cycles);
        if (individual.isEmpty()) {
            return new RegionPrior(
                    population,
                    POPULATION_PRIOR,
                    String.format(
                            Locale.ROOT,
                            "no earlier cycle of %s (%s) with two scans after %.0f h: the population prior alone",
                            voiName,
                            whose,
                            ClearanceNlmeFit.UPTAKE_PHASE_HOURS));
        }
        return new RegionPrior(
                individual.get().nextCycle(),
                "population, individualised on " + individual.get().cyclesLabel(),
                "");
    }

    private List<MeasuredClearance> matching(RegionKind kind, String voiName) {
        String key = key(voiName);
        List<MeasuredClearance> same = earlier.stream()
                .filter(r -> key(r.region()).equals(key))
                .flatMap(r -> r.cycles().stream())
                .toList();
        if (!same.isEmpty() || kind == RegionKind.TUMOUR) {
            return same;
        }
        // the organ's regions of each earlier cycle, summed where they share the scan times
        Map<Integer, List<MeasuredClearance>> byCycle = new LinkedHashMap<>();
        earlier.stream()
                .filter(r -> r.kind() == kind)
                .flatMap(r -> r.cycles().stream())
                .forEach(c -> byCycle.computeIfAbsent(c.cycle(), k -> new ArrayList<>())
                        .add(c));
        List<MeasuredClearance> out = new ArrayList<>();
        for (var parts : byCycle.values()) {
            double[] hours = parts.get(0).hoursAfterInjection();
            if (parts.stream().allMatch(p -> Arrays.equals(p.hoursAfterInjection(), hours))) {
                double[] sum = new double[hours.length];
                for (MeasuredClearance p : parts) {
                    double[] a = p.activityMBq();
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += a[i];
                    }
                }
                out.add(new MeasuredClearance(
                        parts.get(0).patientId(), parts.get(0).cycle(), hours, sum));
            }
        }
        return out;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }
}

package org.netra.clinical.followup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.netra.clinical.patient.Length;

/** RECIST 1.1 (Eisenhauer et al., Eur J Cancer 2009;45:228): target selection, time-point and best response. */
public final class Recist {
    /** The baseline split into targets, non-targets and normal nodes (§3.3). */
    public record Baseline(
            LocalDate date,
            List<BaselineLesion> targets,
            List<BaselineLesion> nonTargets,
            List<BaselineLesion> normalNodes) {
        public Baseline {
            Objects.requireNonNull(date, "baseline date");
            targets = List.copyOf(targets);
            nonTargets = List.copyOf(nonTargets);
            normalNodes = List.copyOf(normalNodes);
        }

        /** Sum of diameters: longest for non-nodal, short axis for nodes (§3.3). */
        public Length sum() {
            return targets.stream().map(BaselineLesion::size).reduce(Length.ZERO, Length::plus);
        }
    }

    /** The response at one time point, with the sums it was judged on. */
    public record TimePoint(
            LocalDate date,
            Optional<Length> sum,
            Length nadirBefore,
            Optional<Double> changeFromBaseline,
            Optional<Double> changeFromNadir,
            Response target,
            Response overall) {}

    private final RecistRules rules;

    public Recist(RecistRules rules) {
        this.rules = rules;
    }

    public static Recist v11() {
        return new Recist(RecistRules.V1_1);
    }

    /**
     * Chooses targets automatically: measurable lesions, largest first, at most 5 and 2 per organ (§3.3);
     * the rest of the pathological lesions become non-targets.
     */
    public Baseline select(LocalDate date, List<BaselineLesion> lesions) {
        List<BaselineLesion> byTarget = lesions.stream()
                .filter(l -> l.measurable(rules))
                .sorted(Comparator.comparing(BaselineLesion::size).reversed())
                .toList();
        List<BaselineLesion> targets = new ArrayList<>();
        Map<String, Integer> perOrgan = new HashMap<>();
        for (BaselineLesion l : byTarget) {
            if (targets.size() < rules.maxTargets()
                    && perOrgan.getOrDefault(l.organ(), 0) < rules.maxTargetsPerOrgan()) {
                targets.add(l);
                perOrgan.merge(l.organ(), 1, Integer::sum);
            }
        }
        return split(date, lesions, targets);
    }

    /** Takes the reader's choice of targets, checking it against the rules (§3.3). */
    public Baseline withTargets(LocalDate date, List<BaselineLesion> lesions, Set<String> targetIds) {
        uniqueIds(lesions);
        List<BaselineLesion> targets =
                lesions.stream().filter(l -> targetIds.contains(l.id())).toList();
        Set<String> known = new HashSet<>();
        lesions.forEach(l -> known.add(l.id()));
        for (String id : targetIds) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("target " + id + " is not among the baseline lesions");
            }
        }
        for (BaselineLesion t : targets) {
            if (!t.measurable(rules)) {
                throw new IllegalArgumentException(
                        "lesion " + t.id() + " (" + t.size() + (t.lymphNode() ? " short axis" : "")
                                + ") is not measurable under RECIST 1.1 §3.1 and cannot be a target");
            }
        }
        if (targets.size() > rules.maxTargets()) {
            throw new IllegalArgumentException(
                    "RECIST 1.1 allows at most " + rules.maxTargets() + " targets, got " + targets.size());
        }
        Map<String, Integer> perOrgan = new HashMap<>();
        targets.forEach(t -> perOrgan.merge(t.organ(), 1, Integer::sum));
        perOrgan.forEach((organ, n) -> {
            if (n > rules.maxTargetsPerOrgan()) {
                throw new IllegalArgumentException("RECIST 1.1 allows at most " + rules.maxTargetsPerOrgan()
                        + " targets per organ; " + organ + " has " + n);
            }
        });
        return split(date, lesions, targets);
    }

    private Baseline split(LocalDate date, List<BaselineLesion> lesions, List<BaselineLesion> targets) {
        uniqueIds(lesions);
        List<BaselineLesion> nonTargets = new ArrayList<>();
        List<BaselineLesion> normal = new ArrayList<>();
        for (BaselineLesion l : lesions) {
            if (targets.contains(l)) {
                continue;
            }
            (l.pathological(rules) ? nonTargets : normal).add(l);
        }
        return new Baseline(date, targets, nonTargets, normal);
    }

    private static void uniqueIds(List<BaselineLesion> lesions) {
        Set<String> seen = new HashSet<>();
        for (BaselineLesion l : lesions) {
            if (!seen.add(l.id())) {
                throw new IllegalArgumentException("lesion id " + l.id() + " occurs twice at baseline");
            }
        }
    }

    /** The response at each follow-up, in date order; the nadir is the smallest sum so far, baseline included. */
    public List<TimePoint> evaluate(Baseline baseline, List<FollowUpAssessment> followUps) {
        List<FollowUpAssessment> ordered = followUps.stream()
                .sorted(Comparator.comparing(FollowUpAssessment::date))
                .toList();
        double baseSum = baseline.sum().inMm();
        double nadir = baseSum;
        List<TimePoint> out = new ArrayList<>();
        for (FollowUpAssessment f : ordered) {
            if (!f.date().isAfter(baseline.date())) {
                throw new IllegalArgumentException(
                        "follow-up on " + f.date() + " is not after the baseline " + baseline.date());
            }
            double sum = 0;
            boolean allEvaluated = true;
            boolean complete = true;
            for (BaselineLesion t : baseline.targets()) {
                Measurement m = f.targets().get(t.id());
                if (m == null) {
                    throw new IllegalArgumentException("follow-up on " + f.date() + " has no measurement for target "
                            + t.id() + "; record it as NotEvaluated if it was not assessed");
                }
                double mm =
                        switch (m) {
                            case Measurement.Measured(Length size) -> size.inMm();
                            case Measurement.TooSmallToMeasure() ->
                                rules.tooSmallToMeasure().inMm();
                            case Measurement.Disappeared() -> 0;
                            case Measurement.NotEvaluated() -> {
                                allEvaluated = false;
                                yield 0;
                            }
                        };
                sum += mm;
                // CR: non-nodal targets gone, nodes below 10 mm short axis (§4.3.1)
                boolean resolved = t.lymphNode()
                        ? mm < rules.minPathologicalNodeShortAxis().inMm()
                        : mm == 0;
                complete &= resolved && !(m instanceof Measurement.NotEvaluated);
            }
            boolean progression = sum >= nadir * (1 + rules.progressionIncrease()) - 1e-9
                    && sum - nadir >= rules.progressionAbsoluteIncrease().inMm() - 1e-9;
            Response target;
            if (baseline.targets().isEmpty()) {
                target = Response.NE;
            } else if (progression) {
                target = Response.PD;
            } else if (!allEvaluated) {
                target = Response.NE;
            } else if (complete) {
                target = Response.CR;
            } else if (sum <= baseSum * (1 - rules.partialResponseDecrease()) + 1e-9) {
                target = Response.PR;
            } else {
                target = Response.SD;
            }
            Response overall = overall(!baseline.targets().isEmpty(), target, f.nonTargets(), f.newLesion());
            boolean sumKnown = allEvaluated && !baseline.targets().isEmpty();
            out.add(new TimePoint(
                    f.date(),
                    sumKnown ? Optional.of(Length.ofMm(sum)) : Optional.empty(),
                    Length.ofMm(nadir),
                    sumKnown && baseSum > 0 ? Optional.of((sum - baseSum) / baseSum) : Optional.empty(),
                    sumKnown && nadir > 0 ? Optional.of((sum - nadir) / nadir) : Optional.empty(),
                    target,
                    overall));
            if (sumKnown) {
                nadir = Math.min(nadir, sum);
            }
        }
        return out;
    }

    /** Table 4 (targets present) and Table 5 (non-targets only; non-CR/non-PD is reported as SD). */
    static Response overall(boolean hasTargets, Response target, NonTargetStatus nonTargets, boolean newLesion) {
        if (newLesion || target == Response.PD || nonTargets == NonTargetStatus.UNEQUIVOCAL_PROGRESSION) {
            return Response.PD;
        }
        if (!hasTargets) {
            return switch (nonTargets) {
                case COMPLETE_RESPONSE -> Response.CR;
                case NON_CR_NON_PD -> Response.SD;
                case NOT_EVALUATED, NONE_AT_BASELINE -> Response.NE;
                case UNEQUIVOCAL_PROGRESSION -> Response.PD;
            };
        }
        return switch (target) {
            case CR ->
                switch (nonTargets) {
                    case COMPLETE_RESPONSE, NONE_AT_BASELINE -> Response.CR;
                    case NON_CR_NON_PD, NOT_EVALUATED -> Response.PR;
                    case UNEQUIVOCAL_PROGRESSION -> Response.PD;
                };
            case PR -> Response.PR;
            case SD -> Response.SD;
            case NE -> Response.NE;
            case PD -> Response.PD;
        };
    }

    /**
     * Best overall response (§4.4): the best time-point response, where SD must be at least the minimum
     * duration after baseline, and — when confirmation is required — CR needs a later CR and PR a later
     * CR or PR at least the confirmation interval afterwards (an unconfirmed response counts as SD).
     */
    public Response best(Baseline baseline, List<TimePoint> timePoints) {
        LocalDate sdEarliest = baseline.date().plus(rules.minimumStableDiseaseDuration());
        Response best = Response.NE;
        for (int i = 0; i < timePoints.size(); i++) {
            TimePoint tp = timePoints.get(i);
            Response r = tp.overall();
            if (rules.confirmationRequired() && r.objective()) {
                r = confirmed(timePoints, i);
            }
            if (r == Response.SD && tp.date().isBefore(sdEarliest)) {
                r = Response.NE;
            }
            if (r.ordinal() < best.ordinal()) {
                best = r;
            }
        }
        return best;
    }

    private Response confirmed(List<TimePoint> tps, int i) {
        TimePoint first = tps.get(i);
        LocalDate earliest = first.date().plus(rules.confirmationInterval());
        boolean laterCr = false;
        boolean laterObjective = false;
        for (int j = i + 1; j < tps.size(); j++) {
            TimePoint later = tps.get(j);
            if (later.date().isBefore(earliest)) {
                continue;
            }
            laterCr |= later.overall() == Response.CR;
            laterObjective |= later.overall().objective();
        }
        if (first.overall() == Response.CR && laterCr) {
            return Response.CR;
        }
        return laterObjective ? Response.PR : Response.SD;
    }
}

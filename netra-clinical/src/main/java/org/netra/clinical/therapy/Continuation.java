package org.netra.clinical.therapy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;

/**
 * Dosimetry-guided continuation (Uppsala/Lund; docs/DOMAIN.md §1): after each cycle, sum the kidney BED
 * and marrow dose; propose the next activity as the standard one, or less where that would cross a limit.
 * For the kidneys the remaining BED budget B is turned into the absorbed dose d with BED(d) = B (with the
 * last cycle's effective half-life) and d into activity with the last cycle's Gy/GBq; the marrow dose is
 * linear in activity.
 */
public final class Continuation {
    private final ContinuationConfig config;

    public Continuation(ContinuationConfig config) {
        this.config = config;
    }

    public static Continuation withDefaults() {
        return new Continuation(ContinuationConfig.DEFAULTS);
    }

    public ContinuationAdvice advise(List<CycleDosimetry> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("continuation needs the dosimetry of at least one given cycle");
        }
        List<CycleDosimetry> cycles = given.stream()
                .sorted(Comparator.comparingInt(CycleDosimetry::cycle))
                .toList();
        KidneyRadiobiology model = config.kidney();
        double bed = cycles.stream().mapToDouble(c -> c.kidneyBed(model).inGy()).sum();
        double marrow = cycles.stream().mapToDouble(c -> c.marrowDose().inGy()).sum();
        CycleDosimetry last = cycles.get(cycles.size() - 1);
        var budget = new ContinuationAdvice.Budget(
                cycles.size(),
                AbsorbedDose.ofGy(bed),
                config.kidneyBedLimit(),
                AbsorbedDose.ofGy(marrow),
                config.marrowLimit(),
                last.kidneyGyPerGBq(),
                last.marrowGyPerGBq());
        double bedLimit = config.kidneyBedLimit().inGy();
        double marrowLimit = config.marrowLimit().inGy();
        List<String> stop = new ArrayList<>();
        if (bed >= bedLimit) {
            stop.add(String.format(
                    Locale.ROOT, "cumulative kidney BED %.2f Gy has reached the limit %.1f Gy", bed, bedLimit));
        }
        if (marrow >= marrowLimit) {
            stop.add(String.format(
                    Locale.ROOT, "cumulative marrow dose %.2f Gy has reached the limit %.1f Gy", marrow, marrowLimit));
        }
        if (cycles.size() >= config.maxCycles()) {
            stop.add(cycles.size() + " cycles given, the most the protocol allows");
        }
        if (!stop.isEmpty()) {
            return new ContinuationAdvice.Stop(budget, List.copyOf(stop));
        }
        Next next = next(bed, marrow, last);
        if (next.activity.compareTo(config.minimumActivity()) < 0) {
            return new ContinuationAdvice.Stop(
                    budget,
                    List.of(String.format(
                            Locale.ROOT,
                            "the remaining budget allows only %.2f GBq (limited by %s), below the minimum useful %.2f GBq",
                            next.activity.inGBq(),
                            next.limit.name().toLowerCase(Locale.ROOT),
                            config.minimumActivity().inGBq())));
        }
        // predict the cycles still possible, repeating the proposal until a limit or the cycle cap
        int further = 0;
        Activity lastActivity = next.activity;
        double b = bed;
        double m = marrow;
        Next step = next;
        while (cycles.size() + further < config.maxCycles() && step.activity.compareTo(config.minimumActivity()) >= 0) {
            further++;
            lastActivity = step.activity;
            b += kidneyBed(step.activity, last);
            m += last.marrowGyPerGBq() * step.activity.inGBq();
            if (step.limit != ContinuationAdvice.Limit.NONE) {
                break; // a reduced cycle exhausts the budget
            }
            step = next(b, m, last);
        }
        return new ContinuationAdvice.Continue(
                budget,
                next.activity,
                next.limit,
                AbsorbedDose.ofGy(bed + kidneyBed(next.activity, last)),
                AbsorbedDose.ofGy(marrow + last.marrowGyPerGBq() * next.activity.inGBq()),
                further,
                lastActivity);
    }

    private record Next(Activity activity, ContinuationAdvice.Limit limit) {}

    private Next next(double bed, double marrow, CycleDosimetry last) {
        Activity standard = config.standardActivity();
        double remainingBed = Math.max(0, config.kidneyBedLimit().inGy() - bed);
        double remainingMarrow = Math.max(0, config.marrowLimit().inGy() - marrow);
        double byKidney = Double.POSITIVE_INFINITY;
        if (last.kidneyGyPerGBq() > 0) {
            double dose = config.kidney()
                    .doseForBed(AbsorbedDose.ofGy(remainingBed), last.kidneyEffectiveHalfLife())
                    .inGy();
            byKidney = dose / last.kidneyGyPerGBq();
        }
        double byMarrow =
                last.marrowGyPerGBq() > 0 ? remainingMarrow / last.marrowGyPerGBq() : Double.POSITIVE_INFINITY;
        double gbq = Math.min(standard.inGBq(), Math.min(byKidney, byMarrow));
        ContinuationAdvice.Limit limit = gbq >= standard.inGBq()
                ? ContinuationAdvice.Limit.NONE
                : byKidney <= byMarrow ? ContinuationAdvice.Limit.KIDNEY : ContinuationAdvice.Limit.MARROW;
        return new Next(Activity.ofGBq(gbq), limit);
    }

    /** The kidney BED a cycle of {@code activity} would add, at the last cycle's Gy/GBq and effective half-life. */
    private double kidneyBed(Activity activity, CycleDosimetry last) {
        AbsorbedDose dose = AbsorbedDose.ofGy(last.kidneyGyPerGBq() * activity.inGBq());
        return config.kidney().bed(dose, last.kidneyEffectiveHalfLife()).inGy();
    }
}

package org.netra.clinical.followup;

import java.util.Optional;
import org.netra.clinical.patient.Sex;

/** CTCAE v5.0 grading of laboratory values (see {@link CtcaeTerm} for the tables). */
public final class Ctcae {
    private final ReferenceRanges ranges;

    public Ctcae(ReferenceRanges ranges) {
        this.ranges = ranges;
    }

    public static Ctcae withDefaults() {
        return new Ctcae(ReferenceRanges.DEFAULTS);
    }

    /**
     * The grade of {@code value} (in the term's analyte's canonical unit). {@code baseline} is used only
     * by the rising terms (creatinine, bilirubin, ALT, AST: {@link CtcaeTerm#usesBaseline()}); pass empty
     * where there is none.
     */
    public CtcaeGrade grade(CtcaeTerm term, double value, Optional<Double> baseline, Sex sex) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(term + ": value must be a finite number ≥ 0, got " + value);
        }
        if (term == CtcaeTerm.CREATININE_INCREASED) {
            return creatinine(value, baseline, ranges.creatinineUln(sex));
        }
        var above = term.aboveUpperLimit();
        if (above.isPresent()) {
            return aboveUpperLimit(above.get(), value, baseline, ranges.uln(term.analyte()));
        }
        double lln = ranges.lln(term.analyte(), sex);
        if (value >= lln) {
            return CtcaeGrade.G0;
        }
        double[] bounds = term.lowerBoundaries();
        int grade = 1;
        for (double bound : bounds) {
            if (value < bound) {
                grade++;
            }
        }
        return CtcaeGrade.of(grade);
    }

    /** Bilirubin, ALT, AST: multiples of the ULN, or of the baseline where the baseline was above the ULN. */
    private static CtcaeGrade aboveUpperLimit(
            CtcaeTerm.AboveUpperLimit scale, double value, Optional<Double> baseline, double uln) {
        boolean abnormalBaseline = baseline.isPresent() && baseline.get() > uln;
        double reference = abnormalBaseline ? baseline.get() : uln;
        double ratio = value / reference;
        boolean grade1 = abnormalBaseline
                ? (scale.baselineGrade1Inclusive() ? ratio >= scale.baselineGrade1() : ratio > scale.baselineGrade1())
                : ratio > 1.0;
        if (!grade1) {
            return CtcaeGrade.G0;
        }
        int grade = 1;
        for (double m : scale.multiples()) {
            if (ratio > m) {
                grade++;
            }
        }
        return CtcaeGrade.of(grade);
    }

    private static CtcaeGrade creatinine(double value, Optional<Double> baseline, double uln) {
        CtcaeGrade byUln;
        if (value > 6.0 * uln) {
            byUln = CtcaeGrade.G4;
        } else if (value > 3.0 * uln) {
            byUln = CtcaeGrade.G3;
        } else if (value > 1.5 * uln) {
            byUln = CtcaeGrade.G2;
        } else if (value > uln) {
            byUln = CtcaeGrade.G1;
        } else {
            byUln = CtcaeGrade.G0;
        }
        CtcaeGrade byBaseline = CtcaeGrade.G0;
        if (baseline.isPresent()) {
            double b = baseline.get();
            if (!(b > 0)) {
                throw new IllegalArgumentException("baseline creatinine must be positive, got " + b);
            }
            if (value > 3.0 * b) {
                byBaseline = CtcaeGrade.G3;
            } else if (value > 1.5 * b) {
                byBaseline = CtcaeGrade.G2;
            }
        }
        return CtcaeGrade.worse(byUln, byBaseline);
    }
}

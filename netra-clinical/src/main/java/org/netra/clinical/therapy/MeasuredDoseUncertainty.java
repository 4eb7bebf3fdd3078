package org.netra.clinical.therapy;

import java.util.Locale;

/**
 * The measurement error of one given cycle's kidney and marrow dose (log SD), for a course forecast of the true
 * cumulative dose and not only of what will be measured: a cumulative dose after cycle k is mostly the k measured
 * cycles, whose error does not shrink as more are given, and the fitted between-cycle spread holds the measurement's
 * error, which a future cycle's true dose does not have. {@link JointDoseLevels} uses it for both (docs/dosimetry.md,
 * "On held-out twins").
 *
 * @param kidneyLogSd the kidney dose's relative error (0 for exact)
 * @param marrowLogSd the marrow dose's relative error (0 for exact)
 */
public record MeasuredDoseUncertainty(double kidneyLogSd, double marrowLogSd) {
    /** The measured doses taken as exact (what the stored forecast does until a department sets its errors). */
    public static final MeasuredDoseUncertainty NONE = new MeasuredDoseUncertainty(0, 0);

    public MeasuredDoseUncertainty {
        if (!(kidneyLogSd >= 0 && kidneyLogSd < 1) || !(marrowLogSd >= 0 && marrowLogSd < 1)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "a measured dose's relative error must be in [0, 1), got kidney %s and marrow %s",
                    kidneyLogSd,
                    marrowLogSd));
        }
    }

    boolean isNone() {
        return kidneyLogSd == 0 && marrowLogSd == 0;
    }

    String describe() {
        return isNone()
                ? "measured cycles taken as exact"
                : String.format(
                        Locale.ROOT,
                        "measured cycles uncertain by %.0f %% (kidney) and %.0f %% (marrow)",
                        100 * kidneyLogSd,
                        100 * marrowLogSd);
    }
}

package org.netra.clinical.therapy;

import java.time.Duration;
import java.util.Locale;
import org.netra.dosimetry.cyclezero.PetDosePredictor.Prediction;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;

/**
 * The first cycle's activity proposed from the virtual cycle 0: the most that keeps the kidneys' cumulative
 * BED over the planned cycles under the limit if every cycle gave the upper end of the predicted kidney dose
 * per GBq (the safe side), capped at the standard activity. Each cycle's BED is d(1 + g·d) with g from
 * {@link KidneyRadiobiology} at an assumed kidney T_eff; BEDs of cycles add, so each may use limit/cycles.
 *
 * @param activity the proposed activity (never above the standard)
 * @param kidneyDosePerCycle the kidney dose per cycle that activity gives at the upper predicted Gy/GBq
 * @param limitedByKidneys whether the kidneys, not the standard activity, set it
 * @param belowMinimum whether the kidneys' budget is below the minimum worth giving (then the physician decides)
 * @param reason the reasoning in words, with the numbers
 */
public record FirstActivityProposal(
        Activity activity,
        AbsorbedDose kidneyDosePerCycle,
        boolean limitedByKidneys,
        boolean belowMinimum,
        String reason) {

    /** The kidney effective half-life assumed for the BED's dose-rate factor before any cycle was measured. */
    public static final Duration ASSUMED_KIDNEY_T_EFF = Duration.ofHours(50);

    public static FirstActivityProposal propose(Prediction kidney, int plannedCycles, ContinuationConfig config) {
        if (plannedCycles < 1 || plannedCycles > config.maxCycles()) {
            throw new IllegalArgumentException(
                    "planned cycles must be 1–" + config.maxCycles() + ", got " + plannedCycles);
        }
        double perCycleBed = config.kidneyBedLimit().inGy() / plannedCycles;
        double perCycleDose = config.kidney()
                .doseForBed(AbsorbedDose.ofGy(perCycleBed), ASSUMED_KIDNEY_T_EFF)
                .inGy();
        double upper = kidney.upper90PerGBq().inGy();
        double kidneysAllowGBq = perCycleDose / upper;
        double standard = config.standardActivity().inGBq();
        // a proposal to 0.1 GBq, rounded down so that it stays on the safe side
        double proposed = Math.floor(Math.min(standard, kidneysAllowGBq) * 10) / 10;
        boolean limited = kidneysAllowGBq < standard;
        boolean below = proposed < config.minimumActivity().inGBq();
        String reason = String.format(
                Locale.ROOT,
                "kidney BED limit %.0f Gy over %d planned cycles allows %.1f Gy BED (%.2f Gy) per cycle; at the"
                        + " upper 90 %% predicted %.2f Gy/GBq (median %.2f, from PET SUVmean %.1f, predictor v%d,"
                        + " %d patients) that is %.2f GBq, proposed to 0.1 GBq below; %s",
                config.kidneyBedLimit().inGy(),
                plannedCycles,
                perCycleBed,
                perCycleDose,
                upper,
                kidney.medianPerGBq().inGy(),
                kidney.petSuvMean(),
                kidney.predictorVersion(),
                kidney.patients(),
                kidneysAllowGBq,
                below
                        ? "below the " + config.minimumActivity().inGBq() + " GBq worth giving: the physician decides"
                        : limited
                                ? "the kidneys limit the first cycle below the standard " + standard + " GBq"
                                : "the standard " + standard + " GBq stays within it");
        return new FirstActivityProposal(
                Activity.ofGBq(proposed), AbsorbedDose.ofGy(upper * proposed), limited, below, reason);
    }
}

package org.netra.clinical.therapy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import org.netra.physics.decay.Decay;
import org.netra.physics.quantity.Activity;

/**
 * What the radiopharmacist records for one cycle: the batch, the activity measured in the dose calibrator at
 * a calibration time, and what was left in the syringe (and lines) after the injection, measured at its own
 * time. Times are wall-clock times in the department's zone, to the minute.
 */
public record Dispensing(
        String batch,
        Activity calibrated,
        LocalDateTime calibratedAt,
        Activity residual,
        LocalDateTime residualMeasuredAt) {
    public Dispensing {
        if (batch == null || batch.isBlank()) {
            throw new IllegalArgumentException("the batch number is missing");
        }
        Objects.requireNonNull(calibrated, "calibrated activity");
        Objects.requireNonNull(calibratedAt, "calibration time");
        Objects.requireNonNull(residual, "residual activity");
        Objects.requireNonNull(residualMeasuredAt, "residual measurement time");
        if (!(calibrated.inBq() > 0)) {
            throw new IllegalArgumentException("the calibrated activity must be above zero");
        }
    }

    /**
     * The activity the patient received at {@code administration}: the calibrated activity decayed from its
     * calibration time to the administration, less the residual decayed back from its measurement to the
     * administration — A = A_cal·2^(−(t_adm − t_cal)/T½) − A_res·2^((t_res − t_adm)/T½). Refused when the
     * residual was measured before the injection or is not less than what was in the syringe.
     */
    public Activity administeredAt(LocalDateTime administration, ZoneId zone, Duration halfLife) {
        Objects.requireNonNull(administration, "administration time");
        var adm = administration.atZone(zone).toInstant();
        var res = residualMeasuredAt.atZone(zone).toInstant();
        if (res.isBefore(adm)) {
            throw new IllegalArgumentException("the residual was measured at " + residualMeasuredAt
                    + ", before the administration at " + administration + "; measure it after the injection");
        }
        Activity inSyringe = Decay.activityAt(
                calibrated, halfLife, Duration.between(calibratedAt.atZone(zone).toInstant(), adm));
        Activity left = Decay.activityAt(residual, halfLife, Duration.between(res, adm));
        double given = inSyringe.inBq() - left.inBq();
        if (!(given > 0)) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "the residual (%.3f GBq at the administration) is not less than the syringe's activity (%.3f GBq"
                            + " at the administration); check both measurements",
                    left.inGBq(),
                    inSyringe.inGBq()));
        }
        return Activity.ofBq(given);
    }
}

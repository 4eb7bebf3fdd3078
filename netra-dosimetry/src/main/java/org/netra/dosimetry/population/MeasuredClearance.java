package org.netra.dosimetry.population;

import java.util.Arrays;
import java.util.Objects;

/**
 * One region's activities measured at several times after one injection (a multi-time-point cycle), as the
 * population fit reads them.
 *
 * @param patientId whose (cycles of one patient share the patient's random effect)
 * @param cycle which cycle of that patient
 * @param hoursAfterInjection the scan times
 * @param activityMBq the region's activity at each scan
 */
public record MeasuredClearance(String patientId, int cycle, double[] hoursAfterInjection, double[] activityMBq) {
    public MeasuredClearance {
        Objects.requireNonNull(patientId, "patientId");
        hoursAfterInjection = hoursAfterInjection.clone();
        activityMBq = activityMBq.clone();
        if (hoursAfterInjection.length != activityMBq.length) {
            throw new IllegalArgumentException("patient " + patientId + " cycle " + cycle + ": "
                    + hoursAfterInjection.length + " scan times for " + activityMBq.length + " activities");
        }
        for (int i = 0; i < activityMBq.length; i++) {
            if (!(hoursAfterInjection[i] >= 0) || !Double.isFinite(activityMBq[i])) {
                throw new IllegalArgumentException("patient " + patientId + " cycle " + cycle + ": scan " + (i + 1)
                        + " has time " + hoursAfterInjection[i] + " h and activity " + activityMBq[i] + " MBq");
            }
        }
    }

    @Override
    public double[] hoursAfterInjection() {
        return hoursAfterInjection.clone();
    }

    @Override
    public double[] activityMBq() {
        return activityMBq.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeasuredClearance m
                && m.patientId.equals(patientId)
                && m.cycle == cycle
                && Arrays.equals(m.hoursAfterInjection, hoursAfterInjection)
                && Arrays.equals(m.activityMBq, activityMBq);
    }

    @Override
    public int hashCode() {
        return Objects.hash(patientId, cycle, Arrays.hashCode(hoursAfterInjection), Arrays.hashCode(activityMBq));
    }

    @Override
    public String toString() {
        return "MeasuredClearance[" + patientId + " cycle " + cycle + ", " + activityMBq.length + " scans]";
    }
}

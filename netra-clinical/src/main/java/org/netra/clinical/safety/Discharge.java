package org.netra.clinical.safety;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.netra.physics.quantity.Times;

/**
 * The release check and the contact restrictions of one stay, from the nurse's dose-rate readings at 1 m.
 * The whole-body effective half-life comes from the readings themselves: the log-linear slope through the last
 * two readings, when both are at least {@link #LATE_PHASE_FROM} after the administration — the first day
 * carries the fast urinary clearance, whose slope would shorten the half-life and with it every restriction.
 * Otherwise (one reading, early readings, or readings that do not fall) the physical half-life is taken: no
 * biological clearance assumed, the cautious choice. The check and every
 * restriction period follow from the last reading and that half-life ({@link RadiationProtection}).
 */
public record Discharge(
        DoseRateReading last,
        Duration effectiveHalfLife,
        String halfLifeFrom,
        RadiationProtection.ReleaseCheck release,
        List<RadiationProtection.Restriction> restrictions) {
    /** Readings closer than this do not give a half-life (meter noise dominates the slope). */
    public static final Duration MIN_SPACING = Duration.ofHours(4);
    /** Readings from this long after the administration see the late, slow phase of the clearance. */
    public static final Duration LATE_PHASE_FROM = Duration.ofHours(24);

    public Discharge {
        Objects.requireNonNull(last, "last reading");
        restrictions = List.copyOf(restrictions);
    }

    private static String minute(LocalDateTime t) {
        return t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    public static Discharge assess(
            LocalDateTime administered,
            List<DoseRateReading> readings,
            Duration physicalHalfLife,
            RadiationProtection protection,
            List<ContactScenario> scenarios) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("no dose-rate reading yet: measure at 1 m before the release check");
        }
        List<DoseRateReading> byTime = readings.stream()
                .sorted(Comparator.comparing(DoseRateReading::at))
                .toList();
        for (DoseRateReading r : byTime) {
            if (r.at().isBefore(administered)) {
                throw new IllegalArgumentException(
                        "a dose-rate reading at " + r.at() + " is before the administration at " + administered);
            }
        }
        DoseRateReading last = byTime.getLast();
        Duration teff = physicalHalfLife;
        String from = "physical half-life (no two falling readings from 24 h on): no clearance assumed";
        if (byTime.size() >= 2) {
            DoseRateReading before = byTime.get(byTime.size() - 2);
            Duration apart = Duration.between(before.at(), last.at());
            double r0 = before.atOneMetre().inMicroSvPerHour();
            double r1 = last.atOneMetre().inMicroSvPerHour();
            boolean late = !before.at().isBefore(administered.plus(LATE_PHASE_FROM));
            if (late && apart.compareTo(MIN_SPACING) >= 0 && r1 > 0 && r0 > r1) {
                double hours = Times.hours(apart) * Math.log(2) / Math.log(r0 / r1);
                Duration fitted = Times.ofHours(hours);
                if (fitted.compareTo(physicalHalfLife) < 0) {
                    teff = fitted;
                    from = "the last two readings (" + minute(before.at()) + " and " + minute(last.at()) + ")";
                }
            }
        }
        return new Discharge(
                last,
                teff,
                from,
                protection.releaseCheck(administered, last.at(), last.atOneMetre(), teff),
                protection.restrictions(last.atOneMetre(), teff, scenarios));
    }
}

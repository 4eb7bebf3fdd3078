package org.netra.clinical.safety;

import java.util.List;

/**
 * A kind of contact the patient must restrict, with the occupancy factor (the fraction of the dose rate
 * at 1 m the contact receives on average: hours per day × (1 m / distance)² / 24) and the dose constraint
 * per cycle. Annual constraints are shared over the cycles of a year.
 */
public record ContactScenario(
        String name, String restriction, double occupancy, Dose constraintPerCycle, int minimumDays, String source) {
    /**
     * The consensus minimum of the NANETS/SNMMI procedure standard for 177Lu-DOTATATE (Hope et al., J Nucl Med
     * 2019;60:937–943, table of radiation-safety recommendations): sleep apart and avoid close contact for 3
     * days, longer for infants, children and a pregnant partner; return to work after 3 days.
     */
    public static final int CONSENSUS_MINIMUM_DAYS = 3;

    public ContactScenario {
        if (minimumDays < 0) {
            throw new IllegalArgumentException("scenario " + name + ": minimum days must be ≥ 0, got " + minimumDays);
        }
        if (!(occupancy > 0) || occupancy > 10) {
            throw new IllegalArgumentException(
                    "scenario " + name + ": occupancy factor must be in (0, 10], got " + occupancy);
        }
        if (!(constraintPerCycle.sieverts() > 0)) {
            throw new IllegalArgumentException("scenario " + name + ": dose constraint must be above zero");
        }
    }

    /** The occupancy of {@code hoursPerDay} at {@code metres} from the patient (inverse square). */
    public static double occupancy(double hoursPerDay, double metres) {
        return hoursPerDay / 24 / (metres * metres);
    }

    /**
     * Default scenarios after Levart et al., EJNMMI Phys 2019;6:7 (UK: relatives 1 mSv per cycle, public
     * 0.3 mSv per year, here shared over 4 cycles a year). The occupancies are modelled contact patterns
     * (hours a day at a distance), a local choice to confirm: partner sharing the bed, 8 h/night at 0.5 m, and
     * 4 h/d at 1 m by day (the restriction is to sleep apart, so the night belongs in what it avoids; 6 h/d at
     * 1 m, NUREG-1556's E = 0.25, left the night out and gave no restriction at discharge rates); child &lt; 2 y 3 h/d at 0.5 m; 2–5 y 1.5 h/d at 0.5 m; 5–11 y 1.5 h/d at 0.7 m;
     * colleague 8 h/d at 2 m; public 1 h/d at 1 m.
     */
    public static List<ContactScenario> defaults() {
        String uk = "Levart 2019 (UK constraints); occupancy modelled, confirm; at least 3 days (NANETS/SNMMI 2019)";
        int min = CONSENSUS_MINIMUM_DAYS;
        Dose relative = Dose.ofMilliSv(1.0);
        Dose publicPerCycle = Dose.ofMilliSv(0.3 / 4);
        return List.of(
                new ContactScenario(
                        "partner",
                        "sleep apart and keep more than 1 m by day",
                        occupancy(8, 0.5) + occupancy(4, 1),
                        relative,
                        min,
                        uk),
                new ContactScenario(
                        "child under 2 years",
                        "no close contact (< 1 m), let others carry and feed",
                        occupancy(3, 0.5),
                        relative,
                        min,
                        uk),
                new ContactScenario(
                        "child 2–5 years", "no close contact (< 1 m)", occupancy(1.5, 0.5), relative, min, uk),
                new ContactScenario(
                        "child 5–11 years", "no close contact (< 1 m)", occupancy(1.5, 0.7), relative, min, uk),
                new ContactScenario("colleagues", "stay off work", occupancy(8, 2), publicPerCycle, min, uk),
                new ContactScenario(
                        "public",
                        "avoid crowds and long journeys beside others",
                        occupancy(1, 1),
                        publicPerCycle,
                        min,
                        uk));
    }
}

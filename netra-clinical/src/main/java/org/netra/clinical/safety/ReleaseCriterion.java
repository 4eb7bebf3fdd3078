package org.netra.clinical.safety;

/** When a patient may go home (docs/DOMAIN.md §4); configured per country. */
public sealed interface ReleaseCriterion {
    /** Release below a dose rate at 1 m (e.g. Australia &lt; 25 µSv/h). */
    record DoseRateAtOneMetre(DoseRate limit, String source) implements ReleaseCriterion {
        public static DoseRateAtOneMetre australia() {
            return new DoseRateAtOneMetre(DoseRate.ofMicroSvPerHour(25), "Australia: < 25 µSv/h at 1 m (DOMAIN.md §4)");
        }
    }

    /**
     * Release when the projected dose to the most exposed person (NUREG-1556 vol. 9 App. U:
     * D = Ḋ(1 m)·E·1.443·T_eff, E = 0.25) is at most the limit (US 10 CFR 35.75: 5 mSv), with written
     * instructions above {@code instructionsAbove} (1 mSv).
     */
    record ProjectedDose(Dose limit, Dose instructionsAbove, double occupancy, String source)
            implements ReleaseCriterion {
        public static ProjectedDose usNrc() {
            return new ProjectedDose(
                    Dose.ofMilliSv(5), Dose.ofMilliSv(1), 0.25, "10 CFR 35.75, NUREG-1556 vol. 9 App. U");
        }
    }
}

package org.netra.clinical.eligibility;

import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * Every threshold of the PRRT eligibility check, with the defaults and sources of docs/DOMAIN.md §1.
 * Values marked (confirm) there are trial criteria that could not be read in full: departments should
 * check them against their own protocol. {@code minNeutrophils} is empty unless the department sets one
 * (NETTER-1's published criteria name white cells, not neutrophils).
 */
public record EligibilityConfig(
        Period labMaxAge,
        boolean priorTherapyRequired,
        Threshold minKrenning,
        Threshold minKarnofsky,
        Threshold maxEcog,
        Threshold minHaemoglobin,
        Threshold minWhiteCells,
        Threshold minPlatelets,
        Threshold minCreatinineClearance,
        Threshold maxCreatinine,
        Threshold ki67Eligible,
        Threshold ki67GreyZoneUpper,
        Threshold contraindicationCreatinineClearance,
        int pregnancyTestAgeLimit,
        Optional<Threshold> minNeutrophils) {
    public static final EligibilityConfig DEFAULTS = new EligibilityConfig(
            Period.ofWeeks(4),
            true,
            new Threshold(3, "", "Krenning ≥ 3 (> liver); the SmPC allows ≥ 2 — DOMAIN.md §1, SmPC"),
            new Threshold(60, "", "NETTER-1 (confirm); Rotterdam used KPS ≥ 50 (Kwekkeboom 2008)"),
            new Threshold(2, "", "ECOG ≤ 2 ≙ Karnofsky ≥ 60 (Oken 1982 conversion)"),
            new Threshold(8, "g/dL", "NETTER-1 (confirm); Rotterdam Hb ≥ 6 mmol/L (Kwekkeboom 2008)"),
            new Threshold(2, "×10⁹/L", "NETTER-1 (confirm), Kwekkeboom 2008"),
            new Threshold(75, "×10⁹/L", "NETTER-1 (confirm), Kwekkeboom 2008"),
            new Threshold(50, "mL/min", "NETTER-1 (confirm); Rotterdam ≥ 40 mL/min"),
            new Threshold(150, "µmol/L", "NETTER-1 (confirm)"),
            new Threshold(20, "%", "trial criterion (NETTER-1); DOMAIN.md §1"),
            new Threshold(55, "%", "grey zone 20–55 %: NETTER-2 treated G3 up to 55 %; Sundlöv 2022"),
            new Threshold(30, "mL/min", "SmPC contraindication: severe renal impairment"),
            55,
            Optional.empty());

    public EligibilityConfig {
        Objects.requireNonNull(labMaxAge, "labMaxAge");
        minNeutrophils = minNeutrophils == null ? Optional.empty() : minNeutrophils;
        int days = labMaxAge.getYears() * 365 + labMaxAge.getMonths() * 30 + labMaxAge.getDays();
        if (days < 14 || days > 28) {
            throw new IllegalArgumentException("labs must be between 2 and 4 weeks old at most (DOMAIN.md §1), got "
                    + labMaxAge + "; choose 14–28 days");
        }
        if (ki67GreyZoneUpper.value() < ki67Eligible.value()) {
            throw new IllegalArgumentException("the Ki-67 grey zone must end (" + ki67GreyZoneUpper.value()
                    + " %) above the eligible limit (" + ki67Eligible.value() + " %)");
        }
    }

    /** The same with another lab age limit (2–4 weeks). */
    public EligibilityConfig withLabMaxAge(Period age) {
        return new EligibilityConfig(
                age,
                priorTherapyRequired,
                minKrenning,
                minKarnofsky,
                maxEcog,
                minHaemoglobin,
                minWhiteCells,
                minPlatelets,
                minCreatinineClearance,
                maxCreatinine,
                ki67Eligible,
                ki67GreyZoneUpper,
                contraindicationCreatinineClearance,
                pregnancyTestAgeLimit,
                minNeutrophils);
    }

    /** The same with another Krenning minimum (2 = the SmPC's "≥ liver"). */
    public EligibilityConfig withMinKrenning(int score, String source) {
        return new EligibilityConfig(
                labMaxAge,
                priorTherapyRequired,
                minKrenning.withValue(score, source),
                minKarnofsky,
                maxEcog,
                minHaemoglobin,
                minWhiteCells,
                minPlatelets,
                minCreatinineClearance,
                maxCreatinine,
                ki67Eligible,
                ki67GreyZoneUpper,
                contraindicationCreatinineClearance,
                pregnancyTestAgeLimit,
                minNeutrophils);
    }
}

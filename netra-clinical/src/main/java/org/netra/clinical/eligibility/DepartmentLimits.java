package org.netra.clinical.eligibility;

import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The eligibility limits a department sets for itself (the rest of {@link EligibilityConfig} keeps netra's
 * sourced defaults): Ki-67 below which PRRT is the treatment of choice (%), minimum platelets (×10⁹/L),
 * haemoglobin (g/dL), optionally neutrophils (×10⁹/L), creatinine clearance (mL/min), the Krenning minimum,
 * how old labs may be (days) and the highest ECOG. Each must lie in a range no protocol goes outside; a value
 * outside it is a typing error, refused with the name of the limit.
 */
public record DepartmentLimits(
        double ki67Percent,
        double plateletsPerNl,
        double haemoglobinGPerDl,
        Optional<Double> neutrophilsPerNl,
        double clearanceMlPerMin,
        int krenning,
        int labAgeDays,
        int ecog) {

    /** A limit outside its range; {@code field} is the limit's name as the form and the API use it. */
    public static final class OutOfRange extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, String> problems;

        OutOfRange(Map<String, String> problems) {
            super(String.join("; ", problems.values()));
            this.problems = Map.copyOf(problems);
        }

        /** Field name → what is wrong with it. */
        public Map<String, String> problems() {
            return problems;
        }
    }

    public DepartmentLimits {
        neutrophilsPerNl = neutrophilsPerNl == null ? Optional.empty() : neutrophilsPerNl;
        Map<String, String> p = new LinkedHashMap<>();
        range(p, "ki67", "the Ki-67 cut-off", ki67Percent, 1, 100, "%");
        range(p, "platelets", "the platelet minimum", plateletsPerNl, 20, 300, "×10⁹/L");
        range(p, "haemoglobin", "the haemoglobin minimum", haemoglobinGPerDl, 5, 15, "g/dL");
        neutrophilsPerNl.ifPresent(n -> range(p, "neutrophils", "the neutrophil minimum", n, 0.5, 5, "×10⁹/L"));
        range(p, "clearance", "the creatinine-clearance minimum", clearanceMlPerMin, 15, 120, "mL/min");
        range(p, "krenning", "the Krenning minimum", krenning, 1, 4, "");
        range(p, "labAgeDays", "the age of labs", labAgeDays, 14, 28, "days");
        range(p, "ecog", "the highest ECOG", ecog, 0, 4, "");
        if (!p.isEmpty()) {
            throw new OutOfRange(p);
        }
    }

    /** The limits {@code config} holds (a department that never set them sees netra's defaults). */
    public static DepartmentLimits of(EligibilityConfig config) {
        return new DepartmentLimits(
                config.ki67Eligible().value(),
                config.minPlatelets().value(),
                config.minHaemoglobin().value(),
                config.minNeutrophils().map(Threshold::value),
                config.minCreatinineClearance().value(),
                (int) config.minKrenning().value(),
                config.labMaxAge().getMonths() * 30 + config.labMaxAge().getDays(),
                (int) config.maxEcog().value());
    }

    /** {@code base} with these limits in place, each named "set by the department" as its source. */
    public EligibilityConfig applyTo(EligibilityConfig base) {
        String dept = "set by the department";
        var karnofsky = new org.netra.clinical.patient.PerformanceStatus.Ecog(ecog).karnofskyRange();
        return new EligibilityConfig(
                Period.ofDays(labAgeDays),
                base.priorTherapyRequired(),
                base.minKrenning().withValue(krenning, dept),
                base.minKarnofsky().withValue(karnofsky.lowest(), dept + " (from ECOG " + ecog + ")"),
                base.maxEcog().withValue(ecog, dept),
                base.minHaemoglobin().withValue(haemoglobinGPerDl, dept),
                base.minWhiteCells(),
                base.minPlatelets().withValue(plateletsPerNl, dept),
                base.minCreatinineClearance().withValue(clearanceMlPerMin, dept),
                base.maxCreatinine(),
                base.ki67Eligible().withValue(ki67Percent, dept),
                ki67Percent > base.ki67GreyZoneUpper().value()
                        ? base.ki67GreyZoneUpper().withValue(ki67Percent, dept)
                        : base.ki67GreyZoneUpper(),
                base.contraindicationCreatinineClearance(),
                base.pregnancyTestAgeLimit(),
                neutrophilsPerNl.map(v -> new Threshold(v, "×10⁹/L", dept)));
    }

    private static void range(
            Map<String, String> problems, String field, String what, double v, double lo, double hi, String unit) {
        if (!Double.isFinite(v) || v < lo || v > hi) {
            String u = unit.isEmpty() ? "" : " " + unit;
            problems.put(
                    field,
                    String.format(
                            Locale.ROOT,
                            "%s must lie between %s and %s%s, got %s",
                            what,
                            num(lo),
                            num(hi),
                            u,
                            Double.isFinite(v) ? num(v) : "no number"));
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }
}

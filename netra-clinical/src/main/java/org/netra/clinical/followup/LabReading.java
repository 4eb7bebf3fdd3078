package org.netra.clinical.followup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.Sex;

/**
 * A blood draw read as the clinic reads it: each value with its CTCAE v5 grade where CTCAE grades the analyte
 * from a number netra knows the limits of, and the eGFR (CKD-EPI 2021) from the creatinine with the CTCAE grade
 * of chronic kidney disease. Creatinine is graded against the upper limit of normal only: its grade against
 * the pre-treatment baseline belongs to the toxicity assessment over a course (followup.ToxicityAssessment).
 */
public final class LabReading {
    private final Ctcae ctcae;

    public LabReading(Ctcae ctcae) {
        this.ctcae = ctcae;
    }

    public static LabReading withDefaults() {
        return new LabReading(Ctcae.withDefaults());
    }

    /** One value and its grade (empty where CTCAE grades this analyte only clinically or not at all). */
    public record Graded(LabResult result, Optional<CtcaeTerm> term, Optional<CtcaeGrade> grade) {}

    /** The eGFR of a creatinine value and its CTCAE chronic-kidney-disease grade. */
    public record Kidney(LocalDate date, RenalFunction.Egfr egfr, CtcaeGrade ckdGrade) {}

    public record Reading(List<Graded> values, Optional<Kidney> kidney) {}

    /** Reads {@code results} of a patient of {@code sex} born on {@code birthDate}. */
    public Reading read(List<LabResult> results, Sex sex, LocalDate birthDate) {
        List<Graded> graded = new ArrayList<>();
        Optional<Kidney> kidney = Optional.empty();
        for (LabResult r : results) {
            Optional<CtcaeTerm> term = termFor(r.analyte());
            graded.add(new Graded(r, term, term.map(t -> ctcae.grade(t, r.value(), Optional.empty(), sex))));
            if (r.analyte() == Analyte.CREATININE) {
                int age = java.time.Period.between(birthDate, r.date()).getYears();
                if (age >= 18) {
                    var egfr = RenalFunction.ckdEpi2021(r.value(), age, sex);
                    kidney = Optional.of(new Kidney(
                            r.date(),
                            egfr,
                            ctcae.grade(
                                    CtcaeTerm.CHRONIC_KIDNEY_DISEASE, egfr.mlPerMinPer173m2(), Optional.empty(), sex)));
                }
            }
        }
        return new Reading(graded, kidney);
    }

    /** The CTCAE term netra grades {@code analyte} by, if any. */
    public static Optional<CtcaeTerm> termFor(Analyte analyte) {
        for (CtcaeTerm t : CtcaeTerm.values()) {
            if (t.analyte() == analyte) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

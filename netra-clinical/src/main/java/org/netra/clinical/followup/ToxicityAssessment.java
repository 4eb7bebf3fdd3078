package org.netra.clinical.followup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.Patient;

/**
 * Grades a patient's laboratory series over a follow-up window against the baseline (the latest value
 * on or before the baseline date): per CTCAE term, the baseline grade and the worst grade with its
 * date and value. eGFR for CKD is computed with CKD-EPI 2021 from each creatinine where the lab gave none.
 */
public final class ToxicityAssessment {
    /** The worst grade of one term in the window. */
    public record TermSummary(
            CtcaeTerm term,
            CtcaeGrade baselineGrade,
            Optional<Double> baselineValue,
            CtcaeGrade worstGrade,
            Optional<Double> worstValue,
            Optional<LocalDate> worstDate) {
        /** Worse than at baseline: the toxicity the treatment is charged with. */
        public boolean emergent() {
            return worstGrade.compareTo(baselineGrade) > 0;
        }
    }

    private final Ctcae ctcae;

    public ToxicityAssessment(Ctcae ctcae) {
        this.ctcae = ctcae;
    }

    public List<TermSummary> assess(
            Patient patient, LabHistory labs, LocalDate baselineDate, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("follow-up window ends (" + to + ") before it starts (" + from + ")");
        }
        List<TermSummary> out = new ArrayList<>();
        for (CtcaeTerm term : CtcaeTerm.values()) {
            List<LabResult> series = seriesFor(term, patient, labs);
            Optional<Double> baseline = series.stream()
                    .filter(r -> !r.date().isAfter(baselineDate))
                    .reduce((a, b) -> b)
                    .map(LabResult::value);
            Optional<Double> gradingBaseline = term.usesBaseline() ? baseline : Optional.empty();
            CtcaeGrade baselineGrade = baseline.map(v -> ctcae.grade(term, v, Optional.empty(), patient.sex()))
                    .orElse(CtcaeGrade.G0);
            CtcaeGrade worst = CtcaeGrade.G0;
            LabResult worstResult = null;
            for (LabResult r : series) {
                if (r.date().isBefore(from) || r.date().isAfter(to)) {
                    continue;
                }
                CtcaeGrade g = ctcae.grade(term, r.value(), gradingBaseline, patient.sex());
                if (worstResult == null || g.compareTo(worst) > 0) {
                    worst = g;
                    worstResult = r;
                }
            }
            out.add(new TermSummary(
                    term,
                    baselineGrade,
                    baseline,
                    worst,
                    Optional.ofNullable(worstResult).map(LabResult::value),
                    Optional.ofNullable(worstResult).map(LabResult::date)));
        }
        return out;
    }

    private static List<LabResult> seriesFor(CtcaeTerm term, Patient patient, LabHistory labs) {
        if (term != CtcaeTerm.CHRONIC_KIDNEY_DISEASE) {
            return labs.series(term.analyte());
        }
        List<LabResult> reported = labs.series(Analyte.EGFR);
        if (!reported.isEmpty()) {
            return reported;
        }
        return labs.series(Analyte.CREATININE).stream()
                .map(c -> new LabResult(
                        Analyte.EGFR,
                        Math.min(
                                Analyte.EGFR.plausibleMax(),
                                RenalFunction.ckdEpi2021(c.value(), patient.ageOn(c.date()), patient.sex())
                                        .mlPerMinPer173m2()),
                        c.date()))
                .toList();
    }
}

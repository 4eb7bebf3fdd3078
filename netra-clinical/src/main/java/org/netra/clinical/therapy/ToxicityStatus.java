package org.netra.clinical.therapy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.clinical.followup.Ctcae;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.clinical.followup.CtcaeTerm;
import org.netra.clinical.followup.RenalFunction;
import org.netra.clinical.followup.ToxicityAssessment;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.Patient;

/**
 * What the dose-modification rules read before the next cycle: the worst grades since the last cycle
 * and the grades now, renal function now and at its worst, how long the cycle is already delayed, and
 * whether an earlier cycle was already reduced for toxicity.
 */
public record ToxicityStatus(
        CtcaeGrade worstPlatelets,
        CtcaeGrade worstOtherHaematological,
        CtcaeGrade currentPlatelets,
        CtcaeGrade currentOtherHaematological,
        double worstCreatinineClearanceMlPerMin,
        double worstCreatinineIncrease,
        double currentCreatinineClearanceMlPerMin,
        double currentCreatinineIncrease,
        Period delay,
        boolean reducedBefore) {
    public ToxicityStatus {
        Objects.requireNonNull(worstPlatelets);
        Objects.requireNonNull(worstOtherHaematological);
        Objects.requireNonNull(currentPlatelets);
        Objects.requireNonNull(currentOtherHaematological);
        Objects.requireNonNull(delay);
    }

    /** The haematological terms other than platelets that the dose-modification rules weigh. */
    static final List<CtcaeTerm> OTHER_HAEMATOLOGICAL =
            List.of(CtcaeTerm.ANAEMIA, CtcaeTerm.NEUTROPHIL_COUNT_DECREASED, CtcaeTerm.WHITE_BLOOD_CELL_DECREASED);

    /**
     * The status from a patient's labs: CTCAE grades (worst since {@code lastCycle}, and of the latest values on
     * or before {@code asOf}); Cockcroft–Gault clearance from each creatinine with the weight of its day; the
     * creatinine increase over the baseline: the value before treatment, the latest on or before
     * {@code treatmentStart} (the first cycle's date), or the first value on record when none was taken before
     * ({@link LabHistory#baseline}). Not the value before the last cycle: a rise spread over the course must
     * add up against the +40 % rule, as CTCAE v5 grades it against baseline (DOMAIN.md §1–2).
     */
    public static ToxicityStatus fromLabs(
            Patient patient,
            LabHistory labs,
            Ctcae ctcae,
            LocalDate treatmentStart,
            LocalDate lastCycle,
            LocalDate asOf,
            Period delay,
            boolean reducedBefore) {
        var terms = new ToxicityAssessment(ctcae).assess(patient, labs, treatmentStart, lastCycle, asOf);
        CtcaeGrade worstPlatelets = CtcaeGrade.G0;
        CtcaeGrade worstOther = CtcaeGrade.G0;
        for (var t : terms) {
            if (t.term() == CtcaeTerm.PLATELET_COUNT_DECREASED) {
                worstPlatelets = t.worstGrade();
            } else if (OTHER_HAEMATOLOGICAL.contains(t.term()) && t.worstGrade().compareTo(worstOther) > 0) {
                worstOther = t.worstGrade();
            }
        }
        CtcaeGrade currentPlatelets = current(ctcae, patient, labs, CtcaeTerm.PLATELET_COUNT_DECREASED, asOf);
        CtcaeGrade currentOther = CtcaeGrade.G0;
        for (CtcaeTerm t : OTHER_HAEMATOLOGICAL) {
            CtcaeGrade g = current(ctcae, patient, labs, t, asOf);
            currentOther = g.compareTo(currentOther) > 0 ? g : currentOther;
        }
        LabResult base = labs.baseline(Analyte.CREATININE, treatmentStart)
                .orElseThrow(() -> new IllegalArgumentException("patient " + patient.id()
                        + ": no creatinine on record to judge renal function by; enter the creatinine before the"
                        + " first cycle (" + treatmentStart + ") and since the last"));
        List<LabResult> window = labs.series(Analyte.CREATININE).stream()
                .filter(r -> !r.date().isBefore(lastCycle) && !r.date().isAfter(asOf))
                .toList();
        LabResult latest = labs.latest(Analyte.CREATININE, asOf).orElse(base);
        double worstClearance = clearance(patient, latest);
        double worstIncrease = latest.value() / base.value() - 1;
        for (LabResult r : window) {
            worstClearance = Math.min(worstClearance, clearance(patient, r));
            worstIncrease = Math.max(worstIncrease, r.value() / base.value() - 1);
        }
        return new ToxicityStatus(
                worstPlatelets,
                worstOther,
                currentPlatelets,
                currentOther,
                worstClearance,
                worstIncrease,
                clearance(patient, latest),
                latest.value() / base.value() - 1,
                delay,
                reducedBefore);
    }

    private static CtcaeGrade current(Ctcae ctcae, Patient p, LabHistory labs, CtcaeTerm term, LocalDate asOf) {
        Optional<LabResult> r = labs.latest(term.analyte(), asOf);
        return r.map(v -> ctcae.grade(term, v.value(), Optional.empty(), p.sex()))
                .orElse(CtcaeGrade.G0);
    }

    private static double clearance(Patient p, LabResult creatinine) {
        var weight = p.weightOn(creatinine.date())
                .orElseThrow(() -> new IllegalArgumentException("patient " + p.id() + ": no body weight on or before "
                        + creatinine.date() + " for Cockcroft–Gault"));
        return RenalFunction.cockcroftGault(creatinine.value(), p.ageOn(creatinine.date()), weight.value(), p.sex())
                .mlPerMin();
    }
}

package org.netra.interop.fhir;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.clinical.followup.CtcaeTerm;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.physics.quantity.Activity;

/**
 * What one centre tells another about a patient: identity (id, name) and measurements, the primary tumour,
 * laboratory values, performance status, Krenning grading, imaging studies (by DICOM UID), the cycles
 * given, the plan, and the adverse events. This is what the FHIR Bundle carries, both ways.
 */
public record ReferralRecord(
        Patient patient,
        String name,
        Optional<PrimaryTumour> tumour,
        LabHistory labs,
        List<Dated<PerformanceStatus>> performance,
        List<Dated<KrenningScore>> krenning,
        List<StudyReference> imaging,
        List<Administration> administrations,
        Optional<PrrtPlan> plan,
        List<AdverseEvent> adverseEvents) {

    public ReferralRecord {
        Objects.requireNonNull(patient, "patient");
        name = name == null ? "" : name.strip();
        tumour = tumour == null ? Optional.empty() : tumour;
        labs = labs == null ? new LabHistory(List.of()) : labs;
        performance = sortedBy(performance, Dated::date);
        krenning = sortedBy(krenning, Dated::date);
        imaging = sortedBy(imaging, StudyReference::started);
        administrations = sortedBy(administrations, Administration::cycle);
        plan = plan == null ? Optional.empty() : plan;
        adverseEvents = adverseEvents == null
                ? List.of()
                : adverseEvents.stream()
                        .sorted(Comparator.comparing(AdverseEvent::date).thenComparing(AdverseEvent::term))
                        .toList();
    }

    private static <T, K extends Comparable<? super K>> List<T> sortedBy(List<T> items, Function<T, K> key) {
        return items == null
                ? List.of()
                : items.stream().sorted(Comparator.comparing(key)).toList();
    }

    /** A DICOM study the record points at; its images travel as DICOM, not in FHIR. */
    public record StudyReference(
            String studyInstanceUid, LocalDateTime started, String description, List<SeriesReference> series) {
        public StudyReference {
            Objects.requireNonNull(studyInstanceUid, "study instance UID");
            Objects.requireNonNull(started, "start of study " + studyInstanceUid);
            description = description == null ? "" : description;
            series = series == null ? List.of() : List.copyOf(series);
        }
    }

    public record SeriesReference(String seriesInstanceUid, String modality, int number, int instances) {}

    /** One radiopharmaceutical administration: a PRRT cycle as given. */
    public record Administration(
            int cycle, LocalDateTime given, Radiopharmaceutical radiopharmaceutical, Activity activity) {
        public Administration {
            if (cycle < 1) {
                throw new IllegalArgumentException("cycles are numbered from 1, got " + cycle);
            }
            Objects.requireNonNull(given, "time of cycle " + cycle);
            Objects.requireNonNull(radiopharmaceutical, "radiopharmaceutical of cycle " + cycle);
            if (!(activity.inMBq() > 0)) {
                throw new IllegalArgumentException("cycle " + cycle + " needs an administered activity above zero");
            }
        }
    }

    /** An adverse event graded by CTCAE v5. */
    public record AdverseEvent(CtcaeTerm term, CtcaeGrade grade, LocalDate date) {
        public AdverseEvent {
            Objects.requireNonNull(term, "CTCAE term");
            Objects.requireNonNull(grade, "CTCAE grade of " + term);
            Objects.requireNonNull(date, "date of " + term);
        }
    }
}

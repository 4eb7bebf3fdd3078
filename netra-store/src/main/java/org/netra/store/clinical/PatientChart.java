package org.netra.store.clinical;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.netra.clinical.diagnosis.BoneFinding;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.eligibility.Candidate;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.store.record.PatientRecords;
import org.netra.store.record.RecordNotFoundException;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * One patient's whole record, every part with the version an edit must name. Lists are in pathway order:
 * studies by injection, labs by sample date, dosimetry by cycle, the rest by id.
 */
public record PatientChart(
        Stored<PatientRecord> patient,
        List<Stored<StudyRecord>> studies,
        List<Stored<LabPanel>> labs,
        List<Stored<EligibilityAssessment>> eligibility,
        List<Stored<RadiotherapyRecord>> radiotherapy,
        List<Stored<CourseRecord>> courses,
        List<Stored<RoomBooking>> roomBookings,
        List<Stored<DosimetryRecord>> dosimetry,
        List<Stored<DecisionRecord>> decisions,
        List<Stored<SafetyRecord>> safety,
        List<Stored<ToxicityRecord>> toxicity,
        List<Stored<ResponseRecord>> responses,
        Optional<Stored<OutcomeRecord>> outcome) {

    /**
     * Loads everything kept for {@code patientId}, in one read (a consistent snapshot); a patient that does
     * not exist is a RecordNotFoundException.
     */
    public static PatientChart load(Records records, String patientId) {
        return of(records.forPatient(patientId, ClinicalKinds.CHART));
    }

    /** The chart from a read of (at least) the {@link ClinicalKinds#CHART} kinds of one patient. */
    static PatientChart of(PatientRecords all) {
        var patient = all.of(ClinicalKinds.PATIENT).stream()
                .findFirst()
                .orElseThrow(() -> new RecordNotFoundException(ClinicalKinds.PATIENT.name(), all.patientId()));
        return new PatientChart(
                patient,
                sorted(
                        all.of(ClinicalKinds.STUDY),
                        Comparator.comparing(s -> s.value().study().injection())),
                sorted(all.of(ClinicalKinds.LAB_PANEL), Comparator.comparing(s -> s.value()
                        .sampled())),
                all.of(ClinicalKinds.ELIGIBILITY),
                all.of(ClinicalKinds.RADIOTHERAPY),
                all.of(ClinicalKinds.COURSE),
                sorted(all.of(ClinicalKinds.ROOM_BOOKING), Comparator.comparing(s -> s.value()
                        .admission())),
                sorted(
                        all.of(ClinicalKinds.DOSIMETRY),
                        Comparator.comparing(
                                        (Stored<DosimetryRecord> s) -> s.value().courseId())
                                .thenComparingInt(s -> s.value().dosimetry().cycle())),
                all.of(ClinicalKinds.DECISION),
                all.of(ClinicalKinds.SAFETY),
                all.of(ClinicalKinds.TOXICITY),
                all.of(ClinicalKinds.RESPONSE),
                all.of(ClinicalKinds.OUTCOME).stream().reduce((a, b) -> b));
    }

    /** Every lab result of every panel. */
    public LabHistory labHistory() {
        return new LabHistory(
                labs.stream().flatMap(p -> p.value().results().stream()).toList());
    }

    public List<ImagingStudy> imaging() {
        return studies.stream().map(s -> s.value().study()).toList();
    }

    /** Bone-scintigraphy findings that call for CT, MRI or biopsy, over every study. */
    public List<BoneFinding> findingsNeedingWorkUp() {
        return imaging().stream()
                .flatMap(s -> s.findingsNeedingWorkUp().stream())
                .toList();
    }

    /** What the eligibility check reads for this patient. */
    public Candidate candidate() {
        return patient.value().candidate(labHistory(), imaging());
    }

    /** The dosimetry of the cycles of one course given so far, by cycle. */
    public List<CycleDosimetry> cycleDosimetry(String courseId) {
        return dosimetry.stream()
                .map(Stored::value)
                .filter(d -> d.courseId().equals(courseId))
                .map(DosimetryRecord::dosimetry)
                .toList();
    }

    private static <T> List<Stored<T>> sorted(List<Stored<T>> list, Comparator<Stored<T>> order) {
        return list.stream().sorted(order).toList();
    }
}

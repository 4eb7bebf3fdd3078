package org.netra.store.clinical;

import java.util.List;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.store.record.RecordKind;

/**
 * The kinds of clinical record netra keeps, one per aggregate. Ids are unique per kind; {@link #key}
 * builds the usual patient-scoped ones ({@code P-0001/srs-1}).
 */
public final class ClinicalKinds {
    public static final RecordKind<PatientRecord> PATIENT = new RecordKind<>(
            "patient", PatientRecord.class, PatientRecord::id, PatientRecord::id, p -> p.name() + " " + p.id());

    public static final RecordKind<StudyRecord> STUDY = new RecordKind<>(
            "imaging_study",
            StudyRecord.class,
            StudyRecord::id,
            StudyRecord::patientId,
            s -> s.study().injection().toLocalDate() + " "
                    + s.study().protocol().tracer().label());

    public static final RecordKind<LabPanel> LAB_PANEL = new RecordKind<>(
            "lab_panel", LabPanel.class, LabPanel::id, LabPanel::patientId, l -> l.sampled() + " " + l.patientId());

    public static final RecordKind<EligibilityAssessment> ELIGIBILITY = new RecordKind<>(
            "eligibility",
            EligibilityAssessment.class,
            EligibilityAssessment::id,
            EligibilityAssessment::patientId,
            e -> e.verdict().assessedOn() + " " + e.verdict().getClass().getSimpleName());

    public static final RecordKind<RadiotherapyRecord> RADIOTHERAPY = new RecordKind<>(
            "radiotherapy",
            RadiotherapyRecord.class,
            RadiotherapyRecord::id,
            RadiotherapyRecord::patientId,
            r -> r.course().start() + " " + r.course().target().organ());

    public static final RecordKind<CourseRecord> COURSE = new RecordKind<>(
            "prrt_course",
            CourseRecord.class,
            CourseRecord::id,
            CourseRecord::patientId,
            c -> c.plan().radiopharmaceutical().label() + " " + c.plan().schedule());

    public static final RecordKind<DosimetryRecord> DOSIMETRY = new RecordKind<>(
            "cycle_dosimetry",
            DosimetryRecord.class,
            DosimetryRecord::id,
            DosimetryRecord::patientId,
            d -> d.courseId() + " cycle " + d.dosimetry().cycle());

    /** Keyed by the id of the {@link #DOSIMETRY} record they belong to. */
    public static final RecordKind<CycleCurves> CYCLE_CURVES = new RecordKind<>(
            "cycle_curves",
            CycleCurves.class,
            CycleCurves::id,
            CycleCurves::patientId,
            c -> c.regions().size() + " regions");

    public static final RecordKind<DecisionRecord> DECISION = new RecordKind<>(
            "cycle_decision",
            DecisionRecord.class,
            DecisionRecord::id,
            DecisionRecord::patientId,
            d -> d.courseId() + " cycle " + d.decision().cycle() + " "
                    + d.decision().getClass().getSimpleName());

    public static final RecordKind<RoomBooking> ROOM_BOOKING = new RecordKind<>(
            "room_booking",
            RoomBooking.class,
            b -> key(b.room(), b.admission().toString()),
            RoomBooking::patientId,
            b -> b.admission() + " " + b.room());

    public static final RecordKind<SafetyRecord> SAFETY = new RecordKind<>(
            "radiation_safety",
            SafetyRecord.class,
            SafetyRecord::id,
            SafetyRecord::patientId,
            s -> s.administered().toLocalDate() + " cycle " + s.cycle());

    public static final RecordKind<ToxicityRecord> TOXICITY = new RecordKind<>(
            "toxicity",
            ToxicityRecord.class,
            ToxicityRecord::id,
            ToxicityRecord::patientId,
            t -> t.from() + " – " + t.to());

    public static final RecordKind<ResponseRecord> RESPONSE = new RecordKind<>(
            "recist_response",
            ResponseRecord.class,
            ResponseRecord::id,
            ResponseRecord::patientId,
            r -> r.baseline().date() + " best " + r.best());

    public static final RecordKind<OutcomeRecord> OUTCOME = new RecordKind<>(
            "outcome", OutcomeRecord.class, OutcomeRecord::id, OutcomeRecord::patientId, o -> o.treatmentStart()
                    .toString());

    /** The department's eligibility limits: one record, its version the settings version verdicts name. */
    public static final RecordKind<EligibilitySettings> ELIGIBILITY_SETTINGS = new RecordKind<>(
            "eligibility_settings",
            EligibilitySettings.class,
            EligibilitySettings::id,
            s -> null,
            s -> "eligibility limits");
    /** The department's SPECT camera calibration factors: one record, versioned and audited. */
    public static final RecordKind<CameraCalibrationSettings> CAMERA_CALIBRATIONS = new RecordKind<>(
            "camera_calibrations",
            CameraCalibrationSettings.class,
            CameraCalibrationSettings::id,
            s -> null,
            s -> "camera calibrations");

    /** The department's virtual-cycle-0 predictors (PET SUV → 177Lu Gy/GBq): one record, versioned and audited. */
    public static final RecordKind<CycleZeroSettings> CYCLE_ZERO_SETTINGS = new RecordKind<>(
            "cycle_zero_settings",
            CycleZeroSettings.class,
            CycleZeroSettings::id,
            s -> null,
            s -> "cycle-0 predictors");

    /** A course's virtual cycle 0: PET SUVs, predicted Gy/GBq and the proposed first activity. */
    public static final RecordKind<CycleZeroRecord> CYCLE_ZERO = new RecordKind<>(
            "cycle_zero",
            CycleZeroRecord.class,
            CycleZeroRecord::id,
            CycleZeroRecord::patientId,
            c -> c.courseId() + " virtual cycle 0, kidneys " + c.kidneys().medianGyPerGBq() + " Gy/GBq");

    /** The department's population model and course-forecast risk level: one record, versioned and audited. */
    public static final RecordKind<PopulationModelSettings> POPULATION_MODEL = new RecordKind<>(
            "population_model",
            PopulationModelSettings.class,
            PopulationModelSettings::id,
            s -> null,
            s -> "population model");

    /** The radiopharmacist's dispensing of a cycle ({@link DispensingRecord#idOf}). */
    public static final RecordKind<DispensingRecord> DISPENSING = new RecordKind<>(
            "dispensing",
            DispensingRecord.class,
            DispensingRecord::id,
            DispensingRecord::patientId,
            d -> d.courseId() + " cycle " + d.cycle() + " batch "
                    + d.dispensing().batch());

    /** The nurse's administration, isolation and dose-rate readings of a cycle. */
    public static final RecordKind<AdministrationRecord> ADMINISTRATION = new RecordKind<>(
            "administration",
            AdministrationRecord.class,
            AdministrationRecord::id,
            AdministrationRecord::patientId,
            a -> a.courseId() + " cycle " + a.cycle() + " " + a.administered());

    /** An adverse event (CTCAE term and grade) recorded in follow-up. */
    public static final RecordKind<ToxicityEventRecord> TOXICITY_EVENT = new RecordKind<>(
            "toxicity_event",
            ToxicityEventRecord.class,
            ToxicityEventRecord::id,
            ToxicityEventRecord::patientId,
            t -> t.event().onset() + " " + t.event().term() + " grade "
                    + t.event().grade());

    /** The kinds a patient's chart shows: every clinical kind but the cycles' curves (read per cycle). */
    public static final List<RecordKind<?>> CHART = List.of(
            PATIENT,
            STUDY,
            LAB_PANEL,
            ELIGIBILITY,
            RADIOTHERAPY,
            COURSE,
            ROOM_BOOKING,
            DOSIMETRY,
            DECISION,
            SAFETY,
            TOXICITY,
            RESPONSE,
            OUTCOME);

    /** Every clinical kind, in the order of the pathway (what a backup or a referral package carries). */
    public static final List<RecordKind<?>> ALL = java.util.stream.Stream.concat(
                    CHART.stream(),
                    java.util.stream.Stream.of(CYCLE_CURVES, DISPENSING, ADMINISTRATION, TOXICITY_EVENT, CYCLE_ZERO))
            .toList();

    private ClinicalKinds() {}

    /**
     * The first free id of {@code kind} for the patient: {@code base}, else {@code base-2}, {@code base-3}, …
     * (a second lab panel on one day, a second verdict on one day).
     */
    public static String freeKey(
            org.netra.store.record.Records records, RecordKind<?> kind, String patientId, String base) {
        String id = key(patientId, base);
        for (int n = 2; records.find(kind, id).isPresent(); n++) {
            id = key(patientId, base + "-" + n);
        }
        return id;
    }

    /** The patient's part of a scoped id: {@code "srs-1"} of {@code "P-0042/srs-1"}. */
    public static String localPart(String id) {
        return id.substring(id.indexOf('/') + 1);
    }

    /** A scoped id: the parts joined with '/', e.g. {@code key("P-0001", "srs-1")}. */
    public static String key(String... parts) {
        for (String p : parts) {
            if (p == null || p.isBlank() || p.contains("/")) {
                throw new IllegalArgumentException("id parts must be non-empty and free of '/', got '" + p + "'");
            }
        }
        return String.join("/", parts);
    }
}

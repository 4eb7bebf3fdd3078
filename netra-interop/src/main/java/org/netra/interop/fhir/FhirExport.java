package org.netra.interop.fhir;

import static org.netra.interop.fhir.Terminology.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.followup.CtcaeTerm;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;

/**
 * A {@link ReferralRecord} as a FHIR R4 collection Bundle. Resource ids are derived from the patient and
 * the item (name-based UUIDs), so the same record always gives the same Bundle, byte for byte, and
 * references between entries are {@code urn:uuid:} full URLs.
 */
public final class FhirExport {
    private final ZoneId zone;

    /** @param zone the time zone of the record's local date-times (FHIR date-times carry an offset) */
    public FhirExport(ZoneId zone) {
        this.zone = zone;
    }

    public Bundle toBundle(ReferralRecord record) {
        String pid = record.patient().id();
        var bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setIdentifier(new Identifier().setSystem(PATIENT_ID).setValue("bundle/" + pid));

        Reference subject = add(
                bundle,
                patient(
                        pid,
                        record.name(),
                        record.patient().sex(),
                        record.patient().birthDate()),
                pid,
                "patient");

        for (var w : record.patient().weights()) {
            add(
                    bundle,
                    vital(
                            subject,
                            BODY_WEIGHT,
                            "Body weight",
                            w.date(),
                            w.value().inKg(),
                            "kg"),
                    pid,
                    "weight/" + w.date());
        }
        for (var h : record.patient().heights()) {
            add(
                    bundle,
                    vital(
                            subject,
                            BODY_HEIGHT,
                            "Body height",
                            h.date(),
                            h.value().inCm(),
                            "cm"),
                    pid,
                    "height/" + h.date());
        }

        record.tumour().ifPresent(t -> tumour(bundle, subject, pid, t));

        int n = 0;
        for (LabResult r : record.labs().results()) {
            LabCode code = lab(r.analyte());
            Observation o = observation(subject, "laboratory", LOINC, code.loinc(), code.display(), r.date());
            o.setValue(quantity(r.value(), code.ucum()));
            add(bundle, o, pid, "lab/" + r.analyte() + "/" + r.date() + "/" + n++);
        }
        for (Dated<PerformanceStatus> p : record.performance()) {
            Observation o =
                    switch (p.value()) {
                        case PerformanceStatus.Ecog e ->
                            observation(subject, "survey", LOINC, ECOG, "ECOG Performance Status score", p.date())
                                    .setValue(new IntegerType(e.grade()));
                        case PerformanceStatus.Karnofsky k ->
                            observation(
                                            subject,
                                            "survey",
                                            LOINC,
                                            KARNOFSKY,
                                            "Karnofsky Performance Status score",
                                            p.date())
                                    .setValue(new IntegerType(k.score()));
                    };
            add(
                    bundle,
                    o,
                    pid,
                    "performance/" + p.date() + "/"
                            + o.getCode().getCodingFirstRep().getCode());
        }
        for (Dated<KrenningScore> k : record.krenning()) {
            Observation o = observation(
                    subject,
                    "imaging",
                    KRENNING,
                    KRENNING_CODE,
                    "Krenning score of somatostatin-receptor uptake",
                    k.date());
            o.setValue(new IntegerType(k.value().score()));
            o.addNote().setText(k.value().meaning());
            add(bundle, o, pid, "krenning/" + k.date() + "/" + n++);
        }

        for (ReferralRecord.StudyReference s : record.imaging()) {
            ImagingStudy study = new ImagingStudy();
            study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
            study.addIdentifier().setSystem(DICOM_UID).setValue("urn:oid:" + s.studyInstanceUid());
            study.setSubject(subject);
            study.setStartedElement(dateTime(s.started()));
            if (!s.description().isEmpty()) {
                study.setDescription(s.description());
            }
            for (ReferralRecord.SeriesReference r : s.series()) {
                var series = study.addSeries();
                series.setUid(r.seriesInstanceUid());
                series.setModality(new Coding(DICOM, r.modality(), null));
                if (r.number() >= 0) {
                    series.setNumber(r.number());
                }
                if (r.instances() >= 0) {
                    series.setNumberOfInstances(r.instances());
                }
            }
            add(bundle, study, pid, "study/" + s.studyInstanceUid());
        }

        for (ReferralRecord.Administration a : record.administrations()) {
            Procedure procedure = new Procedure();
            procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
            procedure.setCode(concept(PROCEDURE, "prrt", "Peptide receptor radionuclide therapy"));
            procedure.setSubject(subject);
            procedure.setPerformed(dateTime(a.given()));
            Reference procedureRef = add(bundle, procedure, pid, "procedure/" + a.cycle());

            MedicationAdministration m = new MedicationAdministration();
            m.addIdentifier().setSystem(PRRT_CYCLE).setValue(Integer.toString(a.cycle()));
            m.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
            m.setMedication(radiopharmaceutical(a.radiopharmaceutical()));
            m.setSubject(subject);
            m.addPartOf(procedureRef);
            m.setEffective(dateTime(a.given()));
            m.getDosage()
                    .setText("cycle " + a.cycle())
                    .setRoute(concept(SNOMED, INTRAVENOUS, "Intravenous route"))
                    .setDose((SimpleQuantity) new SimpleQuantity()
                            .setValue(decimal(a.activity().inMBq()))
                            .setUnit("MBq")
                            .setSystem(UCUM)
                            .setCode("MBq"));
            add(bundle, m, pid, "administration/" + a.cycle());
        }

        record.plan().ifPresent(p -> plan(bundle, subject, pid, p));

        for (ReferralRecord.AdverseEvent e : record.adverseEvents()) {
            AdverseEvent ae = new AdverseEvent();
            ae.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
            ae.setEvent(concept(CTCAE_TERM, e.term().name(), ctcaeLabel(e.term())));
            ae.getEvent()
                    .getCodingFirstRep()
                    .addExtension(
                            CTCAE_GRADE_EXTENSION, new IntegerType(e.grade().number()));
            ae.setSubject(subject);
            ae.setDateElement(new DateTimeType(e.date().toString()));
            add(bundle, ae, pid, "adverse-event/" + e.term() + "/" + e.date() + "/" + n++);
        }
        return bundle;
    }

    private void tumour(Bundle bundle, Reference subject, String pid, PrimaryTumour t) {
        Condition c = new Condition();
        c.setClinicalStatus(concept(CONDITION_CLINICAL, "active", "Active"));
        c.setVerificationStatus(concept(CONDITION_VERIFICATION, "confirmed", "Confirmed"));
        c.addCategory(concept(CONDITION_CATEGORY, "problem-list-item", "Problem List Item"));
        c.setCode(concept(
                TUMOUR_SITE,
                t.site().name(),
                "Neuroendocrine neoplasm, primary site "
                        + t.site().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        site(t.site()).ifPresent(s -> c.addBodySite(concept(SNOMED, s.snomed(), s.display())));
        c.setSubject(subject);
        Reference condition = add(bundle, c, pid, "condition/primary");

        Observation grade = new Observation();
        grade.setStatus(Observation.ObservationStatus.FINAL);
        grade.addCategory(concept(OBSERVATION_CATEGORY, "laboratory", "Laboratory"));
        grade.setCode(concept(LOINC, GRADE, "Grade Cancer"));
        grade.setSubject(subject);
        grade.addFocus(condition);
        grade.setValue(
                concept(NET_GRADE, t.grade().name(), "WHO grade " + t.grade().name()));
        add(bundle, grade, pid, "grade");

        t.ki67().ifPresent(k -> {
            Observation o = observation(
                    subject,
                    "laboratory",
                    LOINC,
                    KI67,
                    "Cells.Ki-67 nuclear Ag/cells in Tissue by Immune stain",
                    k.date());
            o.addFocus(condition);
            o.setValue(quantity(k.percent(), "%"));
            add(bundle, o, pid, "ki67");
        });
    }

    private void plan(Bundle bundle, Reference subject, String pid, PrrtPlan p) {
        CarePlan plan = new CarePlan();
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.setTitle("PRRT with " + p.radiopharmaceutical().label());
        plan.addCategory(
                concept(PLAN_SCHEDULE, p.schedule().name(), p.schedule().name().toLowerCase(Locale.ROOT)));
        plan.setSubject(subject);
        for (PlannedCycle c : p.cycles()) {
            var detail = plan.addActivity().getDetail();
            detail.setKind(CarePlan.CarePlanActivityKind.MEDICATIONREQUEST);
            detail.setCode(concept(PRRT_CYCLE, Integer.toString(c.number()), "cycle " + c.number()));
            detail.setStatus(CarePlan.CarePlanActivityStatus.SCHEDULED);
            detail.setScheduled(new Period()
                    .setStartElement(dateTime(c.administration()))
                    .setEndElement(dateTime(c.administration())));
            detail.setProduct(radiopharmaceutical(p.radiopharmaceutical()));
            detail.setQuantity((SimpleQuantity) new SimpleQuantity()
                    .setValue(decimal(c.activity().inMBq()))
                    .setUnit("MBq")
                    .setSystem(UCUM)
                    .setCode("MBq"));
        }
        add(bundle, plan, pid, "careplan");
    }

    private Observation vital(
            Reference subject, String loinc, String display, LocalDate date, double value, String unit) {
        Observation o = observation(subject, "vital-signs", LOINC, loinc, display, date);
        o.setValue(quantity(value, unit));
        return o;
    }

    private static Observation observation(
            Reference subject, String category, String system, String code, String display, LocalDate date) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(concept(OBSERVATION_CATEGORY, category, categoryDisplay(category)));
        o.setCode(concept(system, code, display));
        o.setSubject(subject);
        o.setEffective(new DateTimeType(date.toString()));
        return o;
    }

    private static String categoryDisplay(String category) {
        return switch (category) {
            case "vital-signs" -> "Vital Signs";
            case "laboratory" -> "Laboratory";
            case "survey" -> "Survey";
            case "imaging" -> "Imaging";
            default -> throw new IllegalArgumentException(category);
        };
    }

    /** The Patient resource: netra's id, the name as text, sex and birth date. */
    static Patient patient(String pid, String name, Sex sex, LocalDate birthDate) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(PATIENT_ID).setValue(pid);
        if (!name.isEmpty()) {
            patient.addName().setText(name);
        }
        patient.setGender(
                switch (sex) {
                    case FEMALE -> Enumerations.AdministrativeGender.FEMALE;
                    case MALE -> Enumerations.AdministrativeGender.MALE;
                });
        patient.setBirthDateElement(new DateType(birthDate.toString()));
        return patient;
    }

    static CodeableConcept radiopharmaceutical(Radiopharmaceutical rp) {
        return concept(RADIOPHARMACEUTICAL, rp.name(), rp.label());
    }

    static String ctcaeLabel(CtcaeTerm term) {
        String s = term.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept()
                .addCoding(new Coding(system, code, display))
                .setText(display);
    }

    private static Quantity quantity(double value, String ucum) {
        return new Quantity()
                .setValue(decimal(value))
                .setUnit(ucum)
                .setSystem(UCUM)
                .setCode(ucum);
    }

    /** The shortest decimal that reads back as the same double. */
    static BigDecimal decimal(double value) {
        BigDecimal d = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private DateTimeType dateTime(LocalDateTime t) {
        return dateTime(t, zone);
    }

    static DateTimeType dateTime(LocalDateTime t, ZoneId zone) {
        return new DateTimeType(t.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    /** Adds {@code resource} with a name-based UUID from the patient and {@code key}; the reference to it. */
    static Reference add(Bundle bundle, Resource resource, String pid, String key) {
        String uuid = UUID.nameUUIDFromBytes(("netra|" + pid + "|" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
        resource.setId(uuid);
        String url = "urn:uuid:" + uuid;
        bundle.addEntry().setFullUrl(url).setResource(resource);
        return new Reference(url);
    }
}

package org.netra.interop.fhir;

import static org.netra.interop.fhir.Terminology.*;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.clinical.followup.CtcaeTerm;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.Length;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TumourSite;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;

/**
 * A FHIR R4 Bundle of one patient back into a {@link ReferralRecord}. Reads what {@link FhirExport}
 * writes, and the same standard codes from other systems (LOINC labs in their UCUM units, ECOG,
 * Karnofsky, DICOM study UIDs). Procedures are not read: each is implied by its
 * MedicationAdministration. A resource about another patient, or a value netra cannot place, is an
 * error naming the entry, not a silent drop.
 */
public final class FhirImport {
    private final ZoneId zone;

    /** @param zone the time zone in which to read date-times into local ones */
    public FhirImport(ZoneId zone) {
        this.zone = zone;
    }

    public ReferralRecord fromBundle(Bundle bundle) {
        List<Patient> patients = resources(bundle, Patient.class);
        if (patients.size() != 1) {
            throw new FhirImportException(
                    "a referral Bundle holds exactly one Patient, this one has " + patients.size());
        }
        Patient p = patients.getFirst();
        String id = p.getIdentifier().stream()
                .filter(i -> PATIENT_ID.equals(i.getSystem()))
                .findFirst()
                .or(() -> p.getIdentifier().stream().findFirst())
                .map(i -> i.getValue())
                .orElseThrow(
                        () -> new FhirImportException("the Patient has no identifier; netra needs one to file it"));
        Sex sex =
                switch (p.getGender()) {
                    case FEMALE -> Sex.FEMALE;
                    case MALE -> Sex.MALE;
                    case null, default ->
                        throw new FhirImportException("patient " + id + " has gender " + p.getGender()
                                + "; netra's dose and lab rules need female or male");
                };
        if (p.getBirthDate() == null) {
            throw new FhirImportException("patient " + id + " has no birth date");
        }
        LocalDate birth = LocalDate.parse(p.getBirthDateElement().getValueAsString());

        List<Dated<Mass>> weights = new ArrayList<>();
        List<Dated<Length>> heights = new ArrayList<>();
        List<LabResult> labs = new ArrayList<>();
        List<Dated<PerformanceStatus>> performance = new ArrayList<>();
        List<Dated<KrenningScore>> krenning = new ArrayList<>();
        Optional<Grade> grade = Optional.empty();
        Optional<Ki67> ki67 = Optional.empty();

        for (Observation o : resources(bundle, Observation.class)) {
            Coding code = o.getCode().getCodingFirstRep();
            String where = "Observation " + o.getIdPart() + " (" + code.getSystem() + "|" + code.getCode() + ")";
            if (LOINC.equals(code.getSystem())) {
                switch (code.getCode()) {
                    case BODY_WEIGHT -> weights.add(new Dated<>(date(o, where), Mass.ofKg(value(o, "kg", where))));
                    case BODY_HEIGHT -> heights.add(new Dated<>(date(o, where), Length.ofCm(value(o, "cm", where))));
                    case ECOG ->
                        performance.add(new Dated<>(date(o, where), new PerformanceStatus.Ecog(integer(o, where))));
                    case KARNOFSKY ->
                        performance.add(
                                new Dated<>(date(o, where), new PerformanceStatus.Karnofsky(integer(o, where))));
                    case KI67 -> ki67 = Optional.of(new Ki67(value(o, "%", where), date(o, where)));
                    case GRADE ->
                        grade = Optional.of(Grade.valueOf(code(o.getValueCodeableConcept(), NET_GRADE, where)));
                    default -> {
                        Analyte a = analyteOfLoinc(code.getCode())
                                .orElseThrow(
                                        () -> new FhirImportException(where + ": netra does not know this LOINC code"));
                        labs.add(new LabResult(a, value(o, lab(a).ucum(), where), date(o, where)));
                    }
                }
            } else if (KRENNING.equals(code.getSystem())) {
                krenning.add(new Dated<>(date(o, where), KrenningScore.of(integer(o, where))));
            } else {
                throw new FhirImportException(where + ": netra does not know this code");
            }
        }

        Optional<PrimaryTumour> tumour = Optional.empty();
        List<Condition> conditions = resources(bundle, Condition.class);
        if (conditions.size() > 1) {
            throw new FhirImportException(
                    "a referral Bundle holds at most one primary-tumour Condition, this one has " + conditions.size());
        }
        if (!conditions.isEmpty()) {
            Condition c = conditions.getFirst();
            String where = "Condition " + c.getIdPart();
            TumourSite site = TumourSite.valueOf(code(c.getCode(), TUMOUR_SITE, where));
            tumour = Optional.of(new PrimaryTumour(
                    site,
                    grade.orElseThrow(() -> new FhirImportException(where + " has no Grade Cancer (LOINC " + GRADE
                            + ") Observation; netra needs the WHO grade of a primary tumour")),
                    ki67));
        }

        List<ReferralRecord.StudyReference> imaging = new ArrayList<>();
        for (ImagingStudy s : resources(bundle, ImagingStudy.class)) {
            String where = "ImagingStudy " + s.getIdPart();
            String uid = s.getIdentifier().stream()
                    .filter(i -> DICOM_UID.equals(i.getSystem()))
                    .map(i -> i.getValue().replaceFirst("^urn:oid:", ""))
                    .findFirst()
                    .orElseThrow(() -> new FhirImportException(where + " has no DICOM Study Instance UID identifier"));
            List<ReferralRecord.SeriesReference> series = new ArrayList<>();
            for (var r : s.getSeries()) {
                series.add(new ReferralRecord.SeriesReference(
                        r.getUid(),
                        r.getModality().getCode(),
                        r.hasNumber() ? r.getNumber() : -1,
                        r.hasNumberOfInstances() ? r.getNumberOfInstances() : -1));
            }
            imaging.add(new ReferralRecord.StudyReference(
                    uid, local(s.getStartedElement(), where), s.hasDescription() ? s.getDescription() : "", series));
        }

        List<ReferralRecord.Administration> administrations = new ArrayList<>();
        for (MedicationAdministration m : resources(bundle, MedicationAdministration.class)) {
            String where = "MedicationAdministration " + m.getIdPart();
            int cycle = m.getIdentifier().stream()
                    .filter(i -> PRRT_CYCLE.equals(i.getSystem()))
                    .map(i -> Integer.parseInt(i.getValue()))
                    .findFirst()
                    .orElse(administrations.size() + 1);
            Quantity dose = m.getDosage().getDose();
            administrations.add(new ReferralRecord.Administration(
                    cycle,
                    local(m.getEffectiveDateTimeType(), where),
                    Radiopharmaceutical.valueOf(code(m.getMedicationCodeableConcept(), RADIOPHARMACEUTICAL, where)),
                    Activity.ofMBq(inMBq(dose, where))));
        }

        Optional<PrrtPlan> plan = Optional.empty();
        for (CarePlan c : resources(bundle, CarePlan.class)) {
            String where = "CarePlan " + c.getIdPart();
            PrrtPlan.Schedule schedule = PrrtPlan.Schedule.valueOf(code(c.getCategoryFirstRep(), PLAN_SCHEDULE, where));
            Radiopharmaceutical rp = null;
            List<PlannedCycle> cycles = new ArrayList<>();
            for (var a : c.getActivity()) {
                var d = a.getDetail();
                rp = Radiopharmaceutical.valueOf(code(d.getProductCodeableConcept(), RADIOPHARMACEUTICAL, where));
                cycles.add(new PlannedCycle(
                        Integer.parseInt(code(d.getCode(), PRRT_CYCLE, where)),
                        local(d.getScheduledPeriod().getStartElement(), where),
                        Activity.ofMBq(inMBq(d.getQuantity(), where)),
                        List.of()));
            }
            if (rp == null) {
                throw new FhirImportException(where + " has no cycles");
            }
            plan = Optional.of(new PrrtPlan(rp, schedule, cycles));
        }

        List<ReferralRecord.AdverseEvent> events = new ArrayList<>();
        for (AdverseEvent e : resources(bundle, AdverseEvent.class)) {
            String where = "AdverseEvent " + e.getIdPart();
            Coding term = e.getEvent().getCoding().stream()
                    .filter(c -> CTCAE_TERM.equals(c.getSystem()))
                    .findFirst()
                    .orElseThrow(
                            () -> new FhirImportException(where + " has no CTCAE term coding (" + CTCAE_TERM + ")"));
            var g = term.getExtensionByUrl(CTCAE_GRADE_EXTENSION);
            if (g == null || !(g.getValue() instanceof IntegerType gi)) {
                throw new FhirImportException(where + " has no CTCAE grade");
            }
            events.add(new ReferralRecord.AdverseEvent(
                    CtcaeTerm.valueOf(term.getCode()),
                    CtcaeGrade.of(gi.getValue()),
                    LocalDate.parse(e.getDateElement().getValueAsString().substring(0, 10))));
        }

        return new ReferralRecord(
                new org.netra.clinical.patient.Patient(id, sex, birth, weights, heights),
                name(p),
                tumour,
                new LabHistory(labs),
                performance,
                krenning,
                imaging,
                administrations,
                plan,
                events);
    }

    /** The name's text, else its given and family parts. */
    static String name(Patient p) {
        if (!p.hasName()) {
            return "";
        }
        var n = p.getNameFirstRep();
        if (n.hasText()) {
            return n.getText();
        }
        return (n.getGivenAsSingleString() + " " + (n.hasFamily() ? n.getFamily() : "")).strip();
    }

    static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (var e : bundle.getEntry()) {
            if (type.isInstance(e.getResource())) {
                out.add(type.cast(e.getResource()));
            }
        }
        return out;
    }

    static String code(CodeableConcept concept, String system, String where) {
        return concept.getCoding().stream()
                .filter(c -> system.equals(c.getSystem()))
                .map(Coding::getCode)
                .findFirst()
                .orElseThrow(() -> new FhirImportException(where + " has no code from " + system));
    }

    private static LocalDate date(Observation o, String where) {
        if (!o.hasEffectiveDateTimeType()) {
            throw new FhirImportException(where + " has no effective date");
        }
        return LocalDate.parse(o.getEffectiveDateTimeType().getValueAsString().substring(0, 10));
    }

    private static double value(Observation o, String ucum, String where) {
        if (!o.hasValueQuantity()) {
            throw new FhirImportException(where + " has no quantity value");
        }
        Quantity q = o.getValueQuantity();
        if (!ucum.equals(q.getCode())) {
            throw new FhirImportException(
                    where + " is in " + q.getCode() + "; netra reads it in UCUM " + ucum + " (convert it first)");
        }
        return q.getValue().doubleValue();
    }

    private static int integer(Observation o, String where) {
        if (!o.hasValueIntegerType()) {
            throw new FhirImportException(where + " has no integer value");
        }
        return o.getValueIntegerType().getValue();
    }

    static double inMBq(Quantity q, String where) {
        if (q == null || q.getValue() == null) {
            throw new FhirImportException(where + " has no activity");
        }
        return switch (q.getCode() == null ? "" : q.getCode()) {
            case "MBq" -> q.getValue().doubleValue();
            case "GBq" -> q.getValue().doubleValue() * 1000;
            case "mCi" -> q.getValue().doubleValue() * 37;
            default ->
                throw new FhirImportException(
                        where + " gives activity in '" + q.getCode() + "'; use UCUM MBq, GBq or mCi");
        };
    }

    private LocalDateTime local(BaseDateTimeType t, String where) {
        return local(t, zone, where);
    }

    /** A date-time with its offset as the local time in {@code zone}. */
    static LocalDateTime local(BaseDateTimeType t, ZoneId zone, String where) {
        if (t == null || t.getValue() == null) {
            throw new FhirImportException(where + " has no date-time");
        }
        return LocalDateTime.ofInstant(t.getValue().toInstant(), zone);
    }
}

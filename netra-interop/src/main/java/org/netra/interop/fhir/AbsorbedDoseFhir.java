package org.netra.interop.fhir;

import static org.netra.interop.fhir.Terminology.*;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.interop.fhir.CycleDoseSummary.RegionDose;
import org.netra.interop.fhir.CycleDoseSummary.RegionKind;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import org.netra.physics.quantity.Volume;

/**
 * A cycle's absorbed doses as a FHIR R4 collection Bundle, and back.
 *
 * <p>Where the HL7 Radiation Dose Summary IG applies, its structure is followed: one summary Observation coded
 * LOINC 73569-6, about the Patient, part of the administration (MedicationAdministration, itself part of the PRRT
 * Procedure), valued with the administered activity, and with the IG's radiopharmaceutical components (DICOM 121058
 * "Procedure reported" = 113502 "Radiopharmaceutical Administration", 113507 "Administered activity", SNOMED CT
 * 349358000 "Radiopharmaceutical agent"). The IG is written for diagnostic procedures and has no absorbed dose per
 * organ, so each region's mean absorbed dose is an Observation of its own (UCUM Gy, the region as body site, SNOMED
 * CT where the region is an organ), with its 1 SD, and the kidneys' effective half-life and BED as components; the
 * summary lists them as members. The Bundle does not claim the IG's profiles in {@code meta.profile}: its
 * radiopharmaceutical value set has no 177Lu peptide, so the agent is netra's own code.
 */
public final class AbsorbedDoseFhir {
    private final ZoneId zone;

    /** @param zone the department's time zone (FHIR date-times carry an offset, netra's records do not) */
    public AbsorbedDoseFhir(ZoneId zone) {
        this.zone = zone;
    }

    public Bundle toBundle(CycleDoseSummary s) {
        String pid = s.patientId();
        String key = "doses/cycle-" + s.cycle();
        var bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setIdentifier(
                new Identifier().setSystem(PATIENT_ID).setValue("absorbed-doses/" + pid + "/" + s.cycle()));
        Reference subject = FhirExport.add(
                bundle, FhirExport.patient(pid, s.patientName(), s.sex(), s.birthDate()), pid, "patient");

        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(FhirExport.concept(PROCEDURE, "prrt", "Peptide receptor radionuclide therapy"));
        procedure.setSubject(subject);
        procedure.setPerformed(FhirExport.dateTime(s.administered(), zone));
        Reference procedureRef = FhirExport.add(bundle, procedure, pid, "procedure/" + s.cycle());

        MedicationAdministration m = new MedicationAdministration();
        m.addIdentifier().setSystem(PRRT_CYCLE).setValue(Integer.toString(s.cycle()));
        s.administrationEventUid()
                .ifPresent(uid -> m.addIdentifier().setSystem(DICOM_UID).setValue("urn:oid:" + uid));
        m.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        m.setMedication(FhirExport.radiopharmaceutical(s.radiopharmaceutical()));
        m.setSubject(subject);
        m.addPartOf(procedureRef);
        m.setEffective(FhirExport.dateTime(s.administered(), zone));
        m.getDosage()
                .setText("cycle " + s.cycle())
                .setRoute(FhirExport.concept(SNOMED, INTRAVENOUS, "Intravenous route"))
                .setDose((SimpleQuantity) mbq(new SimpleQuantity(), s.activity()));
        Reference administration = FhirExport.add(bundle, m, pid, "administration/" + s.cycle());

        List<Reference> members = new ArrayList<>();
        for (RegionDose r : s.regions()) {
            Observation o = new Observation();
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.addIdentifier().setSystem(OBSERVATION).setValue(pid + "/" + key + "/" + r.region());
            o.addCategory(FhirExport.concept(OBSERVATION_CATEGORY, "imaging", "Imaging"));
            o.addCategory(FhirExport.concept(DOSE_REGION_KIND, r.kind().name(), kindDisplay(r.kind())));
            o.setCode(FhirExport.concept(OBSERVATION, MEAN_ABSORBED_DOSE, "Mean absorbed dose"));
            o.setSubject(subject);
            o.addPartOf(administration);
            o.addPartOf(procedureRef);
            o.setEffective(FhirExport.dateTime(s.administered(), zone));
            CodeableConcept site = new CodeableConcept().setText(r.region());
            doseSite(r.kind(), r.region()).ifPresent(x -> site.addCoding(new Coding(SNOMED, x.snomed(), x.display())));
            o.setBodySite(site);
            o.setValue(gy(r.mean()));
            r.standardDeviation().ifPresent(sd -> o.addComponent()
                    .setCode(FhirExport.concept(OBSERVATION, ABSORBED_DOSE_SD, "Absorbed dose, 1 SD"))
                    .setValue(gy(sd)));
            r.volume().ifPresent(v -> o.addComponent()
                    .setCode(FhirExport.concept(OBSERVATION, REGION_VOLUME, "Region volume"))
                    .setValue(ucum(v.inMl(), "mL")));
            r.effectiveHalfLife().ifPresent(t -> o.addComponent()
                    .setCode(FhirExport.concept(OBSERVATION, EFFECTIVE_HALF_LIFE, "Effective half-life"))
                    .setValue(ucum(Times.hours(t), "h")));
            r.bed().ifPresent(b -> o.addComponent()
                    .setCode(FhirExport.concept(OBSERVATION, BED, "Biologically effective dose"))
                    .setValue(gy(b)));
            if (!s.method().isEmpty()) {
                o.setMethod(new CodeableConcept().setText(s.method()));
            }
            members.add(FhirExport.add(bundle, o, pid, key + "/region/" + r.region()));
        }

        Observation summary = new Observation();
        summary.setStatus(Observation.ObservationStatus.FINAL);
        summary.addIdentifier().setSystem(OBSERVATION).setValue(pid + "/" + key);
        summary.setCode(FhirExport.concept(
                LOINC,
                RADIATION_DOSE_SUMMARY,
                "Radiation exposure and protection information [Description] Document Diagnostic imaging"));
        summary.setSubject(subject);
        summary.addPartOf(administration);
        summary.addPartOf(procedureRef);
        summary.setEffective(FhirExport.dateTime(s.administered(), zone));
        summary.setValue(mbq(new Quantity(), s.activity()));
        summary.addComponent()
                .setCode(FhirExport.concept(DICOM, PROCEDURE_REPORTED, "Procedure reported"))
                .setValue(FhirExport.concept(
                        DICOM, RADIOPHARMACEUTICAL_ADMINISTRATION, "Radiopharmaceutical Administration"));
        summary.addComponent()
                .setCode(FhirExport.concept(DICOM, ADMINISTERED_ACTIVITY, "Administered activity"))
                .setValue(mbq(new Quantity(), s.activity()));
        summary.addComponent()
                .setCode(FhirExport.concept(SNOMED, RADIOPHARMACEUTICAL_AGENT, "Radiopharmaceutical agent"))
                .setValue(FhirExport.radiopharmaceutical(s.radiopharmaceutical()));
        summary.setHasMember(members);
        if (!s.method().isEmpty()) {
            summary.setMethod(new CodeableConcept().setText(s.method()));
        }
        FhirExport.add(bundle, summary, pid, key);
        return bundle;
    }

    /**
     * The dose summary a Bundle holds: exactly one Patient, one MedicationAdministration, one summary Observation
     * (LOINC 73569-6) and the absorbed-dose Observations it lists. What netra cannot read is an error naming the
     * entry and what to change, never a silent drop.
     */
    public CycleDoseSummary fromBundle(Bundle bundle, String source) {
        Patient p = one(bundle, Patient.class, source);
        String pid = p.getIdentifier().stream()
                .filter(i -> PATIENT_ID.equals(i.getSystem()))
                .findFirst()
                .or(() -> p.getIdentifier().stream().findFirst())
                .map(Identifier::getValue)
                .orElseThrow(() -> new FhirImportException(source + ": the Patient has no identifier"));
        Sex sex =
                switch (p.getGender()) {
                    case FEMALE -> Sex.FEMALE;
                    case MALE -> Sex.MALE;
                    case null, default ->
                        throw new FhirImportException(source + ": patient " + pid + " has gender " + p.getGender()
                                + "; netra's dose rules need female or male");
                };
        if (!p.hasBirthDate()) {
            throw new FhirImportException(source + ": patient " + pid + " has no birth date");
        }

        MedicationAdministration m = one(bundle, MedicationAdministration.class, source);
        String where = source + ": MedicationAdministration " + m.getIdPart();
        int cycle = m.getIdentifier().stream()
                .filter(i -> PRRT_CYCLE.equals(i.getSystem()))
                .map(i -> cycleNumber(i.getValue(), where))
                .findFirst()
                .orElseThrow(() -> new FhirImportException(
                        where + " has no cycle identifier (" + PRRT_CYCLE + "); netra files doses by cycle"));
        Optional<String> eventUid = m.getIdentifier().stream()
                .filter(i -> DICOM_UID.equals(i.getSystem()) && i.getValue() != null)
                .map(i -> i.getValue().replaceFirst("^urn:oid:", ""))
                .findFirst();
        Radiopharmaceutical rp = radiopharmaceutical(m.getMedicationCodeableConcept(), where);
        LocalDateTime given = FhirImport.local(m.getEffectiveDateTimeType(), zone, where);
        Activity activity = Activity.ofMBq(FhirImport.inMBq(m.getDosage().getDose(), where));

        List<Observation> summaries = FhirImport.resources(bundle, Observation.class).stream()
                .filter(o -> o.getCode().getCoding().stream()
                        .anyMatch(c -> LOINC.equals(c.getSystem()) && RADIATION_DOSE_SUMMARY.equals(c.getCode())))
                .toList();
        if (summaries.size() != 1) {
            throw new FhirImportException(source + " has " + summaries.size() + " radiation dose summaries (LOINC "
                    + RADIATION_DOSE_SUMMARY + "); a cycle's dose Bundle has exactly one");
        }
        Observation summary = summaries.getFirst();
        var members = new HashSet<String>();
        summary.getHasMember().forEach(r -> members.add(r.getReference()));

        List<RegionDose> regions = new ArrayList<>();
        for (var e : bundle.getEntry()) {
            if (!(e.getResource() instanceof Observation o) || o == summary) {
                continue;
            }
            String at = source + ": Observation " + o.getIdPart();
            boolean isDose = o.getCode().getCoding().stream()
                    .anyMatch(c -> OBSERVATION.equals(c.getSystem()) && MEAN_ABSORBED_DOSE.equals(c.getCode()));
            if (!isDose) {
                throw new FhirImportException(at + " is not a mean absorbed dose (" + OBSERVATION + "#"
                        + MEAN_ABSORBED_DOSE + "); a cycle's dose Bundle holds only those and the summary");
            }
            if (!members.contains(e.getFullUrl())) {
                throw new FhirImportException(at + " is not a member of the dose summary; list it in hasMember");
            }
            regions.add(region(o, at));
        }
        if (regions.size() != members.size()) {
            throw new FhirImportException(source + ": the dose summary lists " + members.size()
                    + " members, the Bundle holds " + regions.size() + " absorbed doses");
        }
        String method = summary.hasMethod() ? summary.getMethod().getText() : "";
        return new CycleDoseSummary(
                pid,
                FhirImport.name(p),
                sex,
                java.time.LocalDate.parse(p.getBirthDateElement().getValueAsString()),
                cycle,
                rp,
                given,
                activity,
                eventUid,
                regions,
                method);
    }

    private static RegionDose region(Observation o, String at) {
        String name = o.getBodySite().getText();
        if (name == null || name.isBlank()) {
            throw new FhirImportException(at + " names no region (bodySite.text)");
        }
        RegionKind kind = o.getCategory().stream()
                .flatMap(c -> c.getCoding().stream())
                .filter(c -> DOSE_REGION_KIND.equals(c.getSystem()))
                .findFirst()
                .map(c -> kind(c.getCode(), at))
                .orElse(RegionKind.ORGAN);
        if (!o.hasValueQuantity()) {
            throw new FhirImportException(at + " (" + name + ") has no absorbed dose quantity");
        }
        Optional<AbsorbedDose> sd = Optional.empty();
        Optional<Volume> volume = Optional.empty();
        Optional<Duration> halfLife = Optional.empty();
        Optional<AbsorbedDose> bed = Optional.empty();
        for (var c : o.getComponent()) {
            String code = c.getCode().getCoding().stream()
                    .filter(x -> OBSERVATION.equals(x.getSystem()))
                    .map(Coding::getCode)
                    .findFirst()
                    .orElse("");
            switch (code) {
                case ABSORBED_DOSE_SD -> sd = Optional.of(dose(c.getValueQuantity(), at + " SD"));
                case BED -> bed = Optional.of(dose(c.getValueQuantity(), at + " BED"));
                case REGION_VOLUME -> volume = Optional.of(millilitres(c.getValueQuantity(), at));
                case EFFECTIVE_HALF_LIFE -> halfLife = Optional.of(hours(c.getValueQuantity(), at));
                default ->
                    throw new FhirImportException(at + " (" + name + ") has a component netra does not read: "
                            + c.getCode().getCodingFirstRep().getSystem() + "#"
                            + c.getCode().getCodingFirstRep().getCode());
            }
        }
        return new RegionDose(
                name, kind, dose(o.getValueQuantity(), at + " (" + name + ")"), sd, volume, halfLife, bed);
    }

    /** An absorbed dose in UCUM Gy or mGy; any other unit is refused, naming it. */
    private static AbsorbedDose dose(Quantity q, String where) {
        if (q == null || q.getValue() == null) {
            throw new FhirImportException(where + " has no value");
        }
        if (!UCUM.equals(q.getSystem())) {
            throw new FhirImportException(where + " is not in UCUM (system " + q.getSystem() + "); use Gy");
        }
        return switch (q.getCode() == null ? "" : q.getCode()) {
            case "Gy" -> AbsorbedDose.ofGy(q.getValue().doubleValue());
            case "mGy" -> AbsorbedDose.ofMGy(q.getValue().doubleValue());
            default ->
                throw new FhirImportException(
                        where + " is in '" + q.getCode() + "'; an absorbed dose is in UCUM Gy or mGy");
        };
    }

    private static Volume millilitres(Quantity q, String where) {
        if (q == null || q.getValue() == null || !"mL".equals(q.getCode()) || !UCUM.equals(q.getSystem())) {
            throw new FhirImportException(where + ": the region volume must be in UCUM mL");
        }
        return Volume.ofMl(q.getValue().doubleValue());
    }

    private static Duration hours(Quantity q, String where) {
        if (q == null || q.getValue() == null || !"h".equals(q.getCode()) || !UCUM.equals(q.getSystem())) {
            throw new FhirImportException(where + ": the effective half-life must be in UCUM h");
        }
        return Times.ofHours(q.getValue().doubleValue());
    }

    private static RegionKind kind(String code, String where) {
        try {
            return RegionKind.valueOf(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new FhirImportException(where + " has region kind '" + code + "'; netra knows "
                    + java.util.Arrays.toString(RegionKind.values()));
        }
    }

    private static Radiopharmaceutical radiopharmaceutical(CodeableConcept c, String where) {
        String code = FhirImport.code(c, RADIOPHARMACEUTICAL, where);
        try {
            return Radiopharmaceutical.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new FhirImportException(where + " gives radiopharmaceutical '" + code + "'; netra knows "
                    + java.util.Arrays.toString(Radiopharmaceutical.values()));
        }
    }

    private static int cycleNumber(String value, String where) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new FhirImportException(where + " has cycle '" + value + "'; a cycle is a whole number");
        }
    }

    private static <T extends org.hl7.fhir.r4.model.Resource> T one(Bundle bundle, Class<T> type, String source) {
        List<T> found = FhirImport.resources(bundle, type);
        if (found.size() != 1) {
            throw new FhirImportException(source + " holds " + found.size() + " " + type.getSimpleName()
                    + " resources; a cycle's dose Bundle holds exactly one");
        }
        return found.getFirst();
    }

    private static String kindDisplay(RegionKind kind) {
        return switch (kind) {
            case KIDNEYS -> "Kidneys (dose-limiting)";
            case RED_MARROW -> "Red marrow (dose-limiting)";
            case TUMOUR -> "Tumour";
            case ORGAN -> "Organ";
        };
    }

    private static Quantity gy(AbsorbedDose d) {
        return ucum(d.inGy(), "Gy");
    }

    private static Quantity ucum(double value, String unit) {
        return new Quantity()
                .setValue(FhirExport.decimal(value))
                .setUnit(unit)
                .setSystem(UCUM)
                .setCode(unit);
    }

    private static Quantity mbq(Quantity q, Activity a) {
        return q.setValue(FhirExport.decimal(a.inMBq()))
                .setUnit("MBq")
                .setSystem(UCUM)
                .setCode("MBq");
    }
}

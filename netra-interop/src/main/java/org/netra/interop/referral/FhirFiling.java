package org.netra.interop.referral;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.clinical.followup.ToxicityAssessment;
import org.netra.clinical.patient.LabResult;
import org.netra.interop.fhir.FhirImportException;
import org.netra.interop.fhir.ReferralRecord;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.LabPanel;
import org.netra.store.clinical.ToxicityRecord;
import org.netra.store.record.Records;

/**
 * A record read from a FHIR Bundle (from any system) filed as netra records: the patient with tumour and
 * performance status, one lab panel per sampling day, the PRRT plan as a course, the adverse events as
 * one CTCAE assessment. What the store has no place for without more facts (cycles given without their
 * dosimetry, Krenning scores without their study protocol, DICOM study references) is listed as not
 * filed, never silently dropped.
 */
public final class FhirFiling {
    private FhirFiling() {}

    /** What was filed (kind → count) and what was not, in words. */
    public record Filed(String patientId, Map<String, Integer> records, List<String> notFiled) {}

    public static Filed file(ReferralRecord r, Store store, String actor) {
        String pid = r.patient().id();
        Records records = store.records();
        if (records.find(ClinicalKinds.PATIENT, pid).isPresent()) {
            throw new ReferralException("patient " + pid + " already exists in " + store.config()
                    + "; a referral creates a patient, it does not merge into one");
        }
        var tumour = r.tumour()
                .orElseThrow(() -> new FhirImportException("patient " + pid + " has no primary-tumour Condition with"
                        + " a grade; netra files a patient with their primary tumour"));
        Map<String, Integer> counts = new TreeMap<>();
        records.create(
                ClinicalKinds.PATIENT,
                new org.netra.store.clinical.PatientRecord(
                        r.patient(), r.name(), tumour, List.of(), r.performance(), Optional.empty(), false),
                actor);
        counts.put(ClinicalKinds.PATIENT.name(), 1);

        Map<LocalDate, List<LabResult>> byDay = new TreeMap<>();
        r.labs().results().forEach(l -> byDay.computeIfAbsent(l.date(), d -> new ArrayList<>())
                .add(l));
        byDay.forEach((day, results) -> {
            records.create(
                    ClinicalKinds.LAB_PANEL, new LabPanel(ClinicalKinds.key(pid, "lab-" + day), pid, results), actor);
            counts.merge(ClinicalKinds.LAB_PANEL.name(), 1, Integer::sum);
        });

        r.plan().ifPresent(plan -> {
            records.create(ClinicalKinds.COURSE, new CourseRecord(ClinicalKinds.key(pid, "prrt-1"), pid, plan), actor);
            counts.put(ClinicalKinds.COURSE.name(), 1);
        });

        if (!r.adverseEvents().isEmpty()) {
            LocalDate from = r.adverseEvents().getFirst().date();
            LocalDate to = r.adverseEvents().getLast().date();
            List<ToxicityAssessment.TermSummary> terms = r.adverseEvents().stream()
                    .map(e -> new ToxicityAssessment.TermSummary(
                            e.term(),
                            CtcaeGrade.G0,
                            Optional.empty(),
                            e.grade(),
                            Optional.empty(),
                            Optional.of(e.date())))
                    .toList();
            records.create(
                    ClinicalKinds.TOXICITY,
                    new ToxicityRecord(ClinicalKinds.key(pid, "ctcae-referral"), pid, from, from, to, terms),
                    actor);
            counts.put(ClinicalKinds.TOXICITY.name(), 1);
        }

        List<String> notFiled = new ArrayList<>();
        if (!r.administrations().isEmpty()) {
            notFiled.add(r.administrations().size() + " cycle(s) given: netra files a given cycle with its dosimetry;"
                    + " they are in the Bundle (MedicationAdministration)");
        }
        if (!r.krenning().isEmpty()) {
            notFiled.add(r.krenning().size() + " Krenning score(s): netra files them on an imaging study with its"
                    + " protocol");
        }
        if (!r.imaging().isEmpty()) {
            notFiled.add(r.imaging().size() + " DICOM study reference(s): pull the studies from the PACS by UID");
        }
        return new Filed(pid, counts, notFiled);
    }
}

package org.netra.interop.administration;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.clinical.therapy.TumourDose;
import org.netra.interop.fhir.CycleDoseSummary;
import org.netra.interop.fhir.CycleDoseSummary.RegionDose;
import org.netra.interop.fhir.CycleDoseSummary.RegionKind;
import org.netra.store.Store;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.CycleCurves;
import org.netra.store.clinical.DispensingRecord;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.PatientRecord;
import org.netra.store.clinical.RegionCurves;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * A cycle's stored dosimetry as a {@link CycleDoseSummary} (for the FHIR absorbed-dose exchange), and a received
 * summary filed as a cycle's dosimetry. The kidneys (mass-weighted mean, with T_eff and BED) and the red marrow come
 * from the dosimetry record; every other region from the cycle's stored curves, where a dose was kept.
 */
public final class CycleDoseRecords {
    private CycleDoseRecords() {}

    public static CycleDoseSummary summary(Store store, String patientId, int cycle) {
        Records records = store.records();
        PatientRecord patient = AdministrationSr.patient(records, patientId);
        CourseRecord course = AdministrationSr.currentCourse(records, patient);
        AdministrationSr.requireCycle(course, cycle);
        DosimetryRecord d = records.forPatient(ClinicalKinds.DOSIMETRY, patientId).stream()
                .map(Stored::value)
                .filter(r -> r.courseId().equals(course.id()) && r.dosimetry().cycle() == cycle)
                .findFirst()
                .orElseThrow(() -> new AdministrationSrException("cycle " + cycle + " of patient " + patientId
                        + " has no dosimetry recorded; attach a dosimetry job to the cycle first"));
        CycleDosimetry c = d.dosimetry();
        Optional<AdministrationRecord> administration = records.find(
                        ClinicalKinds.ADMINISTRATION, AdministrationRecord.idOf(course.id(), cycle))
                .map(Stored::value);
        String method = d.method();
        LocalDateTime given;
        if (administration.isPresent()) {
            given = administration.get().administered();
        } else {
            // no nurse's record: the planned time, said so next to the figures
            given = course.plan().cycles().stream()
                    .filter(p -> p.number() == cycle)
                    .map(PlannedCycle::administration)
                    .findFirst()
                    .orElseThrow();
            method = (method.isEmpty() ? "" : method + "; ")
                    + "administration time: the planned one (no administration record)";
        }
        Optional<String> eventUid = administration.flatMap(
                a -> records.find(ClinicalKinds.DISPENSING, DispensingRecord.idOf(course.id(), cycle))
                        .map(s -> AdministrationSr.eventUid(a, s.value().dispensing())));

        List<RegionDose> regions = new ArrayList<>();
        regions.add(new RegionDose(
                "kidneys",
                RegionKind.KIDNEYS,
                c.kidneyDose(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(c.kidneyEffectiveHalfLife()),
                c.kidneyBed()));
        regions.add(new RegionDose(
                "red marrow",
                RegionKind.RED_MARROW,
                c.marrowDose(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
        Set<String> tumours = d.tumours().stream().map(TumourDose::lesion).collect(Collectors.toSet());
        List<RegionCurves> curves = records.find(ClinicalKinds.CYCLE_CURVES, d.id())
                .map(s -> s.value().regions())
                .orElse(List.of());
        for (RegionCurves r : curves) {
            if (r.dose().isEmpty() || r.region().equals("kidneys") || r.region().equals("red marrow")) {
                continue;
            }
            regions.add(new RegionDose(
                    r.region(),
                    tumours.contains(r.region()) ? RegionKind.TUMOUR : RegionKind.ORGAN,
                    r.dose().get(),
                    r.doseSd(),
                    r.volume(),
                    Optional.empty(),
                    Optional.empty()));
        }
        if (curves.stream().noneMatch(r -> r.dose().isPresent())) {
            // records kept before the curves held doses: the tumours as the dosimetry record has them
            for (TumourDose t : d.tumours()) {
                regions.add(new RegionDose(
                        t.lesion(),
                        RegionKind.TUMOUR,
                        t.mean(),
                        Optional.of(t.standardDeviation()),
                        Optional.of(t.volume()),
                        Optional.empty(),
                        Optional.empty()));
            }
        }
        return new CycleDoseSummary(
                patientId,
                patient.name(),
                patient.patient().sex(),
                patient.patient().birthDate(),
                cycle,
                course.plan().radiopharmaceutical(),
                given,
                c.administered(),
                eventUid,
                regions,
                method);
    }

    /**
     * The netra id of the patient a received summary names (netra id or MRN), so that a page importing it for one
     * patient can refuse a summary about another before anything is filed.
     */
    public static String patientOf(Store store, CycleDoseSummary s, String source) {
        return AdministrationSr.patientById(store.records(), s.patientId(), source)
                .id();
    }

    /**
     * Files a received summary as the cycle's dosimetry of the patient it names (netra id or MRN), in one audited
     * transaction: the dosimetry record (kidneys with T_eff, red marrow, tumours with SD and volume) and the regions'
     * doses as the cycle's curves. Refused, naming what to do, when the cycle already has dosimetry or the summary
     * lacks what netra's dosimetry record needs.
     */
    public static DosimetryRecord file(Store store, CycleDoseSummary s, String source, String actor) {
        Records records = store.records();
        PatientRecord patient = AdministrationSr.patientById(records, s.patientId(), source);
        CourseRecord course = AdministrationSr.currentCourse(records, patient);
        AdministrationSr.requireCycle(course, s.cycle());
        if (course.plan().radiopharmaceutical() != s.radiopharmaceutical()) {
            throw new AdministrationSrException(
                    source + " is of " + s.radiopharmaceutical().label() + ", but the patient's course gives "
                            + course.plan().radiopharmaceutical().label());
        }
        RegionDose kidneys = only(s, RegionKind.KIDNEYS, source);
        RegionDose marrow = only(s, RegionKind.RED_MARROW, source);
        var halfLife = kidneys.effectiveHalfLife()
                .orElseThrow(() -> new AdministrationSrException(source + ": the kidneys' dose has no effective"
                        + " half-life; netra's BED and cycle budget need it"));
        CycleDosimetry dosimetry;
        List<TumourDose> tumours = new ArrayList<>();
        try {
            dosimetry = new CycleDosimetry(
                    s.cycle(),
                    s.administered().toLocalDate(),
                    s.activity(),
                    kidneys.mean(),
                    halfLife,
                    kidneys.bed(),
                    marrow.mean());
            for (RegionDose r : s.regions()) {
                if (r.kind() == RegionKind.TUMOUR) {
                    tumours.add(new TumourDose(
                            r.region(),
                            r.mean(),
                            r.standardDeviation()
                                    .orElseThrow(() -> new AdministrationSrException(source + ": tumour " + r.region()
                                            + " has no SD; netra shows each" + " tumour dose with its uncertainty")),
                            r.volume()
                                    .orElseThrow(() -> new AdministrationSrException(
                                            source + ": tumour " + r.region() + " has no volume"))));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new AdministrationSrException(source + ": " + e.getMessage());
        }
        String id = course.id() + "/cycle-" + s.cycle();
        var record = new DosimetryRecord(
                id,
                patient.patient().id(),
                course.id(),
                dosimetry,
                tumours,
                "imported from " + source + (s.method().isEmpty() ? "" : ": " + s.method()));
        List<RegionCurves> regions = s.regions().stream()
                .filter(r -> r.kind() == RegionKind.TUMOUR || r.kind() == RegionKind.ORGAN)
                .map(r -> new RegionCurves(
                        r.region(),
                        "",
                        "",
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.of(r.mean()),
                        r.standardDeviation(),
                        r.volume()))
                .toList();
        return records.inTransaction(tx -> {
            boolean recorded = tx.find(ClinicalKinds.DOSIMETRY, id).isPresent()
                    || records
                            .forPatient(
                                    ClinicalKinds.DOSIMETRY, patient.patient().id())
                            .stream()
                            .anyMatch(r -> r.value().courseId().equals(course.id())
                                    && r.value().dosimetry().cycle() == s.cycle());
            if (recorded) {
                throw new AdministrationSrException("cycle " + s.cycle() + " of patient "
                        + patient.patient().id()
                        + " already has dosimetry; an imported dose summary does not replace it");
            }
            tx.create(ClinicalKinds.DOSIMETRY, record, actor);
            tx.put(
                    ClinicalKinds.CYCLE_CURVES,
                    new CycleCurves(id, patient.patient().id(), regions),
                    actor);
            return record;
        });
    }

    private static RegionDose only(CycleDoseSummary s, RegionKind kind, String source) {
        List<RegionDose> found =
                s.regions().stream().filter(r -> r.kind() == kind).toList();
        if (found.size() != 1) {
            throw new AdministrationSrException(source + " has " + found.size() + " " + kind
                    + " doses; netra's dosimetry record needs exactly one");
        }
        return found.getFirst();
    }
}

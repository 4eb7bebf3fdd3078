package org.netra.interop.administration;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.therapy.Dispensing;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.Uids;
import org.netra.imaging.sr.CodedConcept;
import org.netra.imaging.sr.ContentItem.OffsetOrLocal;
import org.netra.interop.dicom.RadiopharmaceuticalDoseSr;
import org.netra.interop.dicom.RadiopharmaceuticalDoseSr.Administration;
import org.netra.interop.dicom.RadiopharmaceuticalDoseSr.Measured;
import org.netra.interop.dicom.RadiopharmaceuticalDoseSr.Received;
import org.netra.interop.dicom.RadiopharmaceuticalDoseSr.Subject;
import org.netra.physics.quantity.Activity;
import org.netra.store.Store;
import org.netra.store.clinical.AdministeredActivities;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.DispensingRecord;
import org.netra.store.clinical.PatientRecord;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * A cycle's administration as netra records it (the radiopharmacist's dispensing, the nurse's administration
 * time, the course's radiopharmaceutical) to and from a Radiopharmaceutical Radiation Dose SR. Export needs
 * both records; filing an SR writes both in one audited transaction, and refuses an SR whose patient, agent,
 * radionuclide or cycle does not match, or whose administered activity disagrees with its own measurements.
 */
public final class AdministrationSr {
    /** netra's private coding scheme for agents CID 25 has no code for (PS3.16 8.2: "99" + name). */
    public static final String NETRA_SCHEME = "99NETRA";

    /** A sender's administered activity further than this from netra's, from the same measurements, is refused. */
    static final double REFUSE_ABOVE = 0.05;
    /** … and further than this is filed with a warning (half-life tables and rounding differ a little). */
    static final double WARN_ABOVE = 0.005;

    private AdministrationSr() {}

    /** What was filed: the records' ids, the cycle, the activity netra computes, and warnings in words. */
    public record Filed(
            String patientId,
            int cycle,
            String dispensingId,
            String administrationId,
            Activity administered,
            List<String> warnings) {}

    /** CID 25 code of a PRRT radiopharmaceutical (or netra's own where CID 25 has none), with CID 18's nuclide. */
    public static CodedConcept agentCode(Radiopharmaceutical rp) {
        return switch (rp) {
            case LU177_DOTATATE -> new CodedConcept("LU177-DOTATATE", NETRA_SCHEME, "Lutetium^177^ DOTATATE");
            case LU177_DOTATOC -> new CodedConcept("LU177-DOTATOC", NETRA_SCHEME, "Lutetium^177^ DOTATOC");
            case Y90_DOTATOC -> new CodedConcept("Y90-DOTATOC", NETRA_SCHEME, "Yttrium^90^ DOTATOC");
            case IN111_PENTETREOTIDE -> new CodedConcept("446800006", "SCT", "Indium^111 Pentetreotide");
        };
    }

    public static CodedConcept nuclideCode(Radiopharmaceutical rp) {
        return switch (rp) {
            case LU177_DOTATATE, LU177_DOTATOC -> new CodedConcept("447553000", "SCT", "^177^Lutetium");
            case Y90_DOTATOC -> new CodedConcept("14691008", "SCT", "^90^Yttrium");
            case IN111_PENTETREOTIDE -> new CodedConcept("56609000", "SCT", "^111^Indium");
        };
    }

    /** Cycle {@code cycle} of the patient's current course as an RRDSR data set. */
    public static Attributes export(Store store, String patientId, int cycle, ZoneId zone, LocalDateTime now) {
        Records records = store.records();
        PatientRecord patient = patient(records, patientId);
        CourseRecord course = currentCourse(records, patient);
        requireCycle(course, cycle);
        Dispensing d = records.find(ClinicalKinds.DISPENSING, DispensingRecord.idOf(course.id(), cycle))
                .map(s -> s.value().dispensing())
                .orElseThrow(() -> new AdministrationSrException("cycle " + cycle + " of patient " + patientId
                        + " has no dispensing recorded; the radiopharmacist records it first"));
        AdministrationRecord a = records.find(
                        ClinicalKinds.ADMINISTRATION, AdministrationRecord.idOf(course.id(), cycle))
                .map(Stored::value)
                .orElseThrow(() -> new AdministrationSrException("cycle " + cycle + " of patient " + patientId
                        + " has no administration recorded; the nurse records it first"));
        Radiopharmaceutical rp = course.plan().radiopharmaceutical();
        Duration halfLife = AdministeredActivities.halfLife(course);
        Activity given = d.administeredAt(a.administered(), zone, halfLife);
        var administration = new Administration(
                agentCode(rp),
                nuclideCode(rp),
                halfLife,
                eventUid(a, d),
                at(a.administered(), zone),
                Optional.empty(),
                given,
                Optional.of(new Measured(d.calibrated(), at(d.calibratedAt(), zone))),
                Optional.of(new Measured(d.residual(), at(d.residualMeasuredAt(), zone))),
                a.route().map(AdministrationSr::concept).orElse(RadiopharmaceuticalDoseSr.INTRAVENOUS),
                a.site().map(AdministrationSr::concept),
                Optional.of(d.batch()));
        var subject = new Subject(
                patient.name(),
                patient.mrn().map(org.netra.clinical.patient.Identifier::value).orElse(patient.id()),
                Optional.of(patient.patient().birthDate()),
                patient.patient().sex() == Sex.FEMALE ? "F" : "M");
        return RadiopharmaceuticalDoseSr.toDataset(
                administration, subject, now, rp.label() + ", PRRT cycle " + cycle + " (netra " + a.id() + ")");
    }

    /**
     * The administration event's UID: the sender's when the administration came from a dose report (so what netra
     * sends on names the same event), else one derived from netra's record.
     */
    public static String eventUid(AdministrationRecord a, Dispensing d) {
        return a.eventUid()
                .orElseGet(
                        () -> Uids.named("netra administration " + a.id() + " " + a.administered() + " " + d.batch()));
    }

    /** {@code r} with the sender's administration event UID, route and injection site, as the SR gave them. */
    private static AdministrationRecord withSender(AdministrationRecord r, Administration a) {
        return new AdministrationRecord(
                r.id(),
                r.patientId(),
                r.courseId(),
                r.cycle(),
                r.administered(),
                r.isolationStart(),
                r.isolationEnd(),
                r.readings(),
                Optional.of(a.eventUid()),
                Optional.of(coded(a.route())),
                a.site().map(AdministrationSr::coded));
    }

    private static CodedConcept concept(AdministrationRecord.Coded c) {
        return new CodedConcept(c.code(), c.scheme(), c.meaning());
    }

    private static AdministrationRecord.Coded coded(CodedConcept c) {
        return new AdministrationRecord.Coded(c.value(), c.scheme(), c.meaning());
    }

    /**
     * Files an SR's administration as cycle {@code cycle} (or, when empty, the planned cycle on the SR's start
     * day) of the patient whose netra id or MRN is the SR's Patient ID.
     */
    public static Filed file(Store store, Received sr, OptionalInt cycle, ZoneId zone, String actor) {
        Records records = store.records();
        PatientRecord patient = patientById(records, sr.subject().patientId(), sr.source());
        CourseRecord course = currentCourse(records, patient);
        Administration a = sr.administration();
        Radiopharmaceutical rp = course.plan().radiopharmaceutical();
        requireSameAgent(a, rp, sr.source());
        LocalDateTime start = a.start().in(zone).truncatedTo(ChronoUnit.MINUTES);
        int n = cycle.isPresent() ? cycle.getAsInt() : cycleOn(course, start, sr.source());
        requireCycle(course, n);
        Measured before = a.before()
                .orElseThrow(
                        () -> new AdministrationSrException(
                                sr.source() + " has no Pre-Administration Measured"
                                        + " Activity (113508, DCM); netra records the dose calibrator's measurement, not only a total"));
        Measured residual = a.residual()
                .orElseThrow(() -> new AdministrationSrException(sr.source() + " has no Post-Administration Measured"
                        + " Activity (113509, DCM); record the syringe's residual (0 MBq if measured empty)"));
        String batch = a.lot()
                .orElseThrow(() -> new AdministrationSrException(sr.source() + " has no Radiopharmaceutical Lot"
                        + " Identifier (113512, DCM); netra keeps the batch with each dispensing"));
        Dispensing dispensing = new Dispensing(
                batch,
                before.activity(),
                before.at().in(zone).truncatedTo(ChronoUnit.MINUTES),
                residual.activity(),
                residual.at().in(zone).truncatedTo(ChronoUnit.MINUTES));
        Duration halfLife = AdministeredActivities.halfLife(course);
        Activity computed;
        try {
            computed = dispensing.administeredAt(start, zone, halfLife);
        } catch (IllegalArgumentException e) {
            throw new AdministrationSrException(sr.source() + ": " + e.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        double relative = Math.abs(a.administered().inBq() - computed.inBq()) / computed.inBq();
        String comparison = String.format(
                Locale.ROOT,
                "the sender's administered activity, %.1f MBq, is %.1f %% from the %.1f MBq netra computes from the"
                        + " same measurements with the %s half-life of %.2f d",
                a.administered().inMBq(),
                100 * relative,
                computed.inMBq(),
                rp.nuclide(),
                halfLife.toSeconds() / 86400.0);
        if (relative > REFUSE_ABOVE) {
            throw new AdministrationSrException(sr.source() + ": " + comparison + "; check the measurements and times");
        }
        if (relative > WARN_ABOVE) {
            warnings.add(comparison);
        }
        String dispensingId = DispensingRecord.idOf(course.id(), n);
        String administrationId = AdministrationRecord.idOf(course.id(), n);
        records.useTransaction(tx -> {
            if (tx.find(ClinicalKinds.DISPENSING, dispensingId).isPresent()) {
                throw new AdministrationSrException("cycle " + n + " of patient " + patient.id()
                        + " already has a dispensing recorded; an imported report does not replace it");
            }
            tx.create(
                    ClinicalKinds.DISPENSING,
                    new DispensingRecord(dispensingId, patient.id(), course.id(), n, dispensing),
                    actor);
            var existing = tx.find(ClinicalKinds.ADMINISTRATION, administrationId);
            if (existing.isPresent()) {
                AdministrationRecord recorded = existing.get().value();
                if (!recorded.administered().truncatedTo(ChronoUnit.MINUTES).equals(start)) {
                    throw new AdministrationSrException("cycle " + n + " of patient " + patient.id()
                            + " was recorded as given at " + recorded.administered() + ", the report says " + start
                            + "; correct one of them first");
                }
                // the nurse's record stays; the sender's event UID, route and site are added to it
                tx.update(ClinicalKinds.ADMINISTRATION, existing.get().version(), withSender(recorded, a), actor);
            } else {
                tx.create(
                        ClinicalKinds.ADMINISTRATION,
                        withSender(
                                new AdministrationRecord(
                                        administrationId,
                                        patient.id(),
                                        course.id(),
                                        n,
                                        start,
                                        Optional.empty(),
                                        Optional.empty(),
                                        List.of()),
                                a),
                        actor);
            }
        });
        return new Filed(patient.id(), n, dispensingId, administrationId, computed, List.copyOf(warnings));
    }

    /** The netra patient an SR is about (its Patient ID is their netra id or MRN), or a refusal naming the ID. */
    public static String patientOf(Store store, Received sr) {
        return patientById(store.records(), sr.subject().patientId(), sr.source())
                .id();
    }

    private static OffsetOrLocal at(LocalDateTime t, ZoneId zone) {
        return OffsetOrLocal.of(t.atZone(zone).toOffsetDateTime());
    }

    static PatientRecord patient(Records records, String patientId) {
        return records.find(ClinicalKinds.PATIENT, patientId)
                .map(Stored::value)
                .orElseThrow(() -> new AdministrationSrException("there is no patient " + patientId));
    }

    static PatientRecord patientById(Records records, String id, String source) {
        var byNetraId = records.find(ClinicalKinds.PATIENT, id).map(Stored::value);
        if (byNetraId.isPresent()) {
            return byNetraId.get();
        }
        List<PatientRecord> byMrn = records.list(ClinicalKinds.PATIENT).stream()
                .map(Stored::value)
                .filter(p -> p.mrn().map(m -> m.value().equals(id)).orElse(false))
                .toList();
        if (byMrn.size() != 1) {
            throw new AdministrationSrException(source + " is for Patient ID '" + id + "', which "
                    + (byMrn.isEmpty()
                            ? "is neither a netra patient id nor an MRN on record"
                            : "is the MRN of " + byMrn.size() + " patients")
                    + "; register the patient (or correct the MRN) first");
        }
        return byMrn.getFirst();
    }

    static CourseRecord currentCourse(Records records, PatientRecord patient) {
        return records.forPatient(ClinicalKinds.COURSE, patient.id()).stream()
                .map(Stored::value)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AdministrationSrException(
                        "patient " + patient.id() + " has no PRRT course; plan the course first"));
    }

    static void requireCycle(CourseRecord course, int cycle) {
        int planned = course.plan().cycles().size();
        if (cycle < 1 || cycle > planned) {
            throw new AdministrationSrException("patient " + course.patientId() + "'s course has cycles 1–" + planned
                    + "; there is no cycle " + cycle);
        }
    }

    private static int cycleOn(CourseRecord course, LocalDateTime start, String source) {
        List<Integer> same = course.plan().cycles().stream()
                .filter(c -> c.administration().toLocalDate().equals(start.toLocalDate()))
                .map(PlannedCycle::number)
                .toList();
        if (same.size() != 1) {
            throw new AdministrationSrException(source + ": no single planned cycle of patient " + course.patientId()
                    + " is on " + start.toLocalDate() + " (the report's start); name the cycle");
        }
        return same.getFirst();
    }

    /**
     * The SR's agent must be the course's: by netra's or CID 25's code, or — for senders that code agents their
     * own way — by the nuclide's code and the agent's name in the meaning.
     */
    private static void requireSameAgent(Administration a, Radiopharmaceutical rp, String source) {
        if (!a.radionuclide().sameCode(nuclideCode(rp))) {
            throw new AdministrationSrException(source + ": the radionuclide is " + a.radionuclide() + ", but the"
                    + " patient's course gives " + rp.label() + " (" + nuclideCode(rp) + ")");
        }
        if (a.agent().sameCode(agentCode(rp))) {
            return;
        }
        String peptide = rp.label().substring(rp.label().indexOf(']') + 1).replaceFirst("^[A-Za-z]+-", "");
        String meaning = a.agent().meaning().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (!meaning.contains(peptide.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", ""))) {
            throw new AdministrationSrException(source + ": the agent " + a.agent() + " is not the course's "
                    + rp.label() + "; file it under the right patient or course");
        }
    }
}

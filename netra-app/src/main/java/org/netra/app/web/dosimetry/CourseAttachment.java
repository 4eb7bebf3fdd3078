package org.netra.app.web.dosimetry;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.app.dosimetry.CycleJson;
import org.netra.clinical.patient.IdentityCheck;
import org.netra.clinical.therapy.CycleDoseMapping;
import org.netra.clinical.therapy.TumourDose;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.RegionRole;
import org.netra.physics.quantity.Activity;
import org.netra.store.Store;
import org.netra.store.clinical.AdministeredActivities;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.CycleCurves;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.DosimetryWarning;
import org.netra.store.clinical.PatientChart;
import org.netra.store.clinical.RegionCurves;
import org.netra.store.record.Stored;

/**
 * Puts a finished dosimetry job into a patient's course as the dosimetry of one cycle, so that the budget,
 * the cycle's page and its report use it. What the record keeps of the job's regions (kidney mean, BED and
 * T_eff, marrow, tumours) is netra-clinical's {@link CycleDoseMapping}; this class checks the job against the
 * course and writes it: every region keeps its time–activity curve, DVH and dose (a {@link CycleCurves} record of
 * the same id). Refused with the reason: another patient's images, another injection date or activity than the
 * cycle's, no kidney VOI, no marrow dose, a cycle beyond the next one.
 */
final class CourseAttachment {
    /** Administered activity in the images vs the record: beyond this the job is for another administration. */
    static final double ACTIVITY_TOLERANCE = 0.05;

    private final Store store;

    CourseAttachment(Store store) {
        this.store = store;
    }

    /**
     * Checks the job against the course, then writes the cycle's dosimetry, its curves and the job's mark of
     * where it went in one transaction: all three or none.
     */
    Stored<DosimetryRecord> attach(
            Stored<DosimetryJobs.FinishedJob> finished, DosimetryJobs.Target target, String actor) {
        DosimetryJobs.FinishedJob job = finished.value();
        var r = job.result();
        String pid = target.patientId();
        if (store.records().find(ClinicalKinds.PATIENT, pid).isEmpty()) {
            throw new CycleInputException("netra holds no chart of patient " + pid
                    + "; register the patient (or import the referral) and plan the course first");
        }
        PatientChart chart = PatientChart.load(store.records(), pid);
        try {
            IdentityCheck.require(
                    chart.patient().value().patient(),
                    chart.patient().value().name(),
                    chart.patient().value().identifiers(), // the images may carry the hospital's MRN as Patient ID
                    r.dicomIdentity(),
                    "job " + job.id() + "'s images");
        } catch (IdentityCheck.MismatchException e) {
            throw new CycleInputException(e.getMessage());
        }
        CourseRecord course = chart.courses().stream()
                .map(Stored::value)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new CycleInputException(
                        "patient " + pid + " has no PRRT course; plan the course before attaching dosimetry"));
        List<Stored<DosimetryRecord>> recorded = chart.dosimetry().stream()
                .filter(d -> d.value().courseId().equals(course.id()))
                .toList();
        int cycle = target.cycle();
        if (cycle < 1 || cycle > recorded.size() + 1) {
            throw new CycleInputException("cycle " + cycle + " cannot take dosimetry: " + pid + "'s course has "
                    + recorded.size() + " cycle(s) with dosimetry; attach to cycle 1–" + (recorded.size() + 1));
        }
        Optional<Stored<DosimetryRecord>> existing = recorded.stream()
                .filter(d -> d.value().dosimetry().cycle() == cycle)
                .findFirst();
        LocalDateTime injection = r.injection();
        existing.ifPresent(e -> {
            var given = e.value().dosimetry();
            if (!given.date().equals(injection.toLocalDate())) {
                throw new CycleInputException("job " + job.id() + " is of an injection on " + injection.toLocalDate()
                        + " but cycle " + cycle + " was given on " + given.date() + "; choose the cycle given then");
            }
            double off = Math.abs(r.injected().inGBq() / given.administered().inGBq() - 1);
            if (off > ACTIVITY_TOLERANCE) {
                throw new CycleInputException(String.format(
                        Locale.ROOT,
                        "job %s's images state %.3f GBq injected but cycle %d's record %.3f GBq; correct the"
                                + " injected activity (0018,1074) or the record first",
                        job.id(),
                        r.injected().inGBq(),
                        cycle,
                        given.administered().inGBq()));
            }
        });

        String source = "job " + job.id();
        List<CycleDoseMapping.RegionDose> regions =
                r.vois().stream().map(DosimetryJobs.VoiDose::regionDose).toList();
        CycleDoseMapping.Kidneys kidneys = CycleDoseMapping.kidneys(regions, source);
        CycleDoseMapping.Marrow marrow = CycleDoseMapping.marrow(
                regions, existing.map(e -> e.value().dosimetry().marrowDose()), cycle, source);

        // the radiopharmacy's decay-corrected activity when recorded (syringe residual deducted), else the images'
        Optional<Activity> dispensed =
                AdministeredActivities.of(store.records(), course, cycle, ZoneId.systemDefault());
        if (dispensed.isPresent()
                && Math.abs(r.injected().inGBq() / dispensed.get().inGBq() - 1) > ACTIVITY_TOLERANCE) {
            throw new CycleInputException(String.format(
                    Locale.ROOT,
                    "job %s's images state %.3f GBq injected but the radiopharmacy's record of cycle %d gives %.3f GBq"
                            + " administered; correct the injected activity (0018,1074) or the dispensing first",
                    job.id(),
                    r.injected().inGBq(),
                    cycle,
                    dispensed.get().inGBq()));
        }
        var dosimetry = CycleDoseMapping.cycleDosimetry(
                cycle, injection.toLocalDate(), dispensed.orElse(r.injected()), kidneys, marrow);
        List<TumourDose> tumours = CycleDoseMapping.tumours(regions);
        List<RegionCurves> curves = r.vois().stream()
                .filter(v -> v.role() != RegionRole.BODY)
                .map(v -> curves(r, v))
                .toList();
        Optional<List<DosimetryWarning>> warnings = r.warnings().map(ws -> ws.stream()
                .map(w -> new DosimetryWarning(w.code(), w.voi(), w.message()))
                .toList());
        String method = String.format(
                Locale.ROOT,
                "dosimetry job %s on %s: scans at %s h, %s%s; kidneys the volume-weighted mean of %s; %s; attached by"
                        + " %s",
                job.id(),
                job.upload(),
                String.join(
                        ", ",
                        Arrays.stream(r.hours())
                                .mapToObj(h -> String.format(Locale.ROOT, "%.0f", h))
                                .toList()),
                job.method(),
                r.correction().isEmpty() ? "" : ", " + r.correction(),
                kidneys.vois(),
                marrow.how(),
                actor);
        DosimetryRecord record;
        if (existing.isPresent()) {
            var old = existing.get().value();
            record = new DosimetryRecord(
                    old.id(), pid, old.courseId(), dosimetry, tumours, method, r.acquisition(), warnings);
        } else {
            LocalDateTime previous = recorded.isEmpty()
                    ? LocalDateTime.MIN
                    : recorded.getLast().value().dosimetry().date().atStartOfDay();
            if (!injection.isAfter(previous)) {
                throw new CycleInputException("job " + job.id() + " is of an injection on " + injection.toLocalDate()
                        + ", not after cycle " + (cycle - 1) + "; choose the right cycle");
            }
            record = new DosimetryRecord(
                    course.id() + "/cycle-" + cycle,
                    pid,
                    course.id(),
                    dosimetry,
                    tumours,
                    method,
                    r.acquisition(),
                    warnings);
        }
        return store.records().inTransaction(tx -> {
            Stored<DosimetryRecord> written = existing.isPresent()
                    ? tx.update(ClinicalKinds.DOSIMETRY, existing.get().version(), record, actor)
                    : tx.create(ClinicalKinds.DOSIMETRY, record, actor);
            tx.put(
                    ClinicalKinds.CYCLE_CURVES,
                    new CycleCurves(
                            record.id(),
                            pid,
                            curves,
                            r.json().flatMap(CycleJson::monteCarloOf).map(MonteCarloRows::of)),
                    actor);
            tx.update(DosimetryJobs.FinishedJob.KIND, finished.version(), job.attached(record.id()), actor);
            return written;
        });
    }

    private static RegionCurves curves(DosimetryJobs.Result r, DosimetryJobs.VoiDose v) {
        return new RegionCurves(
                v.name(),
                v.model(),
                v.why(),
                RegionCurves.points(r.hours(), v.activityMBq()),
                v.curve().map(c -> RegionCurves.points(c.hours(), c.mBq())).orElse(List.of()),
                v.dvh().map(d -> RegionCurves.dvhPoints(d.gy(), d.fraction())).orElse(List.of()),
                Optional.of(v.dose()),
                Optional.of(v.doseSd()),
                Optional.of(v.volume()),
                Optional.of(v.tia()),
                v.mass());
    }
}

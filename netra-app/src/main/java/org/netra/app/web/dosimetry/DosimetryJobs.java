package org.netra.app.web.dosimetry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.netra.app.dosimetry.CameraSettings;
import org.netra.app.dosimetry.CycleJson;
import org.netra.app.dosimetry.MonteCarloChoices;
import org.netra.clinical.patient.IdentityCheck;
import org.netra.clinical.therapy.CycleDoseMapping;
import org.netra.dosimetry.cycle.CycleInput;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.CycleOptions;
import org.netra.dosimetry.cycle.CyclePipeline;
import org.netra.dosimetry.cycle.CycleReport;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.cycle.DoseMethod;
import org.netra.dosimetry.cycle.PartialVolumeCorrection;
import org.netra.dosimetry.cycle.RegionRole;
import org.netra.dosimetry.cycle.RoleRules;
import org.netra.dosimetry.cycle.VoiSource;
import org.netra.dosimetry.dvh.DoseVolumeHistogram;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;
import org.netra.physics.quantity.Volume;
import org.netra.store.Store;
import org.netra.store.clinical.AcquisitionProtocol;
import org.netra.store.clinical.CameraCalibrationBook;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.SinglePointEvidenceBook;
import org.netra.store.job.JobRows;
import org.netra.store.record.RecordKind;
import org.netra.store.record.Stored;

/**
 * Dosimetry as a background job: from an uploaded zip of DICOM (every folder holding an emission series is
 * a time point, a CT folder in its Frame of Reference acquired with it is its CT, an RTSTRUCT gives the VOIs) or
 * from images made in memory (the demo's digital twins); netra-dosimetry's {@link CyclePipeline}, the same the CLI
 * runs, computes on a node's worker thread while the page polls the progress. Jobs are queued in the database
 * ({@link JobQueue}): any node runs them, and a job whose node was killed is run again by another (or failed with
 * the reason), so its input and options are made again from what the queue keeps: the upload's job folder in the
 * data folder the nodes share with the choices made on the page, or a registered kind's parameters (the demo's
 * twins). A finished job is kept in the store and can be attached to a cycle of the patient's course
 * ({@link CourseAttachment}). Uploads are unpacked within limits by {@link UploadUnpacker}; a zip entry escaping
 * its folder is refused.
 */
public final class DosimetryJobs implements AutoCloseable {
    public enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    /**
     * A job's state for the page and the API; {@code result} is present when DONE, {@code attachedTo} names the
     * cycle dosimetry record it was attached to (empty if none), {@code error} why it failed or was not attached.
     */
    public record Job(
            String id,
            String owner,
            String upload,
            String method,
            State state,
            int percent,
            String step,
            Optional<Result> result,
            String error,
            Instant started,
            String attachedTo) {
        /** This job as it stands, with why something went wrong. */
        public Job withError(String why) {
            return new Job(id, owner, upload, method, state, percent, step, result, why, started, attachedTo);
        }
    }

    /**
     * One VOI's figures of a finished job, typed; the store keeps them as {@link AsStored} (numbers with
     * unit-named fields, the shape jobs were stored in before these figures were typed), so that every job
     * ever stored still loads.
     *
     * @param tia the TIA the dose rests on: the voxel-wise sum for the voxel methods, else the region's
     * @param why the rule that chose the model, with its numbers
     * @param curve the time–activity curve the TIA integrates, sampled for the chart (empty in jobs stored before
     *     curves were kept)
     * @param dvh the cumulative DVH (empty for the organ-S method and older jobs)
     * @param d50 the pipeline's D50 (empty without a DVH)
     * @param effectiveHalfLife the terminal phase's (empty in jobs stored before it was kept)
     * @param bed empty where the VOI's tissue has no sourced α/β
     * @param assignedRole the role given at import (empty in jobs stored before roles were kept: see {@link #role})
     * @param bedTissue the tissue parameters the BED used, in words
     * @param mass the mass the dose was computed for (volume × mean voxel density; empty in jobs stored before it
     *     was kept)
     */
    public record VoiDose(
            String name,
            Volume volume,
            List<Activity> activity,
            String model,
            TimeIntegratedActivity tia,
            AbsorbedDose dose,
            AbsorbedDose doseSd,
            Optional<AbsorbedDose> bed,
            String why,
            Optional<ModelCurve> curve,
            Optional<DoseVolumeHistogram.Curve> dvh,
            Optional<AbsorbedDose> d50,
            Optional<Duration> effectiveHalfLife,
            Optional<RegionRole> assignedRole,
            Optional<String> bedTissue,
            Optional<Mass> mass) {
        public VoiDose {
            activity = List.copyOf(activity);
            mass = mass == null ? Optional.empty() : mass;
        }

        /** The role given at import, or for older jobs what netra's default rules say of the name. */
        public RegionRole role() {
            return assignedRole.orElseGet(() -> RoleRules.DEFAULT.roleOf(name));
        }

        /** The activities in MBq, for the charts. */
        public double[] activityMBq() {
            return activity.stream().mapToDouble(Activity::inMBq).toArray();
        }

        /** These figures as the course's mapping reads them. */
        public CycleDoseMapping.RegionDose regionDose() {
            return new CycleDoseMapping.RegionDose(name, role(), volume, dose, doseSd, bed, effectiveHalfLife);
        }

        @JsonValue
        AsStored stored() {
            return new AsStored(
                    name,
                    volume.inMl(),
                    activityMBq(),
                    model,
                    tia.inMBqHours(),
                    dose.inGy(),
                    doseSd.inGy(),
                    bed.map(AbsorbedDose::inGy).orElse(null),
                    why,
                    curve.orElse(null),
                    dvh.orElse(null),
                    d50.map(AbsorbedDose::inGy).orElse(null),
                    effectiveHalfLife.map(Times::hours).orElse(0.0),
                    assignedRole.orElse(null),
                    bedTissue.orElse(null),
                    mass.map(Mass::inGrams).orElse(null));
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static VoiDose of(AsStored s) {
            return new VoiDose(
                    s.name(),
                    Volume.ofMl(s.volumeMl()),
                    Arrays.stream(s.activityMBq()).mapToObj(Activity::ofMBq).toList(),
                    s.model(),
                    TimeIntegratedActivity.ofMBqHours(s.tiaMBqH()),
                    AbsorbedDose.ofGy(s.doseGy()),
                    AbsorbedDose.ofGy(s.doseSdGy()),
                    Optional.ofNullable(s.bedGy()).map(AbsorbedDose::ofGy),
                    s.why(),
                    Optional.ofNullable(s.curve()),
                    Optional.ofNullable(s.dvh()),
                    Optional.ofNullable(s.d50Gy()).map(AbsorbedDose::ofGy),
                    // older jobs stored 0 for "not kept"
                    s.effectiveHalfLifeH() > 0 ? Optional.of(Times.ofHours(s.effectiveHalfLifeH())) : Optional.empty(),
                    Optional.ofNullable(s.assignedRole()),
                    Optional.ofNullable(s.bedTissue()),
                    Optional.ofNullable(s.massG()).map(Mass::ofGrams));
        }

        /**
         * The stored form: the JSON fields jobs have always been stored with (a serialisation boundary, so the
         * units are in the names); null or 0 there is "not kept", which the typed record makes empty.
         */
        record AsStored(
                String name,
                double volumeMl,
                double[] activityMBq,
                String model,
                double tiaMBqH,
                double doseGy,
                double doseSdGy,
                Double bedGy,
                String why,
                ModelCurve curve,
                DoseVolumeHistogram.Curve dvh,
                Double d50Gy,
                double effectiveHalfLifeH,
                RegionRole assignedRole,
                String bedTissue,
                @JsonInclude(JsonInclude.Include.NON_NULL) Double massG) {}
    }

    /**
     * A finished job's figures, typed; stored as {@link AsStored}, the shape jobs have always been stored in.
     *
     * @param hours each scan's time after injection
     * @param correction the partial-volume correction applied ("" for none)
     * @param warnings what the physicist must check (empty in jobs stored before warnings were kept)
     * @param json the cycle's report as the CLI's {@code --json} prints it (empty in older jobs)
     * @param identity who the images say they are of (empty in jobs stored before netra kept it)
     * @param acquisition camera, reconstruction and corrections from the first scan's header (empty in jobs stored
     *     before netra captured them)
     */
    public record Result(
            String patientId,
            LocalDateTime injection,
            Activity injected,
            double[] hours,
            List<VoiDose> vois,
            String correction,
            Optional<List<CycleJson.WarningOut>> warnings,
            Optional<String> json,
            Optional<IdentityCheck.DicomIdentity> identity,
            Optional<AcquisitionProtocol> acquisition) {

        /** A result without the acquisition protocol (images made in memory, or a job stored before it was kept). */
        public Result(
                String patientId,
                LocalDateTime injection,
                Activity injected,
                double[] hours,
                List<VoiDose> vois,
                String correction,
                Optional<List<CycleJson.WarningOut>> warnings,
                Optional<String> json,
                Optional<IdentityCheck.DicomIdentity> identity) {
            this(patientId, injection, injected, hours, vois, correction, warnings, json, identity, Optional.empty());
        }

        public Result {
            vois = List.copyOf(vois);
            correction = correction == null ? "" : correction;
            warnings = warnings == null ? Optional.empty() : warnings.map(List::copyOf);
            json = json == null ? Optional.empty() : json;
            identity = identity == null ? Optional.empty() : identity;
            acquisition = acquisition == null ? Optional.empty() : acquisition.filter(a -> !a.isEmpty());
        }

        /** Who the images say they are of (jobs stored before netra kept it: the Patient ID alone). */
        public IdentityCheck.DicomIdentity dicomIdentity() {
            return identity.orElseGet(
                    () -> new IdentityCheck.DicomIdentity(patientId, Optional.empty(), Optional.empty()));
        }

        @JsonValue
        AsStored stored() {
            return new AsStored(
                    patientId,
                    injection.toString(),
                    injected.inGBq(),
                    hours,
                    vois,
                    correction,
                    warnings.orElse(null),
                    json.orElse(null),
                    identity.orElse(null),
                    acquisition.orElse(null));
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Result of(AsStored s) {
            return new Result(
                    s.patientId(),
                    LocalDateTime.parse(s.injection()),
                    Activity.ofGBq(s.injectedGBq()),
                    s.hours(),
                    s.vois(),
                    s.correction(),
                    Optional.ofNullable(s.warnings()),
                    Optional.ofNullable(s.json()),
                    Optional.ofNullable(s.identity()),
                    Optional.ofNullable(s.acquisition()));
        }

        /** The stored form (and the job API's): the injection as ISO text, the activity in GBq, null where not kept. */
        record AsStored(
                String patientId,
                String injection,
                double injectedGBq,
                double[] hours,
                List<VoiDose> vois,
                String correction,
                List<CycleJson.WarningOut> warnings,
                String json,
                IdentityCheck.DicomIdentity identity,
                // left out when absent, so a job stored before it was kept is written back as it was
                @com.fasterxml.jackson.annotation.JsonInclude(
                        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                AcquisitionProtocol acquisition) {}
    }

    /** A finished job as the store keeps it (audit-trailed): who ran what on which upload, and the doses. */
    public record FinishedJob(
            String id,
            String owner,
            String upload,
            String method,
            Instant started,
            Instant finished,
            Result result,
            String attachedTo) {
        public static final RecordKind<FinishedJob> KIND =
                new RecordKind<>("dosimetry_job", FinishedJob.class, FinishedJob::id, j -> null, FinishedJob::upload);

        public FinishedJob {
            attachedTo = attachedTo == null ? "" : attachedTo;
        }

        FinishedJob attached(String recordId) {
            return new FinishedJob(id, owner, upload, method, started, finished, result, recordId);
        }

        Job job(String error) {
            return new Job(
                    id,
                    owner,
                    upload,
                    method,
                    State.DONE,
                    100,
                    "done",
                    Optional.of(result),
                    error,
                    started,
                    attachedTo);
        }
    }

    /** Makes a job's input on the worker thread (reading happens in the pipeline, with its progress). */
    @FunctionalInterface
    public interface Source {
        CycleInput load(CyclePipeline.Progress progress) throws IOException;
    }

    /** The cycle of a patient's course a job is attached to as soon as it is done. */
    public record Target(String patientId, int cycle) {}

    /**
     * What a queued job computes, made again from its stored parameters on whichever node runs it.
     *
     * @param target the cycle the job attaches itself to when done
     * @param earlierCyclesOf the patient's cycle whose earlier cycles narrow a single scan's population prior (the
     *     target's by default); empty for the department's population prior alone
     */
    public record Work(Source source, CycleOptions options, Optional<Target> target, Optional<Target> earlierCyclesOf) {
        public Work(Source source, CycleOptions options, Optional<Target> target) {
            this(source, options, target, target);
        }
    }

    /**
     * The single-scan choices of an upload's start: the method ("population", "hanscheid", "madsen") and, for the
     * population method, the patient and cycle whose earlier cycles narrow the prior (both or neither).
     */
    public record SingleScanRequest(String stp, Optional<String> patientId, Optional<Integer> cycle) {
        public static final SingleScanRequest DEFAULT =
                new SingleScanRequest("population", Optional.empty(), Optional.empty());

        public SingleScanRequest {
            stp = stp == null || stp.isBlank() ? "population" : stp.strip();
            patientId = patientId.map(String::strip).filter(p -> !p.isEmpty());
            try {
                CycleOptions.SinglePointChoice.parse(stp);
            } catch (CycleInputException e) {
                throw new CycleInputException(
                        "stp: the single-scan method must be population, hanscheid or madsen, got '" + stp + "'");
            }
            if (patientId.isPresent() != cycle.isPresent()) {
                throw new CycleInputException(
                        patientId.isPresent()
                                ? "cycle: give the cycle of patient " + patientId.get() + " this scan is of (1 or more)"
                                : "patientId: give the patient whose earlier cycles the cycle number refers to");
            }
            if (cycle.isPresent() && cycle.get() < 1) {
                throw new CycleInputException("cycle: the cycle must be 1 or more, got " + cycle.get());
            }
        }

        /** From the start form's fields {@code stp}, {@code patientId} and {@code cycle} (blank for none). */
        public static SingleScanRequest parse(String stp, String patientId, String cycle) {
            Optional<Integer> n = Optional.empty();
            if (cycle != null && !cycle.isBlank()) {
                try {
                    n = Optional.of(Integer.parseInt(cycle.strip()));
                } catch (NumberFormatException e) {
                    throw new CycleInputException(
                            "cycle: the cycle must be a whole number, e.g. 3, got '" + cycle + "'");
                }
            }
            return new SingleScanRequest(stp, Optional.ofNullable(patientId), n);
        }

        Optional<Target> earlierCyclesOf() {
            return patientId.map(p -> new Target(p, cycle.orElseThrow()));
        }
    }

    /**
     * An upload job's parameters as the queue keeps them: the job folder (its owner and id) in the data folder
     * the nodes share, the chosen time points and the CT folders (folders in it), the RTSTRUCT's path in it, the
     * chosen VOIs, and the options as plain text and numbers, read again by the parsers the form and the CLI use.
     *
     * @param method the dose method's label ({@link DoseMethod#parse})
     * @param registration {@link CycleOptions.Registration#parse}
     * @param recovery "gtm" or "none"
     * @param psfFwhmMm the PSF given for this run (null for none)
     * @param gtmRegions the GTM's regions (null for all)
     * @param departmentPsfFwhmMm the department's camera resolution when the job was started (null for none)
     * @param roles role overrides "NAME=ROLE" over netra's rules
     * @param monteCarlo the Monte Carlo's settings as chosen (null for other methods and jobs stored before they
     *     were kept: the defaults)
     * @param stp the single-scan method ({@link CycleOptions.SinglePointChoice#parse}; null for the default)
     * @param patientId the patient whose earlier cycles narrow a single scan's prior (null for none)
     * @param cycle that patient's cycle this scan is of (null for none)
     */
    record UploadRequest(
            String owner,
            String id,
            List<String> timePoints,
            List<String> cts,
            String rtstruct,
            List<String> vois,
            String method,
            String registration,
            String recovery,
            Double psfFwhmMm,
            List<String> gtmRegions,
            Double departmentPsfFwhmMm,
            List<String> roles,
            MonteCarloChoices monteCarlo,
            String stp,
            String patientId,
            Integer cycle) {

        /** The request of an upload's chosen time points and VOIs with {@code options}. */
        static UploadRequest of(Upload u, List<String> timePoints, List<String> vois, CycleOptions options) {
            return of(u, timePoints, vois, options, SingleScanRequest.DEFAULT);
        }

        static UploadRequest of(
                Upload u, List<String> timePoints, List<String> vois, CycleOptions options, SingleScanRequest stp) {
            Optional<Double> psf = Optional.empty();
            List<String> regions = null;
            String recovery = "none";
            if (options.recovery() instanceof CycleOptions.Recovery.Gtm g) {
                recovery = "gtm";
                psf = g.givenFwhmMm();
                regions = g.regions().orElse(null);
            }
            return new UploadRequest(
                    u.owner(),
                    u.id(),
                    List.copyOf(timePoints),
                    u.cts().stream().map(c -> u.dir().relativize(c).toString()).toList(),
                    u.dir().relativize(u.rtstruct()).toString(),
                    List.copyOf(vois),
                    options.method().label(),
                    options.registration().name(),
                    recovery,
                    psf.orElse(null),
                    regions,
                    options.departmentPsfFwhmMm().orElse(null),
                    options.roles().overrides().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue().name())
                            .toList(),
                    options.method() instanceof DoseMethod.MonteCarlo mc ? MonteCarloChoices.of(mc.settings()) : null,
                    stp.stp(),
                    stp.patientId().orElse(null),
                    stp.cycle().orElse(null));
        }

        /** The single-scan choices (old queued requests have none: the defaults). */
        SingleScanRequest singleScan() {
            return new SingleScanRequest(stp, Optional.ofNullable(patientId), Optional.ofNullable(cycle));
        }

        /** The options this request was made of, on netra's defaults for what an upload does not choose. */
        CycleOptions options() {
            DoseMethod dose = DoseMethod.parse(method, org.netra.dosimetry.organ.ReferencePhantom.ADULT_MALE);
            if (dose instanceof DoseMethod.MonteCarlo && monteCarlo != null) {
                dose = new DoseMethod.MonteCarlo(monteCarlo.settings(MonteCarloChoices.Names.FORM));
            }
            return CycleOptions.DEFAULTS
                    .withMethod(dose)
                    .withRegistration(CycleOptions.Registration.parse(registration))
                    .withRecovery(recovery, Optional.ofNullable(psfFwhmMm), Optional.ofNullable(gtmRegions))
                    .withDepartmentPsf(Optional.ofNullable(departmentPsfFwhmMm))
                    .withRoles(CycleOptions.DEFAULTS.roles().withOverrides(roles == null ? List.of() : roles))
                    .withSinglePoint(
                            CycleOptions.SinglePointChoice.parse(singleScan().stp()));
        }
    }

    private static final String UPLOAD_KIND = "upload";
    private static final com.fasterxml.jackson.databind.ObjectMapper PARAMS =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Store store;
    private final UploadUnpacker unpacker;
    private final CourseAttachment attachment;
    private final JobQueue queue;
    private final Map<String, JobQueue.Lease> running = new ConcurrentHashMap<>();

    /** Uploads are unpacked by {@code unpacker}; jobs are queued and finished ones kept in {@code store}. */
    public DosimetryJobs(Store store, UploadUnpacker unpacker, JobQueue.Settings settings) {
        this.store = store;
        this.unpacker = unpacker;
        this.attachment = new CourseAttachment(store);
        // a job folder stays while its job is queued or running, or while its upload waits for a selection (within
        // the expiry: an upload never started goes with its folder)
        unpacker.keepWhile(id -> store.jobs().find(id).filter(r -> !ended(r)).isPresent()
                || store.jobs()
                        .isAwaitingSince(
                                id, Instant.now().minus(unpacker.limits().expiry())));
        this.queue = new JobQueue(store.jobs(), settings, java.time.Clock.systemUTC());
        register(UPLOAD_KIND, UploadRequest.class, this::uploadWork);
    }

    /**
     * From now on this node runs jobs of {@code kind}: {@code work} makes a job's work from its parameters (a
     * record Jackson reads and writes). Jobs of a kind no node has registered wait in the queue.
     */
    public <P> void register(String kind, Class<P> params, java.util.function.Function<P, Work> work) {
        queue.register(kind, lease -> runClaimed(lease, params, work));
    }

    /** Queues a job of a registered kind; with a target in its work, it attaches itself to that cycle when done. */
    public <P> Job submit(String owner, String name, String kind, P params, DoseMethod method) {
        return submit(UUID.randomUUID().toString().substring(0, 8), owner, name, kind, params, method);
    }

    private Job submit(String id, String owner, String name, String kind, Object params, DoseMethod method) {
        queue.submit(id, kind, paramsOf(kind, params), owner, name, methodName(method));
        return get(id).orElseThrow();
    }

    private String paramsOf(String kind, Object params) {
        if (!queue.knows(kind)) {
            throw new IllegalStateException("no job kind " + kind + " is registered on this node");
        }
        try {
            return PARAMS.writeValueAsString(params);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("job parameters of kind " + kind + " cannot be written: " + e, e);
        }
    }

    private <P> void runClaimed(JobQueue.Lease lease, Class<P> params, java.util.function.Function<P, Work> make) {
        Job job = job(lease.row());
        running.put(job.id(), lease);
        try {
            Work work = make.apply(read(lease.row(), params));
            var finished = store.records().find(FinishedJob.KIND, job.id());
            if (finished.isPresent()) {
                // its node stopped after the result was stored: only the attachment may be left to do
                resumeAttachment(finished.get(), work.target(), lease);
            } else {
                run(job, work);
            }
        } finally {
            running.remove(job.id());
        }
    }

    private void resumeAttachment(Stored<FinishedJob> finished, Optional<Target> target, JobQueue.Lease lease) {
        if (target.isEmpty() || !finished.value().attachedTo().isEmpty()) {
            lease.done("");
            return;
        }
        try {
            attach(finished.value().id(), target.get(), finished.value().owner());
            lease.done("");
        } catch (RuntimeException e) {
            lease.done("computed, but not attached to the course: " + message(e));
        }
    }

    private static <P> P read(JobRows.Row row, Class<P> params) {
        try {
            return PARAMS.readValue(row.params(), params);
        } catch (IOException e) {
            throw new CycleInputException(
                    "the queued parameters of job " + row.id() + " cannot be read (" + e + "); submit it again");
        }
    }

    private Work uploadWork(UploadRequest r) {
        Path dir = unpacker.folder(r.owner(), r.id());
        if (!Files.isDirectory(dir)) {
            throw new CycleInputException("the upload of job " + r.id() + " is no longer in " + dir
                    + " (deleted, or this node does not share the data folder of the node it was uploaded to):"
                    + " upload the zip again");
        }
        List<Path> chosen = r.timePoints().stream().map(dir::resolve).toList();
        List<Path> cts = r.cts().stream().map(dir::resolve).toList();
        Path rtstruct = dir.resolve(r.rtstruct());
        return new Work(
                progress -> input(chosen, cts, rtstruct, r.vois()),
                r.options(),
                Optional.empty(),
                r.singleScan().earlierCyclesOf());
    }

    private static boolean ended(JobRows.Row r) {
        return r.state() == JobRows.State.DONE || r.state() == JobRows.State.FAILED;
    }

    /** A queued job as the page shows it: a finished one with its stored result. */
    private Job job(JobRows.Row r) {
        return job(r, id -> store.records().find(FinishedJob.KIND, id).map(Stored::value));
    }

    private static Job job(JobRows.Row r, java.util.function.Function<String, Optional<FinishedJob>> finished) {
        if (r.state() == JobRows.State.DONE) {
            var result = finished.apply(r.id());
            if (result.isPresent()) {
                return result.get().job(r.failure());
            }
        }
        return new Job(
                r.id(),
                r.owner(),
                r.label(),
                r.method(),
                State.valueOf(r.state().name()),
                r.percent(),
                r.step(),
                Optional.empty(),
                r.failure(),
                r.submitted(),
                "");
    }

    /** Queued, running and finished jobs of every node, and those finished before the queue (from the store), newest first. */
    public List<Job> list() {
        Map<String, FinishedJob> finished = new java.util.HashMap<>();
        store.records()
                .list(FinishedJob.KIND)
                .forEach(f -> finished.put(f.value().id(), f.value()));
        Map<String, Job> all = new java.util.HashMap<>();
        finished.values().forEach(f -> all.put(f.id(), f.job("")));
        store.jobs().list().forEach(r -> all.put(r.id(), job(r, id -> Optional.ofNullable(finished.get(id)))));
        return all.values().stream()
                .sorted(Comparator.comparing(Job::started).reversed())
                .toList();
    }

    public Optional<Job> get(String id) {
        return store.jobs().find(id).map(this::job).or(() -> store.records()
                .find(FinishedJob.KIND, id)
                .map(f -> f.value().job("")));
    }

    /**
     * One emission series of an upload: its folder (the time point's name), modality, description, acquisition;
     * the patient and study the DICOMDIR lists it under when the upload is a patient CD (empty otherwise).
     */
    public record Series(
            String folder, String modality, String description, String acquired, String patient, String study) {}

    /**
     * An unpacked upload waiting for its time points and VOIs to be chosen, with the options chosen on the form.
     *
     * @param cts the upload's CT folders, each paired with the emission series of its Frame of Reference and time
     */
    public record Upload(
            String id,
            String owner,
            String name,
            List<Series> series,
            List<Path> cts,
            List<String> rois,
            CycleOptions options,
            Path dir,
            Path rtstruct) {
        public String methodName() {
            return DosimetryJobs.methodName(options.method());
        }
    }

    /**
     * Unpacks the zip and lists its time points (emission series) and the RTSTRUCT's VOIs for the user to
     * choose from ({@link #start}); a bad upload is refused at once.
     */
    public Upload unpack(String owner, String name, InputStream zip, CycleOptions options) throws IOException {
        return receive(owner, name, options, (id, o) -> unpacker.unpack(o, id, zip));
    }

    /** Makes the folder of a new upload {@code id} of {@code owner} (a zip unpacked, series retrieved). */
    @FunctionalInterface
    public interface UploadFolder {
        Path fill(String id, String owner) throws IOException;
    }

    /**
     * The one way into the choice of time points and VOIs, for a zip uploaded and for series retrieved from the
     * PACS alike: {@code folder} fills the upload's folder, which is then listed (emission series, CTs, VOI file)
     * and kept waiting for the selection; a folder without what a cycle needs is refused and deleted.
     */
    public Upload receive(String owner, String name, CycleOptions options, UploadFolder folder) throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        // uploads nobody started within the expiry are forgotten with their folders
        store.jobs().forgetAwaitingBefore(Instant.now().minus(unpacker.limits().expiry()));
        Path dir = folder.fill(id, owner);
        try {
            Optional<Path> dicomDir = PatientMediaImport.dicomDir(dir);
            List<PatientMediaImport.ListedSeries> listed =
                    dicomDir.isPresent() ? PatientMediaImport.arrange(dir, dicomDir.get(), name) : List.of();
            List<Path> folders = dicomDir.isPresent() ? listedFolders(listed, "PT", "NM") : emissionSeries(dir);
            if (folders.isEmpty()) {
                throw new CycleInputException(name + " holds no PET or SPECT series: zip one folder per time point"
                        + (dicomDir.isPresent() ? " (its DICOMDIR lists none)" : ""));
            }
            Optional<Path> listedVois = listedFolders(listed, "RTSTRUCT").stream()
                    .flatMap(f -> firstFile(f).stream())
                    .findFirst();
            Path rtstruct = (listedVois.isPresent() ? listedVois : voiFile(dir))
                    .orElseThrow(() -> new CycleInputException(name + " holds no VOIs: add them as an RTSTRUCT, a"
                            + " DICOM SEG, or a NIfTI label map (.nii, .nii.gz) with its label-name sidecar"));
            List<String> rois = VoiSource.of(rtstruct).names();
            if (rois.isEmpty()) {
                throw new CycleInputException(name + "'s VOI file " + dir.relativize(rtstruct)
                        + " has no VOI with contours or voxels: draw the VOIs first");
            }
            List<Series> series = new ArrayList<>();
            for (Path f : folders) {
                var where = listed.stream().filter(l -> l.folder().equals(f)).findFirst();
                series.add(describe(
                        dir,
                        f,
                        where.map(PatientMediaImport.ListedSeries::patient).orElse(""),
                        where.map(PatientMediaImport.ListedSeries::study).orElse("")));
            }
            List<Path> cts = dicomDir.isPresent() ? listedFolders(listed, "CT") : ctSeries(dir);
            var u = new Upload(id, owner, name, List.copyOf(series), cts, rois, options, dir, rtstruct);
            store.jobs()
                    .awaitSelection(
                            id,
                            owner,
                            PARAMS.writeValueAsString(new UploadListing(
                                    name, u.series(), rois, UploadRequest.of(u, List.of(), List.of(), options))),
                            Instant.now());
            return u;
        } catch (IOException | RuntimeException e) {
            unpacker.discard(dir); // a refused upload leaves nothing behind
            throw e;
        }
    }

    /**
     * What the database keeps of an upload waiting for its selection, so that any node shows it and starts it: the
     * listing the page offers and, as a job's request without time points and VOIs yet, the folders and options.
     * The files stay in the job folder of the data folder the nodes share.
     */
    record UploadListing(String name, List<Series> series, List<String> rois, UploadRequest request) {}

    /** An upload of {@code owner} waiting for its selection (made on this node or another). */
    public Optional<Upload> upload(String id, String owner) {
        return store.jobs().awaiting(id, owner).flatMap(a -> {
            Path dir = unpacker.folder(owner, id);
            if (!Files.isDirectory(dir)) {
                return Optional.empty(); // expired, or this node does not share the data folder
            }
            UploadListing l;
            try {
                l = PARAMS.readValue(a.listing(), UploadListing.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the stored listing of upload " + id + " cannot be read: " + e, e);
            }
            var r = l.request();
            return Optional.of(new Upload(
                    id,
                    owner,
                    l.name(),
                    l.series(),
                    r.cts().stream().map(dir::resolve).toList(),
                    l.rois(),
                    r.options(),
                    dir,
                    dir.resolve(r.rtstruct())));
        });
    }

    /** Queues the computation on the chosen time points (folders) and VOIs of an unpacked upload. */
    public Job start(String uploadId, String owner, List<String> folders, List<String> rois) {
        return start(uploadId, owner, folders, rois, List.of());
    }

    /**
     * As {@link #start(String, String, List, List)}, with role overrides "NAME=ROLE" chosen on the page (over the
     * name rules); a malformed one or a role that does not exist is refused, naming it.
     */
    public Job start(String uploadId, String owner, List<String> folders, List<String> rois, List<String> roles) {
        return start(uploadId, owner, folders, rois, roles, SingleScanRequest.DEFAULT);
    }

    /**
     * As {@link #start(String, String, List, List, List)}, with the single-scan method and the patient's cycle whose
     * earlier cycles narrow its prior (used when one time point is chosen).
     */
    public Job start(
            String uploadId,
            String owner,
            List<String> folders,
            List<String> rois,
            List<String> roles,
            SingleScanRequest singleScan) {
        Upload u = upload(uploadId, owner)
                .orElseThrow(() -> new CycleInputException("there is no upload " + uploadId + " of " + owner
                        + " waiting to start (started already, or expired): upload the zip again"));
        List<String> known = u.series().stream().map(Series::folder).toList();
        if (folders.isEmpty()) {
            throw new CycleInputException("choose at least one time point of " + known);
        }
        if (rois.isEmpty()) {
            throw new CycleInputException("choose at least one VOI of " + u.rois());
        }
        for (String f : folders) {
            if (!known.contains(f)) {
                throw new CycleInputException("'" + f + "' is not a time point of " + u.name() + "; it has " + known);
            }
        }
        for (String r : rois) {
            if (!u.rois().contains(r)) {
                throw new CycleInputException("'" + r + "' is not a VOI of " + u.name() + "; it has " + u.rois());
            }
        }
        CycleOptions options = u.options().withRoles(u.options().roles().withOverrides(roles));
        List<String> chosen = known.stream().filter(folders::contains).toList();
        var request = UploadRequest.of(u, chosen, rois, options, singleScan);
        // the upload stops waiting and its job is queued in one transaction: started once, whichever node is asked
        if (!queue.startAwaiting(
                uploadId, owner, UPLOAD_KIND, paramsOf(UPLOAD_KIND, request), u.name(), methodName(options.method()))) {
            throw new CycleInputException("upload " + uploadId + " was started already");
        }
        return get(uploadId).orElseThrow();
    }

    /**
     * The pipeline's input of an upload's chosen time points: each with the CT of its SPECT/CT session (same Frame
     * of Reference, acquired within the hour, of the upload's {@code cts}), the RTSTRUCT's chosen VOIs.
     */
    static CycleInput.Series input(List<Path> chosen, List<Path> cts, Path rtstruct, List<String> vois)
            throws IOException {
        return new CycleInput.Series(
                CycleInput.pairByFrameOfReference(chosen, cts),
                Optional.empty(),
                VoiSource.of(rtstruct),
                Optional.of(List.copyOf(vois)));
    }

    /** The folders of the DICOMDIR's series of these modalities, in the DICOMDIR's order. */
    private static List<Path> listedFolders(List<PatientMediaImport.ListedSeries> listed, String... modalities) {
        List<String> wanted = List.of(modalities);
        return listed.stream()
                .filter(l -> wanted.contains(l.modality()))
                .map(PatientMediaImport.ListedSeries::folder)
                .toList();
    }

    private static Optional<Path> firstFile(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Series describe(Path root, Path folder, String patient, String study) {
        String name = root.relativize(folder).toString();
        try (Stream<Path> files = Files.list(folder)) {
            Optional<Path> first = files.filter(Files::isRegularFile).sorted().findFirst();
            if (first.isPresent()) {
                var h = DicomFile.read(first.get(), DicomFile.Extent.HEADER).dataset();
                String date = h.string(Tag.ACQUISITION_DATE)
                        .or(() -> h.string(Tag.SERIES_DATE))
                        .orElse("");
                String time = h.string(Tag.ACQUISITION_TIME)
                        .or(() -> h.string(Tag.SERIES_TIME))
                        .orElse("");
                return new Series(
                        name,
                        h.string(Tag.MODALITY).orElse(""),
                        h.string(Tag.SERIES_DESCRIPTION).orElse(""),
                        readable(date, time),
                        patient,
                        study);
            }
        } catch (IOException | RuntimeException e) {
            // described by its folder only
        }
        return new Series(name, "", "", "", patient, study);
    }

    /** DICOM DA and TM (20181115, 130628.14) as 2018-11-15 13:06; what does not parse is shown as stored. */
    static String readable(String da, String tm) {
        String date = da.matches("\\d{8}") ? da.substring(0, 4) + "-" + da.substring(4, 6) + "-" + da.substring(6) : da;
        String time = tm.matches("\\d{4}.*") ? tm.substring(0, 2) + ":" + tm.substring(2, 4) : tm;
        return (date + " " + time).strip();
    }

    private static String methodName(DoseMethod method) {
        return switch (method) {
            case DoseMethod.LocalDeposition l -> "local deposition";
            case DoseMethod.VoxelKernel k -> "voxel kernel";
            case DoseMethod.OrganS o -> "organ S-values";
            case DoseMethod.MonteCarlo m -> "Monte Carlo (beside the voxel kernel)";
        };
    }

    /** Attaches a finished job to a cycle of its patient's course (see {@link CourseAttachment}). */
    public Stored<DosimetryRecord> attach(String jobId, Target target, String actor) {
        Stored<FinishedJob> finished = store.records()
                .find(FinishedJob.KIND, jobId)
                .orElseThrow(() -> new CycleInputException(
                        "dosimetry job " + jobId + " has not finished; attach it when it is done"));
        return attachment.attach(finished, target, actor);
    }

    /** The chart a job of images with this DICOM Patient ID goes to: by netra id or the hospital's MRN. */
    public Optional<String> chartOf(String patientId) {
        return new org.netra.store.clinical.PatientRegistry(store.records()).chartOf(patientId);
    }

    /** Waits until no job is queued or running on any node (tests, the demo's shutdown); false on timeout. */
    public boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (store.jobs().unfinished() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** A running job's progress, written to the queue (its state is RUNNING until {@link #end}). */
    private void update(Job j, State s, int percent, String step) {
        running.get(j.id()).progress(percent, step);
    }

    /** Ends a running job in the queue as {@code j} says: DONE (with a note in its error) or FAILED. */
    private void end(Job j) {
        var lease = running.get(j.id());
        if (j.state() == State.DONE) {
            lease.done(j.error());
        } else {
            lease.failed(j.error());
        }
    }

    private void run(Job job, Work work) {
        Optional<Target> target = work.target();
        try {
            update(job, State.RUNNING, 2, "loading the time points");
            CyclePipeline.Progress progress = (percent, step) -> update(job, State.RUNNING, percent, step);
            // the population priors in force and the patient's earlier cycles, read when the job runs (as the CLI)
            CycleOptions options = work.options()
                    .withSinglePointEvidence(new SinglePointEvidenceBook(store.records())
                            .evidence(
                                    work.earlierCyclesOf().map(Target::patientId),
                                    work.earlierCyclesOf().map(Target::cycle)));
            CycleInput input = work.source().load(progress);
            // the department's calibration factors as they are when the job runs (series in counts need them);
            // the result names the one used, with its date
            CycleReport report = CyclePipeline.run(
                    input,
                    options.withCalibrations(CameraSettings.calibrations(
                            new CameraCalibrationBook(store.records()).current().value())),
                    progress);
            var out = result(report, identity(input, report.patientId()), AcquisitionHeaders.of(input));
            var finished = new FinishedJob(
                    job.id(), job.owner(), job.upload(), job.method(), job.started(), Instant.now(), out, "");
            store.records().create(FinishedJob.KIND, finished, job.owner());
            String note = "";
            try {
                // a job started from an upload has the upload's id, and its folder
                JobExports.write(unpacker.folder(job.owner(), job.id()), job.id(), input, report);
            } catch (IOException | RuntimeException e) {
                note = "computed, but its RT Dose and RTSTRUCT could not be written for a PACS push: " + message(e);
            }
            if (target.isPresent()) {
                update(
                        job,
                        State.RUNNING,
                        95,
                        "attaching to cycle " + target.get().cycle() + " of the course");
                try {
                    attach(job.id(), target.get(), job.owner());
                } catch (RuntimeException e) {
                    note = (note.isEmpty() ? "" : note + "; ") + "computed, but not attached to the course: "
                            + message(e);
                }
            }
            end(finished.job(note));
        } catch (IOException | RuntimeException | Error e) {
            // a background job reports what stopped it (an Error too: it would be lost in the executor)
            end(new Job(
                    job.id(),
                    job.owner(),
                    job.upload(),
                    job.method(),
                    State.FAILED,
                    100,
                    "failed",
                    Optional.empty(),
                    message(e),
                    job.started(),
                    ""));
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A report as the store keeps it for the pages, the course and the API (with the CLI's JSON). */
    static Result result(
            CycleReport report, IdentityCheck.DicomIdentity identity, Optional<AcquisitionProtocol> acquisition) {
        CycleResult r = report.result();
        double halfLifeH = Times.hours(r.nuclide().halfLife());
        // the stored job keeps hours (its JSON's "hours"), as the charts draw them
        double[] hours = r.afterInjection().stream().mapToDouble(Times::hours).toArray();
        // a VOI scanned once: its method and 90 % interval (through any correction, as the CLI prints it) beside the
        // TIA
        Map<String, String> singlePoint = new java.util.HashMap<>();
        for (CycleJson.RoiOut roi : CycleJson.of(report).rois()) {
            roi.singlePoint()
                    .flatMap(sp -> sp.lower90MBqH()
                            .map(lo -> String.format(
                                    Locale.ROOT,
                                    "; TIA 90 %% credible interval %.0f–%.0f MBq·h",
                                    lo,
                                    sp.upper90MBqH().orElseThrow())))
                    .ifPresent(text -> singlePoint.put(roi.name(), text));
        }
        List<VoiDose> vois = r.vois().stream()
                .map(v -> new VoiDose(
                        v.name(),
                        v.volume(),
                        v.activity(),
                        v.tia().method().describe() + singlePoint.getOrDefault(v.name(), ""),
                        v.voxelTia().orElse(v.tia().timeIntegratedActivity()),
                        v.dose(),
                        v.doseSd(),
                        v.bed(),
                        v.tia().why(),
                        Optional.of(ModelCurve.of(v.tia(), hours, mbq(v), halfLifeH)),
                        dvh(report, v.name()),
                        v.dvh().map(CycleResult.Dvh::d50),
                        Optional.of(v.tia().effectiveHalfLife()),
                        Optional.of(v.role()),
                        v.bedTissue().map(CycleJson::tissue),
                        Optional.of(v.mass())))
                .toList();
        return new Result(
                report.patientId(),
                report.injection(),
                report.injected(),
                hours,
                vois,
                report.psf()
                        .map(p -> "GTM partial-volume correction (Rousset 1998), " + p.describe())
                        .orElse(""),
                Optional.of(report.warnings().stream().map(CycleJson::warning).toList()),
                Optional.of(CycleJson.write(report)),
                Optional.of(identity),
                acquisition);
    }

    private static double[] mbq(CycleResult.Voi v) {
        return v.activity().stream().mapToDouble(Activity::inMBq).toArray();
    }

    /**
     * Who the images say they are of: the Patient ID the pipeline checked across the scans, with the first scan's
     * name and birth date where it is read from files (images made in memory carry the ID alone).
     */
    static IdentityCheck.DicomIdentity identity(CycleInput input, String patientId) {
        if (input instanceof CycleInput.Series s) {
            try (Stream<Path> files = Files.list(s.scans().get(0).series())) {
                Optional<Path> first =
                        files.filter(Files::isRegularFile).sorted().findFirst();
                if (first.isPresent()) {
                    var h = DicomFile.read(first.get(), DicomFile.Extent.HEADER).dataset();
                    return new IdentityCheck.DicomIdentity(
                            patientId, h.string(Tag.PATIENT_NAME), h.string(Tag.PATIENT_BIRTH_DATE));
                }
            } catch (IOException | RuntimeException e) {
                // the Patient ID alone is checked
            }
        }
        return new IdentityCheck.DicomIdentity(patientId, Optional.empty(), Optional.empty());
    }

    /** Points on a job's cumulative DVH chart. */
    static final int DVH_POINTS = 60;

    /**
     * A VOI's cumulative DVH from the voxel dose map, its doses multiplied by the VOI's partial-volume factor as
     * its mean and D50 are (the GTM corrects region means, one factor per VOI).
     */
    private static Optional<DoseVolumeHistogram.Curve> dvh(CycleReport report, String voi) {
        double factor = report.correction()
                .flatMap(
                        c -> c.vois().stream().filter(x -> x.name().equals(voi)).findFirst())
                .map(PartialVolumeCorrection.VoiRecovery::tiaFactor)
                .orElse(1.0);
        return report.result()
                .doseMap()
                .flatMap(dose -> report.vois().stream()
                        .filter(m -> m.name().equals(voi))
                        .findFirst()
                        .map(m -> DoseVolumeHistogram.of(dose, m).curve(DVH_POINTS)))
                .map(c -> new DoseVolumeHistogram.Curve(
                        Arrays.stream(c.gy()).map(g -> g * factor).toArray(), c.fraction()));
    }

    /** Folders whose DICOM files are CT images, in path order: the SPECT/CT sessions' CTs. */
    static List<Path> ctSeries(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path d : walk.filter(Files::isDirectory).sorted().toList()) {
                if (firstModality(d).filter("CT"::equals).isPresent()) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** Folders whose DICOM files are PET or NM images, in path order. */
    static List<Path> emissionSeries(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path d : walk.filter(Files::isDirectory).sorted().toList()) {
                Optional<String> modality = firstModality(d);
                if (modality.filter(m -> m.equals("PT") || m.equals("NM")).isPresent()) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /**
     * The upload's VOI file: the first (in path order) RTSTRUCT, DICOM SEG or NIfTI label map (.nii, .nii.gz; its
     * label-name sidecar beside it).
     */
    static Optional<Path> voiFile(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (n.endsWith(".nii")
                        || n.endsWith(".nii.gz")
                        || modality(f)
                                .filter(m -> m.equals("RTSTRUCT") || m.equals("SEG"))
                                .isPresent()) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstModality(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().limit(1).toList()) {
                return modality(f);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> modality(Path f) {
        try {
            return DicomFile.read(f, DicomFile.Extent.HEADER).dataset().string(Tag.MODALITY);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not DICOM: ignored
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}

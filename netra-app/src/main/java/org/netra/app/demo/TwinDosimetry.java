package org.netra.app.demo;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.netra.app.dosimetry.MonteCarloChoices;
import org.netra.app.web.dosimetry.DosimetryJobs;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.dosimetry.cycle.CycleInput;
import org.netra.dosimetry.cycle.CycleOptions;
import org.netra.dosimetry.cycle.CyclePipeline;
import org.netra.dosimetry.cycle.DoseMethod;
import org.netra.dosimetry.cycle.TimePointImage;
import org.netra.dosimetry.cycle.VoiSource;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.sim.anatomy.BodySize;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.Lu177Dotatate.Group;
import org.netra.sim.kinetics.TrueKinetics;
import org.netra.sim.kinetics.Uptake;
import org.netra.sim.spect.SpectScan;
import org.netra.sim.spect.SpectSettings;
import org.netra.sim.spect.SpectSimulator;
import org.netra.sim.truth.DoseTruth;
import org.netra.sim.twin.TwinSpec;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.PatientRecord;

/**
 * The demo's quantitative SPECT: for each cycle the cohort recorded, a netra-sim digital twin of that patient
 * (sex, weight and height from the chart, the cycle's administered activity, the twin's tumours, kidney kinetics
 * set so that the twin's true kidney dose and effective half-life are the recorded ones) is scanned at 4, 24, 96 and 168 h with the SPECT
 * model (10 mm FWHM, Poisson noise) and measured by a dosimetry job like any upload, through the same
 * {@link CyclePipeline} with its defaults: voxel-kernel dose with the twin's CT density, GTM partial-volume
 * correction at the 10 mm the scans state (kidney cortices split out of their kidneys), and attached to the cycle. The cycle's
 * page then shows what the department would see: every region's curve, DVHs, tumour doses ± SD, and the kidney
 * dose as measured, which differs from the recorded (true) one by the measurement error; the recorded
 * blood-based marrow dose is kept.
 */
public final class TwinDosimetry {
    private static final Nuclide LU177 = NuclideCatalog.icrp107().lutetium177();

    /** The whole-kidney VOIs whose volume-weighted mean dose is the cycle's kidney dose (CycleDoseMapping). */
    static final List<Voi> KIDNEYS = Voi.STANDARD.stream()
            .filter(v -> v.name().equals("Kidney_L") || v.name().equals("Kidney_R"))
            .toList();

    /**
     * The pipeline's defaults (voxel kernel, GTM with the PSF the twin's scans state, BED by tissue), without
     * registration: the twin's scans are made on one grid, without motion and without CTs.
     */
    static final CycleOptions OPTIONS = CycleOptions.DEFAULTS.withRegistration(CycleOptions.Registration.NONE);

    private TwinDosimetry() {}

    /**
     * Queues a job per recorded cycle, the most recent first (the patients on treatment now), the one cycle of
     * {@link #monteCarloCycle} last and with the Monte Carlo beside the kernel; returns how many.
     */
    public static int queueAll(Store store, DosimetryJobs jobs, String actor) {
        return queueAll(store, jobs, actor, TwinScanCache.none());
    }

    /** As above, the jobs taking their scans from {@code cache} when the viewer made them first, and keeping theirs. */
    public static int queueAll(Store store, DosimetryJobs jobs, String actor, TwinScanCache cache) {
        var cycles = new ArrayList<>(store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .toList());
        cycles.sort(Comparator.comparing((DosimetryRecord d) -> d.dosimetry().date())
                .reversed());
        Optional<DosimetryRecord> monteCarlo = monteCarloCycle(store);
        for (DosimetryRecord d : cycles) {
            if (monteCarlo.isEmpty() || !d.id().equals(monteCarlo.get().id())) {
                queue(store, jobs, actor, d, Optional.empty(), cache);
            }
        }
        // Last, as its cycle's only job: it holds the one worker for a minute or more (on a quiet 2-core machine) where
        // a kernel cycle takes about two seconds, and it computes the kernel beside it. Its cycle's own kernel job
        // would
        // replace the cycle's recorded figures with the measured ones before it ran, and the twin is made from the
        // recorded ones: it would measure another twin than the one its kernel column compares with.
        monteCarlo.ifPresent(d -> queue(store, jobs, actor, d, Optional.of(DemoLungTwins.MONTE_CARLO), cache));
        return cycles.size();
    }

    /**
     * The recorded cycle the demo measures with the Monte Carlo beside the kernel: the latest of the demo's patient
     * with a lung metastasis ({@link DemoLungTwins}); empty when the store has none of that patient's cycles (a smaller
     * or other cohort).
     */
    public static Optional<DosimetryRecord> monteCarloCycle(Store store) {
        return store.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(s -> s.value())
                .filter(d -> d.patientId().equals(DemoLungTwins.MONTE_CARLO_PATIENT))
                .max(Comparator.comparing((DosimetryRecord d) -> d.dosimetry().date()));
    }

    /** The queue's name for a twin job: only nodes that registered it (the demo's) run such jobs. */
    static final String KIND = "twin-spect";

    /**
     * A twin job as the queue keeps it: the recorded cycle, from which any node makes the twin again.
     *
     * @param monteCarlo with the Monte Carlo beside the kernel, its settings as chosen; null for the voxel kernel
     */
    record Request(String patientId, String dosimetryRecordId, MonteCarloChoices monteCarlo) {
        CycleOptions options() {
            return monteCarlo == null
                    ? OPTIONS
                    : OPTIONS.withMethod(new DoseMethod.MonteCarlo(monteCarlo.settings(MonteCarloChoices.Names.FORM)));
        }
    }

    /** Queues the job of one recorded cycle; it attaches itself to the cycle when done. */
    public static DosimetryJobs.Job queue(Store store, DosimetryJobs jobs, String actor, DosimetryRecord cycle) {
        return queue(store, jobs, actor, cycle, Optional.empty(), TwinScanCache.none());
    }

    /**
     * As {@link #queue(Store, DosimetryJobs, String, DosimetryRecord)}, with the Monte Carlo beside the kernel when
     * {@code monteCarlo} is given (the twin's CT density gives the media).
     */
    public static DosimetryJobs.Job queue(
            Store store,
            DosimetryJobs jobs,
            String actor,
            DosimetryRecord cycle,
            Optional<MonteCarloChoices> monteCarlo) {
        return queue(store, jobs, actor, cycle, monteCarlo, TwinScanCache.none());
    }

    static DosimetryJobs.Job queue(
            Store store,
            DosimetryJobs jobs,
            String actor,
            DosimetryRecord cycle,
            Optional<MonteCarloChoices> monteCarlo,
            TwinScanCache cache) {
        register(store, jobs, cache);
        PatientRecord patient =
                store.records().get(ClinicalKinds.PATIENT, cycle.patientId()).value();
        int n = cycle.dosimetry().cycle();
        var request = new Request(patient.id(), cycle.id(), monteCarlo.orElse(null));
        return jobs.submit(
                actor,
                // the job list shows the label, not the method: a cycle's second job says why it is there
                String.format(Locale.ROOT, "netra-sim twin SPECT of %s, cycle %d", patient.id(), n)
                        + (monteCarlo.isPresent() ? ", Monte Carlo beside the kernel" : ""),
                KIND,
                request,
                request.options().method());
    }

    /** Lets {@code jobs}' node run twin jobs (again after a restart): each makes its twin from the store. */
    public static void register(Store store, DosimetryJobs jobs, TwinScanCache cache) {
        jobs.register(KIND, Request.class, r -> {
            PatientRecord patient =
                    store.records().get(ClinicalKinds.PATIENT, r.patientId()).value();
            DosimetryRecord cycle = store.records()
                    .get(ClinicalKinds.DOSIMETRY, r.dosimetryRecordId())
                    .value();
            return new DosimetryJobs.Work(
                    progress -> input(patient, cycle, progress, cache),
                    r.options(),
                    Optional.of(new DosimetryJobs.Target(
                            patient.id(), cycle.dosimetry().cycle())));
        });
    }

    /** A recorded cycle's twin: its phantom, true kinetics and the seed of its scans. */
    record CycleTwin(Phantom phantom, TrueKinetics truth, long seed) {}

    static CycleTwin twin(PatientRecord patient, DosimetryRecord record) {
        var d = record.dosimetry();
        long seed = Integer.toUnsignedLong(patient.patient().id().hashCode());
        double injectedMBq = d.administered().inGBq() * 1000;
        TwinSpec drawn = DemoLungTwins.twinOf(patient.id(), TwinSpec.draw(seed, 8, injectedMBq));
        Phantom phantom = phantom(patient, record);
        Map<Group, Uptake> kinetics = new EnumMap<>(drawn.cycleKinetics().get(d.cycle() - 1));
        kinetics.put(Group.KIDNEYS, kidneys(phantom, kinetics, d, injectedMBq));
        return new CycleTwin(phantom, TrueKinetics.of(phantom, kinetics, injectedMBq), seed * 31 + d.cycle());
    }

    /**
     * The cycle's phantom alone (a tenth of a second; the twin's kinetics take seconds more): the anatomy, so the CT
     * of every scan, fixed by the patient's seed and the body size the chart gives on the day.
     */
    static Phantom phantom(PatientRecord patient, DosimetryRecord record) {
        var d = record.dosimetry();
        var p = patient.patient();
        double weight = p.weightOn(d.date()).map(w -> w.value().inKg()).orElse(p.sex() == Sex.MALE ? 80.0 : 68.0);
        double height = p.heightOn(d.date()).map(h -> h.value().inCm()).orElse(p.sex() == Sex.MALE ? 176.0 : 163.0);
        var body = new BodySize(p.sex(), clamp(weight, 35, 160), clamp(height, 140, 210));
        long seed = Integer.toUnsignedLong(p.id().hashCode());
        TwinSpec drawn = DemoLungTwins.twinOf(
                p.id(), TwinSpec.draw(seed, 8, d.administered().inGBq() * 1000));
        return Phantom.build(drawn.phantom().withBody(body));
    }

    /**
     * The CT of every scan of the cycle, known before any is simulated: the phantom's, because the demo's camera
     * leaves the patient where the CT found them (no misalignment), so each scan's CT is the phantom's unmoved.
     */
    static java.util.Optional<org.netra.imaging.volume.ImageVolume> ctBeforeScanning(
            PatientRecord patient, DosimetryRecord record) {
        return SpectSettings.DEFAULTS.misalignmentMm() == 0
                ? java.util.Optional.of(phantom(patient, record).ct())
                : java.util.Optional.empty();
    }

    /**
     * The name of a cycle's scans in a {@link TwinScanCache}: everything {@link #twin} and the camera make them from —
     * the seed (the patient's id, the cycle), the body size the chart gives on the day, the recorded cycle (activity,
     * kidney dose and half-life) and the camera's settings.
     */
    static String cacheKey(PatientRecord patient, DosimetryRecord record) {
        var d = record.dosimetry();
        var p = patient.patient();
        List<String> parts = new ArrayList<>(List.of(
                p.id(),
                p.sex().name(),
                String.valueOf(p.weightOn(d.date()).map(w -> w.value().inKg())),
                String.valueOf(p.heightOn(d.date()).map(h -> h.value().inCm())),
                d.toString(),
                SpectSettings.DEFAULTS.toString()));
        if (DemoLungTwins.hasLungs(p.id())) {
            // only theirs: every other twin's kept scans keep their names (scans kept from before lungs are not theirs)
            parts.add("lungs");
        }
        return TwinScanCache.key(parts.toArray(String[]::new));
    }

    /**
     * The cycle's four scans with their CTs and the phantom's VOIs: kept in {@code cache} when it has them, else
     * simulated (its twin built first) and kept there for the viewer, the job and the next start.
     */
    static TwinScanCache.CycleScans scans(PatientRecord patient, DosimetryRecord record, TwinScanCache cache) {
        return scans(patient, record, cache, CyclePipeline.Progress.NONE);
    }

    /** As above, telling {@code progress} (0–100 %) what it is doing while it simulates. */
    static TwinScanCache.CycleScans scans(
            PatientRecord patient, DosimetryRecord record, TwinScanCache cache, CyclePipeline.Progress progress) {
        String key = cacheKey(patient, record);
        Optional<TwinScanCache.CycleScans> kept = cache.read(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        var mine = new java.util.concurrent.CompletableFuture<TwinScanCache.CycleScans>();
        var running = SIMULATING.putIfAbsent(key, mine);
        if (running != null) {
            // the viewer and the cycle's dosimetry job asked at once: one simulation, each its own copy of the voxels
            progress.step(35, "waiting for the same cycle's simulation, started by another request or job");
            TwinScanCache.CycleScans shared = running.join();
            return new TwinScanCache.CycleScans(
                    shared.hours(),
                    shared.images().stream().map(ImageVolume::copy).toList(),
                    shared.cts().stream().map(ImageVolume::copy).toList(),
                    shared.vois());
        }
        try {
            TwinScanCache.CycleScans made = simulate(patient, record, cache, key, progress);
            mine.complete(made);
            return made;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            SIMULATING.remove(key, mine);
        }
    }

    /** The cycles' scans being simulated now, by cache key: a second asker waits for the first's. */
    private static final Map<String, java.util.concurrent.CompletableFuture<TwinScanCache.CycleScans>> SIMULATING =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static TwinScanCache.CycleScans simulate(
            PatientRecord patient,
            DosimetryRecord record,
            TwinScanCache cache,
            String key,
            CyclePipeline.Progress progress) {
        // the shares of the time each part took (measured in a warm JVM): the twin (its kidney dose solved by two
        // dose convolutions) about a third, each of the four scans (blur, Poisson noise) about a seventh
        progress.step(2, "building the twin (kidneys set to the recorded dose)");
        CycleTwin twin = twin(patient, record);
        int scanCount = SpectSettings.DEFAULTS.scanHours().size();
        progress.step(35, "simulating the SPECT at " + hoursText(0));
        List<SpectScan> simulated = SpectSimulator.simulate(twin.truth(), SpectSettings.DEFAULTS, twin.seed(), done -> {
            if (done < scanCount) {
                progress.step(35 + 60 * done / scanCount, "simulating the SPECT at " + hoursText(done));
            }
        });
        progress.step(95, "the scans' CTs and the VOIs");
        var made = new TwinScanCache.CycleScans(
                simulated.stream().map(SpectScan::hoursAfterInjection).toList(),
                simulated.stream().map(SpectScan::image).toList(),
                simulated.stream().map(sc -> sc.ct(twin.phantom())).toList(),
                Voi.of(twin.phantom().spec()).stream().map(twin.phantom()::mask).toList());
        cache.write(key, made);
        return made;
    }

    private static String hoursText(int scan) {
        return String.format(
                Locale.ROOT, "%.0f h", SpectSettings.DEFAULTS.scanHours().get(scan));
    }

    static CycleInput.Images input(
            PatientRecord patient, DosimetryRecord record, CyclePipeline.Progress progress, TwinScanCache cache) {
        var d = record.dosimetry();
        progress.step(5, "building the twin of " + patient.id() + " (kidneys set to the recorded dose)");
        CycleTwin twin = twin(patient, record);
        progress.step(20, "scanning the twin at 4, 24, 96 and 168 h (or its scans kept from the viewer)");
        SpectSettings camera = SpectSettings.DEFAULTS;
        TwinScanCache.CycleScans scans = scans(patient, record, cache);
        LocalDateTime injection = d.date().atTime(9, 30);
        List<TimePointImage> tps = new java.util.ArrayList<>();
        for (int i = 0; i < scans.hours().size(); i++) {
            double h = scans.hours().get(i);
            tps.add(new TimePointImage(
                    String.format(Locale.ROOT, "SPECT %.0f h", h),
                    scans.images().get(i),
                    injection.plusMinutes(Math.round(h * 60))));
        }
        Phantom phantom = twin.phantom();
        List<Mask> masks = scans.vois();
        return new CycleInput.Images(
                patient.id(),
                LU177,
                injection,
                d.administered(),
                tps,
                List.of(),
                Optional.of(phantom.density()),
                new VoiSource.Masks(masks),
                // the twin's scans state their resolution, as a series' Spatial Resolution (0018,1050) does
                OptionalDouble.of(camera.fwhmMm()));
    }

    /**
     * The twin's kidney curve with the recorded effective half-life as its slow phase and its amount set so that
     * the twin's true kidney dose (netra-sim's voxel-kernel convolution of the true TIA, {@link DoseTruth}) is the
     * recorded one. The dose is linear in the kidney amount, D(s) = s·K + C with C the cross-dose from the other
     * organs, so two truths (s = 1, 2) give s.
     */
    static Uptake kidneys(Phantom phantom, Map<Group, Uptake> kinetics, CycleDosimetry d, double injectedMBq) {
        Uptake drawn = kinetics.get(Group.KIDNEYS);
        double teffH = Math.max(d.kidneyEffectiveHalfLife().toMinutes() / 60.0, drawn.fastHalfLifeH());
        Uptake shaped = new Uptake(
                drawn.fast(),
                drawn.fastHalfLifeH(),
                drawn.slow(),
                teffH,
                drawn.uptakeHalfLifeH(),
                drawn.perMl(),
                drawn.source() + "; slow phase and amount set to the recorded kidney dose");
        double once = trueKidneyDose(phantom, kinetics, shaped, injectedMBq);
        double twice = trueKidneyDose(phantom, kinetics, shaped.scaled(2), injectedMBq);
        double perUnit = twice - once;
        double crossDose = once - perUnit;
        return shaped.scaled((d.kidneyDose().inGy() - crossDose) / perUnit);
    }

    /** The twin's true dose to both kidneys (mass-weighted over left and right) with {@code kidneys} as their curve. */
    static double trueKidneyDose(Phantom phantom, Map<Group, Uptake> kinetics, Uptake kidneys, double injectedMBq) {
        Map<Group, Uptake> k = new EnumMap<>(kinetics);
        k.put(Group.KIDNEYS, kidneys);
        var truth = DoseTruth.of(1, TrueKinetics.of(phantom, k, injectedMBq), KIDNEYS);
        double mass = 0;
        double energy = 0;
        for (var v : truth.vois()) {
            mass += v.mass().inGrams();
            energy += v.dose().inGy() * v.mass().inGrams();
        }
        return energy / mass;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

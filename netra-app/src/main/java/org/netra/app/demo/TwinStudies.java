package org.netra.app.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.viewer.Plane;
import org.netra.app.viewer.Scene;
import org.netra.app.viewer.SceneRenderer;
import org.netra.app.viewer.Studies;
import org.netra.dosimetry.cycle.CyclePipeline;
import org.netra.imaging.volume.ImageVolume;
import org.netra.physics.decay.Decay;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.sim.spect.SpectSettings;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.PatientRecord;

/**
 * The demo patients' own SPECT/CT studies for the viewer: for each cycle the cohort recorded, the netra-sim twin
 * that {@link TwinDosimetry} measures, scanned at the same hours with the same seed (so the viewer shows exactly
 * the images the cycle's dosimetry job used), each scan with its SPECT/CT's CT, the phantom's VOIs, SUV from the
 * chart's weight and the cycle's activity, and from 20 h on the illustrative single-time-point dose map.
 */
public final class TwinStudies implements Studies {
    private static final java.time.Duration LU177_HALF_LIFE =
            NuclideCatalog.icrp107().get("Lu-177").halfLife();
    /** Scenes kept in memory; each cycle's four scans are simulated together, so its scenes come together. */
    private static final int KEPT = 8;

    private final Supplier<Store> store;
    private final Map<String, Scene> loaded =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Scene> eldest) {
                    return size() > KEPT;
                }
            });

    private final TwinScanCache cache;

    /**
     * The cycles being simulated for the viewer, by dosimetry record id. One at a time on one thread: on a shared
     * machine two at once would only make both late.
     */
    private final Map<String, CycleSimulation> simulations = new java.util.concurrent.ConcurrentHashMap<>();

    private static final java.util.concurrent.ExecutorService SIMULATOR =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "netra-twin-viewer-simulation");
                t.setDaemon(true);
                return t;
            });

    /** @param store the demo's store, once it is open */
    public TwinStudies(Supplier<Store> store) {
        this(store, TwinScanCache.none());
    }

    /**
     * @param store the demo's store, once it is open
     * @param cache where cycles' scans are kept once simulated, by this viewer or by the cycles' dosimetry jobs
     */
    public TwinStudies(Supplier<Store> store, TwinScanCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /**
     * Builds a reference twin's phantom and draws its CT alone three times on a minimum-priority thread, so that the
     * first unsimulated twin study opened after a start does not pay for compiling that code: its CT-only first image
     * took 2.6–2.9 s (0.24–0.31 s of the request thread's CPU) against 0.4–0.5 s (0.06 s) once compiled, at a load of
     * 12 (docs/benchmarks.md). Nothing of it is kept.
     */
    public static Thread warmUpInBackground() {
        Thread t = new Thread(
                () -> {
                    try {
                        for (int round = 0; round < 3; round++) {
                            var phantom =
                                    org.netra.sim.anatomy.Phantom.build(org.netra.sim.anatomy.PhantomSpec.standard(
                                            org.netra.sim.anatomy.BodySize.REFERENCE_MALE));
                            var ctOnly = new Simulating("warm-up", phantom.ct(), 0, "warm-up");
                            int middle = new org.netra.app.viewer.Slicer(phantom.geometry()).count(Plane.AXIAL) / 2;
                            org.netra.app.report.Plot.png(SceneRenderer.renderCtOnly(
                                    ctOnly,
                                    Plane.AXIAL,
                                    middle,
                                    org.netra.app.viewer.Windowing.CtWindow.SOFT_TISSUE,
                                    384));
                        }
                    } catch (RuntimeException e) {
                        // only speed is lost: the first twin opened then pays for the compiling
                    }
                },
                "netra-twin-viewer-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** One scan of one recorded cycle. */
    record TwinScan(String id, String title, String recordId, String patientId, int scanIndex, double hours) {}

    private List<TwinScan> scans() {
        Store s = store.get();
        if (s == null) {
            return List.of();
        }
        var records = new ArrayList<>(s.records().list(ClinicalKinds.DOSIMETRY).stream()
                .map(r -> r.value())
                .toList());
        records.sort(Comparator.comparing((DosimetryRecord d) -> d.dosimetry().date())
                .reversed());
        List<Double> hours = SpectSettings.DEFAULTS.scanHours();
        // the names in one read, not one query per cycle: the chart lists the studies on each view for a planner
        Map<String, String> names = new java.util.HashMap<>();
        for (var p : s.records().list(ClinicalKinds.PATIENT)) {
            PatientRecord patient = p.value();
            if (!patient.name().isBlank()) {
                names.put(patient.id(), patient.name());
            }
        }
        List<TwinScan> out = new ArrayList<>();
        for (DosimetryRecord d : records) {
            String name = names.getOrDefault(d.patientId(), d.patientId());
            for (int i = 0; i < hours.size(); i++) {
                double h = hours.get(i);
                out.add(new TwinScan(
                        "twin-" + d.id().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT)
                                + String.format(Locale.ROOT, "-%.0fh", h),
                        String.format(
                                Locale.ROOT,
                                "%s · cycle %d · SPECT/CT %.0f h (netra-sim twin, %s)",
                                name,
                                d.dosimetry().cycle(),
                                h,
                                d.dosimetry().date()),
                        d.id(),
                        d.patientId(),
                        i,
                        h));
            }
        }
        return out;
    }

    @Override
    public List<Study> list() {
        return scans().stream()
                .map(t -> new Study(t.id(), t.title(), true, true, t.hours() >= FolderStudies.DOSE_MAP_MIN_HOURS))
                .toList();
    }

    @Override
    public Optional<Scene> scene(String id) {
        if (!id.startsWith("twin-")) {
            return Optional.empty();
        }
        Scene kept = loaded.get(id);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<TwinScan> scan = find(id);
        if (scan.isEmpty()) {
            return Optional.empty();
        }
        while (true) {
            if (!simulations.containsKey(scan.get().recordId()) && kept(scan.get())) {
                // read here, not behind another cycle's simulation on the simulation thread
                synchronized (this) {
                    if (loaded.get(id) == null) {
                        loadCycle(scan.get(), CyclePipeline.Progress.NONE);
                    }
                }
            } else {
                // made by the simulation of its cycle (started here, or running for the viewer's progress page)
                simulation(scan.get()).done().join();
            }
            kept = loaded.get(id);
            if (kept != null) {
                return Optional.of(kept);
            }
            // pushed out of memory by other cycles' scenes since: read again from the kept scans
        }
    }

    /** Whether the cycle's scans are kept on disk. */
    private boolean kept(TwinScan scan) {
        Store s = store.get();
        return cache.holds(TwinDosimetry.cacheKey(
                s.records().get(ClinicalKinds.PATIENT, scan.patientId()).value(),
                s.records().get(ClinicalKinds.DOSIMETRY, scan.recordId()).value()));
    }

    /**
     * The study, or while its cycle is being simulated (seconds of CPU) its CT and the simulation's progress: the
     * viewer draws the CT at once and waits for the SPECT, never drawing activity that is not simulated yet. A
     * cycle whose scans are kept on disk opens directly (a read, a tenth of a second).
     */
    @Override
    public Optional<Opening> open(String id) {
        if (!id.startsWith("twin-")) {
            return Optional.empty();
        }
        Scene kept = loaded.get(id);
        if (kept != null) {
            return Optional.of(new Opened(kept));
        }
        // a cycle being simulated: known without asking the store (its progress page asks every second)
        for (CycleSimulation running : simulations.values()) {
            if (running.studyIds().contains(id) && !running.done().isDone() && running.ctShown()) {
                return Optional.of(running.opening(id));
            }
        }
        Optional<TwinScan> scan = find(id);
        if (scan.isEmpty()) {
            return Optional.empty();
        }
        Store s = store.get();
        PatientRecord patient =
                s.records().get(ClinicalKinds.PATIENT, scan.get().patientId()).value();
        DosimetryRecord record =
                s.records().get(ClinicalKinds.DOSIMETRY, scan.get().recordId()).value();
        if (!simulations.containsKey(record.id())
                && (cache.holds(TwinDosimetry.cacheKey(patient, record))
                        || SpectSettings.DEFAULTS.misalignmentMm() > 0)) {
            // kept scans (quick), or a camera that moves the patient: the CT is not known before the scan is
            return scene(id).map(Opened::new);
        }
        // the simulation first, then the CT (a tenth of a second) while it runs
        CycleSimulation running = simulation(scan.get());
        if (!running.ctShown()) {
            running.showWhileWaiting(
                    TwinDosimetry.ctBeforeScanning(patient, record).orElseThrow());
        }
        return running.done().isDone() ? scene(id).map(Opened::new) : Optional.of(running.opening(id));
    }

    private Optional<TwinScan> find(String id) {
        return scans().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * One cycle's scans being made for the viewer: its studies' ids and titles, how far it is, and the CT shown until
     * it is done.
     */
    private static final class CycleSimulation implements CyclePipeline.Progress {
        private final Map<String, String> titles;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile int percent;
        private volatile String step = "starting (after any other twin being simulated)";
        private volatile ImageVolume ct;

        CycleSimulation(Map<String, String> titles) {
            this.titles = Map.copyOf(titles);
        }

        java.util.Set<String> studyIds() {
            return titles.keySet();
        }

        CompletableFuture<Void> done() {
            return done;
        }

        void showWhileWaiting(ImageVolume scanCt) {
            this.ct = scanCt;
        }

        boolean ctShown() {
            return ct != null;
        }

        @Override
        public void step(int percent, String what) {
            this.percent = percent;
            this.step = what;
        }

        Opening opening(String id) {
            return new Simulating(titles.get(id), ct, percent, step);
        }
    }

    /** The running (or finished) simulation of {@code scan}'s cycle, started on the simulation thread when none is. */
    private CycleSimulation simulation(TwinScan scan) {
        synchronized (simulations) {
            CycleSimulation running = simulations.get(scan.recordId());
            if (running != null && !running.done().isCompletedExceptionally()) {
                return running;
            }
            Map<String, String> titles = new LinkedHashMap<>();
            for (TwinScan t : scans()) {
                if (t.recordId().equals(scan.recordId())) {
                    titles.put(t.id(), t.title());
                }
            }
            CycleSimulation started = new CycleSimulation(titles);
            simulations.put(scan.recordId(), started);
            SIMULATOR.execute(() -> {
                try {
                    loadCycle(scan, started);
                    started.done().complete(null);
                } catch (RuntimeException | Error e) {
                    started.done().completeExceptionally(e);
                } finally {
                    synchronized (simulations) {
                        // finished: its scenes are in memory (or its failure with whoever waited); the next open starts
                        // afresh from the kept scans
                        simulations.remove(scan.recordId(), started);
                    }
                }
            });
            return started;
        }
    }

    /** The cycle's scans from the cache, or simulated (and kept there), and a scene of each. */
    private void loadCycle(TwinScan wanted, CyclePipeline.Progress progress) {
        Store s = store.get();
        PatientRecord patient =
                s.records().get(ClinicalKinds.PATIENT, wanted.patientId()).value();
        DosimetryRecord record =
                s.records().get(ClinicalKinds.DOSIMETRY, wanted.recordId()).value();
        TwinScanCache.CycleScans scans = TwinDosimetry.scans(patient, record, cache, progress);
        progress.step(97, "drawing the scans");
        double administeredBq = record.dosimetry().administered().inBq();
        OptionalDouble weightG = patient.patient()
                .weightOn(record.dosimetry().date())
                .map(w -> OptionalDouble.of(w.value().inKg() * 1000))
                .orElse(OptionalDouble.empty());
        for (TwinScan t : scans().stream()
                .filter(x -> x.recordId().equals(wanted.recordId()))
                .toList()) {
            ImageVolume image = scans.images().get(t.scanIndex());
            Optional<ImageVolume> dose = Optional.empty();
            String note = "";
            if (t.hours() >= FolderStudies.DOSE_MAP_MIN_HOURS) {
                dose = Optional.of(FolderStudies.singlePointDose(image, t.hours()));
                note = FolderStudies.doseNote(t.hours());
            }
            // SUV (body weight): the activity in the body at the scan if none had been excreted
            double inBodyBq = administeredBq
                    * Decay.factor(LU177_HALF_LIFE, java.time.Duration.ofSeconds(Math.round(t.hours() * 3600)));
            OptionalDouble suv =
                    weightG.isPresent() ? OptionalDouble.of(weightG.getAsDouble() / inBodyBq) : OptionalDouble.empty();
            Scene scene = new Scene(
                    t.title(),
                    image,
                    Optional.of(scans.cts().get(t.scanIndex())),
                    scans.vois(),
                    dose,
                    note,
                    Optional.empty(),
                    suv);
            // the page's projection now, while the cycle is being made anyway: the cycle's other scans open at once
            SceneRenderer.render(scene, new SceneRenderer.View(Plane.CORONAL, -1, true, true, false, 384));
            loaded.put(t.id(), scene);
        }
    }
}

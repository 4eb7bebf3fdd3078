package org.netra.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.netra.app.config.ServerConfig;
import org.netra.app.config.Setting;
import org.netra.app.demo.DemoUsers;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.demo.TwinDosimetry;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.web.security.Accounts;
import org.netra.app.web.security.PasswordHasher;
import org.netra.physics.decay.Decay;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra demo}: the main job. Starts the web app on this machine only (127.0.0.1) over a fresh
 * embedded database with one demo user per role and the demo cohort; {@code --no-server} prints the
 * physics of a standard 177Lu-DOTATATE cycle instead.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start the web app with demo users at http://localhost:8080 (fresh database each run).")
final class DemoCommand implements Callable<Integer> {
    /** Marks a folder netra made for the demo, so recreating it never deletes anything else. */
    static final String MARKER = ".netra-demo";
    /** The demo folder's cache of the twins' simulated scans, the one thing a new run keeps. */
    static final String TWIN_SCANS = "twin-scans";
    /** At most this much of it: about 60 cycles (34.6 MB each: four scans, one CT, the VOIs, at netra-sim's default grid). */
    static final long TWIN_SCANS_MAX_BYTES = 2L << 30;

    /**
     * The demo clinic's date: the synthetic cohort is referred 2020–2022, so on this day some patients are
     * in screening, some between cycles and some in follow-up. The demo's clock runs from it.
     */
    static final java.time.LocalDate CLINIC_DATE = java.time.LocalDate.of(2021, 9, 6);

    /** The cohort loaded into each demo database: netra-sim's synthetic patients plug in here. */
    static final SyntheticDemoCohort COHORT = new SyntheticDemoCohort(2026, 80, CLINIC_DATE);

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--data-dir",
            defaultValue = "netra-data/demo",
            description = "demo data folder, recreated each run (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--no-server", description = "print a PRRT cycle's physics instead of starting the web app")
    boolean noServer;

    @Option(
            names = "--pacs-url",
            description = "DICOMweb root of a PACS for pull and push from the web (e.g."
                    + " http://127.0.0.1:8042/dicom-web); default: NETRA_PACS_URL, else none")
    String pacsUrl;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The demo's settings: its own folder, port and embedded database whatever the environment says (it recreates
     * its data), but the department's PACS when one is given (--pacs-url, else NETRA_PACS_URL), so pull and push can
     * be tried from the demo's web pages.
     */
    static ServerConfig config(Path dataDir, int port, String pacsUrl, Map<String, String> env) {
        Map<Setting, String> flags = new java.util.EnumMap<>(Setting.class);
        flags.put(Setting.DATA, dataDir.toString());
        flags.put(Setting.PORT, Integer.toString(port));
        if (pacsUrl != null) {
            flags.put(Setting.PACS_URL, pacsUrl);
        }
        String pacsVariable = Setting.PACS_URL.variable();
        Map<String, String> pacsOnly =
                env.get(pacsVariable) == null ? Map.of() : Map.of(pacsVariable, env.get(pacsVariable));
        return ServerConfig.resolve(flags, pacsOnly, new Properties()).withHost("127.0.0.1");
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (noServer) {
            physics(out);
            return 0;
        }
        recreate(dataDir);
        var config = config(dataDir, port, pacsUrl, System.getenv());
        out.println("netra demo: starting the web app on a fresh database in " + dataDir);
        // the reference images, then each demo patient's own SPECT/CT (their twin's) once the store is open
        var demoStore = new java.util.concurrent.atomic.AtomicReference<org.netra.store.Store>();
        // the twins' simulated scans, kept across runs (recreate spares them): each cycle is simulated once
        var twinScans = org.netra.app.demo.TwinScanCache.in(dataDir.resolve(TWIN_SCANS), TWIN_SCANS_MAX_BYTES);
        // and the patient CDs imported on the study list, which go to the data folder's imaging/ (the web's store)
        org.netra.app.demo.TwinStudies.warmUpInBackground();
        var studies = org.netra.app.viewer.Studies.combined(
                org.netra.app.viewer.Studies.combined(
                        FolderStudies.scan(imagingDir()).preloading(),
                        new org.netra.app.demo.TwinStudies(demoStore::get, twinScans)),
                FolderStudies.scan(config.dataDir().resolve("imaging")));
        var now = java.time.Clock.systemUTC();
        var clinic = java.time.Clock.offset(
                now,
                java.time.Duration.between(
                        now.instant(), CLINIC_DATE.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC)));
        out.println("  the clinic's date is " + CLINIC_DATE + " (the synthetic cohort's timeline)");
        ServeCommand.run(
                config,
                out,
                studies,
                clinic,
                store -> {
                    demoStore.set(store);
                    DemoUsers.create(new Accounts(store, new PasswordHasher()));
                    out.println("  " + COHORT.load(store, DemoUsers.ACTOR));
                    out.println("  " + studies.list().size() + " imaging studies from " + imagingDir());
                    out.println("  Demo logins (this computer only):");
                    for (var l : DemoUsers.LOGINS) {
                        out.printf(
                                Locale.ROOT,
                                "    %-10s %-18s password %s%n",
                                l.role(),
                                "user " + l.username(),
                                l.password());
                    }
                    out.flush();
                },
                (store, app) -> {
                    int queued = TwinDosimetry.queueAll(store, app.jobs(), DemoUsers.ACTOR, twinScans);
                    out.println("  quantitative SPECT dosimetry of the twins' " + queued
                            + " recorded cycles runs in the background (newest first; see Dosimetry jobs)");
                    TwinDosimetry.monteCarloCycle(store)
                            .ifPresent(d -> out.println("  the last of them, " + d.patientId() + "'s cycle "
                                    + d.dosimetry().cycle() + " (a lung metastasis), with the Monte Carlo beside the"
                                    + " kernel (3 % target, at most 10 min)"));
                    out.flush();
                });
        return 0;
    }

    /** The real reference images (shared/data, or NETRA_TESTDATA) shown by the demo's viewer. */
    static Path imagingDir() {
        String env = System.getenv("NETRA_TESTDATA");
        return Path.of(env == null || env.isBlank() ? "../shared/data" : env).resolve("dicom");
    }

    /** Deletes and recreates the demo folder, refusing a folder that netra did not make. */
    static void recreate(Path dir) throws IOException {
        if (Files.exists(dir)) {
            boolean empty;
            try (Stream<Path> s = Files.list(dir)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dir.resolve(MARKER))) {
                throw new IllegalArgumentException(dir + " exists and was not made by netra demo; choose another"
                        + " --data-dir or remove it yourself");
            }
            Path kept = dir.resolve(TWIN_SCANS);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    // the twins' scans, named by what they are made of, stay valid from run to run
                    if (!p.startsWith(kept) && !(p.equals(dir) && Files.isDirectory(kept))) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(MARKER),
                "made by netra demo; deleted and recreated on every run (but for its twin-scans/ cache)\n");
    }

    static void physics(PrintWriter out) {
        Nuclide lu = NuclideCatalog.icrp107().lutetium177();
        Activity injected = Activity.ofGBq(7.4);
        out.println("netra demo --no-server: one 177Lu-DOTATATE cycle of 7.4 GBq");
        out.printf(Locale.ROOT, "  %s half-life %.3f d (ICRP-107)%n", lu.name(), lu.halfLifeSeconds() / 86400);
        for (int hours : new int[] {4, 24, 96, 168}) {
            Activity a = Decay.activityAt(injected, lu.halfLife(), Times.ofHours(hours));
            out.printf(Locale.ROOT, "  activity left in the patient without excretion at %3d h: %s%n", hours, a);
        }
        var p = EnergyPartition.of(lu);
        out.printf(
                Locale.ROOT,
                "  energy per decay: %.4f MeV non-penetrating, %.4f MeV penetrating (photon cut %s)%n",
                p.nonPenetrating().inMeV(),
                p.penetrating().inMeV(),
                p.photonCut());
        out.printf(
                Locale.ROOT,
                "  decays in the whole cycle if nothing were excreted: %s%n",
                Decay.integralToInfinity(injected, lu.halfLife()));
        out.flush();
    }
}

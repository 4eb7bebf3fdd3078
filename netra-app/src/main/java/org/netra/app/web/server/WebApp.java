package org.netra.app.web.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.netra.app.config.BuildVersions;
import org.netra.app.config.ServerConfig;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.viewer.Studies;
import org.netra.app.web.ErrorPage;
import org.netra.app.web.Frame;
import org.netra.app.web.OpenApi;
import org.netra.app.web.Route;
import org.netra.app.web.Routes;
import org.netra.app.web.Views;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.admin.AuditFeature;
import org.netra.app.web.admin.UserAdminFeature;
import org.netra.app.web.approval.ApprovalFeature;
import org.netra.app.web.care.CareFeature;
import org.netra.app.web.diagnosis.DiagnosisFeature;
import org.netra.app.web.dosimetry.DosimetryFeature;
import org.netra.app.web.dosimetry.DosimetryJobs;
import org.netra.app.web.dosimetry.JobFeature;
import org.netra.app.web.dosimetry.JobQueue;
import org.netra.app.web.dosimetry.UploadUnpacker;
import org.netra.app.web.followup.CohortFeature;
import org.netra.app.web.followup.FollowUpFeature;
import org.netra.app.web.home.HomeFeature;
import org.netra.app.web.imaging.CdImports;
import org.netra.app.web.imaging.ImagingFeature;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.labs.LabsFeature;
import org.netra.app.web.pacs.PacsFeature;
import org.netra.app.web.pacs.PacsPush;
import org.netra.app.web.pacs.PacsRetrieval;
import org.netra.app.web.patient.ChartFeature;
import org.netra.app.web.patient.ClinicalDirectory;
import org.netra.app.web.patient.PatientDirectory;
import org.netra.app.web.patient.PatientFeature;
import org.netra.app.web.patient.RegistrationFeature;
import org.netra.app.web.plan.CalendarFeature;
import org.netra.app.web.radiopharmacy.RadiopharmacyFeature;
import org.netra.app.web.referral.ReferralFeature;
import org.netra.app.web.safety.SafetyFeature;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Accounts;
import org.netra.app.web.security.ClientAddress;
import org.netra.app.web.security.ForbiddenException;
import org.netra.app.web.security.LoginThrottle;
import org.netra.app.web.security.NotSignedInException;
import org.netra.app.web.security.PasswordHasher;
import org.netra.app.web.security.RequestSecurity;
import org.netra.app.web.security.SessionStore;
import org.netra.app.web.settings.CalibrationSettingsFeature;
import org.netra.app.web.settings.EligibilitySettingsFeature;
import org.netra.app.web.settings.PopulationSettingsFeature;
import org.netra.app.web.signin.SignInFeature;
import org.netra.store.Store;
import org.netra.store.record.ConcurrentEditException;
import org.netra.store.record.RecordNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app: Javalin serving server-rendered pages (JTE + htmx) and a JSON API over the same
 * services, behind one security layer. Built with {@link #builder}, where more features plug in.
 */
public final class WebApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    /**
     * Jetty's request threads at most. A page read is CPU and a few database round trips on loopback, so a few
     * threads per core keep the cores busy; Javalin's default of 250 let hundreds of requests run at once on two
     * cores (issue 17's load test), each slowing the others and contending for the ten database connections.
     * Requests beyond these wait in Jetty's queue, in order. Uploads stream to disk on these threads too: 32 leave
     * room for a department's uploads at once.
     */
    static final int REQUEST_THREADS = 32;

    private final ServerConfig config;
    private final Javalin javalin;
    private final Accounts accounts;
    private final DosimetryJobs jobs;
    private final UploadUnpacker unpacker;
    private final Routes[] routes = new Routes[1];

    public static final class Builder {
        private final ServerConfig config;
        private final Store store;
        /** Null: the clinical records in the store. */
        private PatientDirectory patients;

        /** Null: the study store in the data folder's {@code imaging/}, where patient CDs are imported. */
        private Studies studies;

        private PasswordHasher hasher = new PasswordHasher();
        private Clock clock = Clock.systemUTC();
        private final List<java.util.function.Function<WebServices, WebFeature>> features = new ArrayList<>();

        private Builder(ServerConfig config, Store store) {
            this.config = config;
            this.store = store;
        }

        /** Where the patient list comes from (the clinical module's records). */
        public Builder patients(PatientDirectory directory) {
            this.patients = directory;
            return this;
        }

        /** The imaging studies the viewer shows. */
        public Builder studies(Studies s) {
            this.studies = s;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder hasher(PasswordHasher h) {
            this.hasher = h;
            return this;
        }

        /** Adds a feature (its routes and navigation), made from the app's services. */
        public Builder feature(java.util.function.Function<WebServices, WebFeature> feature) {
            features.add(feature);
            return this;
        }

        public WebApp build() {
            return new WebApp(this);
        }
    }

    public static Builder builder(ServerConfig config, Store store) {
        return new Builder(config, store);
    }

    private WebApp(Builder b) {
        this.config = b.config;
        this.accounts = new Accounts(b.store, b.hasher);
        var sessions = new SessionStore(b.store.sessions(), config.sessionIdle(), config.sessionMaximum(), b.clock);
        var security = new RequestSecurity(sessions, accounts, config.secureCookies());
        PatientDirectory patients = b.patients != null ? b.patients : new ClinicalDirectory(b.store, b.clock);
        var services = new WebServices(
                b.store,
                accounts,
                new LoginThrottle(config.login(), b.clock, b.store.signInFailures()),
                security,
                sessions,
                b.clock,
                new ClientAddress(config.trustedProxies()));
        var views = new Views(
                security,
                new Frame.Assets(
                        "/webjars/htmx.org/" + BuildVersions.property("htmx").orElse("unknown") + "/dist/htmx.min.js",
                        "/webjars/chart.js/" + BuildVersions.property("chartjs").orElse("unknown")
                                + "/dist/chart.umd.min.js",
                        StaticAssets.versionedPath("css/netra.css"),
                        StaticAssets.versionedPath("js/netra.js")));
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        this.unpacker = new UploadUnpacker(config.dataDir().resolve("jobs"), config.uploads(), b.clock);
        this.jobs = new DosimetryJobs(
                b.store,
                unpacker,
                new JobQueue.Settings(
                        config.jobLease(),
                        JobQueue.Settings.DEFAULTS.poll(),
                        JobQueue.Settings.DEFAULTS.maxAttempts()));
        Path imaging = config.dataDir().resolve("imaging");
        Studies studies = b.studies != null ? b.studies : FolderStudies.scan(imaging);
        // a CD's zip is unpacked within the dosimetry uploads' limits, in a folder of its own
        var cds = new CdImports(
                b.store,
                new UploadUnpacker(config.dataDir().resolve("imaging-uploads"), config.uploads(), b.clock),
                imaging,
                studies);
        List<WebFeature> all = new ArrayList<>(List.of(
                new SignInFeature(services),
                new HomeFeature(patients),
                new PatientFeature(patients),
                new RegistrationFeature(services), // before the chart: /patients/new is not a patient id
                new ChartFeature(services, studies),
                new LabsFeature(services),
                new DiagnosisFeature(services, studies),
                new DosimetryFeature(services),
                new JobFeature(jobs, unpacker, b.clock.getZone()),
                pacsFeature(services, config),
                new ReferralFeature(services, config.pacsUrl()),
                new SafetyFeature(services),
                new CalendarFeature(services),
                new CohortFeature(services),
                new ApprovalFeature(services),
                new RadiopharmacyFeature(services),
                new CareFeature(services),
                new FollowUpFeature(services),
                new ImagingFeature(studies, cds),
                new UserAdminFeature(services),
                new EligibilitySettingsFeature(services),
                new CalibrationSettingsFeature(services),
                new PopulationSettingsFeature(services),
                new AuditFeature(services)));
        b.features.forEach(f -> all.add(f.apply(services)));

        this.javalin = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(REQUEST_THREADS, 4);
            c.jsonMapper(new JavalinJackson(json, false));
            c.http.maxRequestSize = 1_000_000L;
            // maxRequestSize does not cover multipart files: Jetty streams them to disk and stops at these sizes
            c.jetty.multipartConfig.cacheDirectory(
                    config.dataDir().resolve("incoming").toAbsolutePath().toString());
            c.jetty.multipartConfig.maxFileSize(config.uploads().maxUploadBytes(), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(config.uploads().maxUploadBytes() + (1L << 20), SizeUnit.BYTES);
            c.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = StaticAssets.CLASSPATH_ROOT;
                s.location = Location.CLASSPATH;
                s.headers = Map.of("Cache-Control", "max-age=3600");
            });
            c.staticFiles.enableWebjars();
            c.router.mount(router -> {
                router.before(security::before);
                Routes table = new Routes(router, views);
                for (WebFeature f : all) {
                    f.register(table);
                }
                table.api(
                        HandlerType.GET,
                        "/api/openapi.json",
                        Access.everyone(),
                        "this API's OpenAPI document",
                        ctx -> ctx.json(OpenApi.document(table.table(), BuildVersions.netra())));
                views.navigation(table.navigation());
                routes[0] = table;

                router.exception(NotSignedInException.class, (e, ctx) -> notSignedIn(ctx));
                router.exception(
                        ForbiddenException.class, (e, ctx) -> fail(ctx, views, 403, "Not allowed", e.getMessage()));
                router.exception(InvalidInputException.class, (e, ctx) -> invalid(ctx, views, e));
                router.exception(
                        org.netra.app.web.input.Refused.class,
                        (e, ctx) -> fail(ctx, views, e.status(), e.heading(), e.getMessage()));
                router.exception(
                        RecordNotFoundException.class, (e, ctx) -> fail(ctx, views, 404, "Not found", e.getMessage()));
                router.exception(
                        ConcurrentEditException.class,
                        (e, ctx) -> fail(ctx, views, 409, "Changed by someone else", e.getMessage()));
                router.exception(Exception.class, (e, ctx) -> {
                    if (e instanceof HttpResponseException h) {
                        fail(
                                ctx,
                                views,
                                h.getStatus(),
                                HttpStatus.forStatus(h.getStatus()).getMessage(),
                                h.getStatus() == 404 ? "There is no page at " + ctx.path() + "." : h.getMessage());
                        return;
                    }
                    String incident = UUID.randomUUID().toString().substring(0, 8);
                    LOG.error("incident {} on {} {}", incident, ctx.method(), ctx.path(), e);
                    fail(
                            ctx,
                            views,
                            500,
                            "Something went wrong",
                            "netra could not finish this request. Nothing was changed unless you see it saved;"
                                    + " tell your administrator incident " + incident + ".",
                            incident);
                });
                router.error(404, ctx -> {
                    // Javalin's own "not found" is plain text; a page or API error we made is HTML or JSON
                    String type = ctx.res().getContentType();
                    if (type == null || type.startsWith("text/plain")) {
                        fail(ctx, views, 404, "Not found", "There is no page at " + ctx.path() + ".");
                    }
                });
            });
        });
    }

    /** Starts serving on the configured host and port (0: a free port). */
    public WebApp start() {
        unpacker.deleteUnused(); // left by a run before this one, but not the folders of queued or running jobs
        try {
            java.nio.file.Files.createDirectories(config.dataDir().resolve("incoming"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    "cannot create " + config.dataDir().resolve("incoming"), e);
        }
        javalin.start(config.host(), config.port());
        return this;
    }

    public int port() {
        return javalin.port();
    }

    public Accounts accounts() {
        return accounts;
    }

    /** The background dosimetry jobs (the demo queues its twins' SPECT dosimetry here). */
    public DosimetryJobs jobs() {
        return jobs;
    }

    /** The route table, for tests that walk every route and for the OpenAPI document. */
    public List<Route> routes() {
        return routes[0].table();
    }

    @Override
    public void close() {
        javalin.stop();
        jobs.close();
    }

    /** Pull and push share one PACS client, the job folders and the upload listing of the dosimetry jobs. */
    private PacsFeature pacsFeature(WebServices services, ServerConfig config) {
        var retrieval = new PacsRetrieval(config.pacsUrl(), jobs, unpacker);
        return new PacsFeature(services, retrieval, new PacsPush(services.store(), retrieval, unpacker), jobs);
    }

    private static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    private static void notSignedIn(Context ctx) {
        if (isApi(ctx)) {
            ctx.status(401)
                    .header("WWW-Authenticate", "Bearer")
                    .json(error(401, "sign in first, or send Authorization: Bearer <API token>"));
        } else if (ctx.header("HX-Request") != null) {
            ctx.status(401).header("HX-Redirect", "/login");
        } else {
            String next = ctx.method() == HandlerType.GET ? ctx.path() : "/";
            ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        }
    }

    private static void invalid(Context ctx, Views views, InvalidInputException e) {
        if (isApi(ctx)) {
            Map<String, Object> body = error(400, "invalid input");
            body.put("fields", e.fields());
            ctx.status(400).json(body);
        } else {
            fail(ctx, views, 400, "Please check what you entered", e.getMessage());
        }
    }

    private static void fail(Context ctx, Views views, int status, String heading, String message) {
        fail(ctx, views, status, heading, message, null);
    }

    private static void fail(Context ctx, Views views, int status, String heading, String message, String incident) {
        ctx.status(status);
        if (isApi(ctx)) {
            ctx.json(error(status, message));
        } else {
            views.render(ctx, "error.jte", heading, new ErrorPage(status, heading, message, incident));
        }
    }

    private static Map<String, Object> error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        return body;
    }
}

package org.netra.app.web.settings;

import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.app.dosimetry.CameraSettings;
import org.netra.app.web.Routes;
import org.netra.app.web.Submission;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.Form;
import org.netra.app.web.input.FormPage;
import org.netra.app.web.input.FormPage.Field;
import org.netra.app.web.input.FormPage.Section;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.store.clinical.CameraCalibrationBook;
import org.netra.store.clinical.CameraCalibrationSettings;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.record.Stored;

/**
 * The department's SPECT camera calibration factors (cps/MBq per camera, collimator, energy window and nuclide),
 * which dosimetry and quantification use for series stored in counts: listed, added, replaced and removed by the
 * administrator or a physicist, each change one versioned, audited save of the store's {@code camera_calibrations}
 * record over the version the editor read.
 */
public final class CalibrationSettingsFeature implements WebFeature {
    static final String PATH = "/admin/calibrations";
    private static final int TEXT = 64;

    private final WebServices services;
    private final CameraCalibrationBook book;

    public CalibrationSettingsFeature(WebServices services) {
        this.services = services;
        this.book = new CameraCalibrationBook(services.store().records());
    }

    /**
     * The factors in force as the API shows them.
     *
     * @param old the ids of factors measured longer than the settings' maximum age ago (as of today)
     */
    public record SettingsView(int version, String savedBy, CameraCalibrationSettings settings, List<String> old) {}

    /** The list page: each factor with its age, and the version the delete buttons name. */
    public record ListPage(int version, String savedBy, int maxAgeMonths, List<Row> rows, String message) {}

    /** One factor on the list page. */
    public record Row(CameraCalibrationSettings.Entry entry, String window, boolean old) {}

    @Override
    public void register(Routes routes) {
        Access editors = Access.requiresAny(Permission.MANAGE_USERS, Permission.APPROVE_DOSIMETRY);
        Access readers =
                Access.requiresAny(Permission.MANAGE_USERS, Permission.APPROVE_DOSIMETRY, Permission.RUN_DOSIMETRY);
        routes.nav("Camera calibrations", PATH, readers);
        routes.page(HandlerType.GET, PATH, readers, ctx -> {
            var current = book.current();
            String message = ctx.queryParam("saved") != null
                    ? "Saved as version " + current.version() + "."
                    : ctx.queryParam("deleted") != null
                            ? "Removed; the settings are now version " + current.version() + "."
                            : "";
            routes.views().render(ctx, "calibrations.jte", "Camera calibrations", listPage(current, message));
        });
        routes.page(
                HandlerType.GET,
                PATH + "/new",
                editors,
                ctx -> Submission.show(routes.views(), ctx, page(book.current(), Optional.empty())));
        routes.page(HandlerType.GET, PATH + "/{id}/edit", editors, ctx -> {
            var current = book.current();
            String id = ctx.pathParam("id");
            var entry = current.value().calibrations().stream()
                    .filter(e -> e.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new io.javalin.http.NotFoundResponse("no camera calibration '" + id + "'"));
            Submission.show(routes.views(), ctx, page(current, Optional.of(entry)));
        });
        routes.page(
                HandlerType.POST,
                PATH,
                editors,
                ctx -> Submission.page(ctx, routes.views(), page(book.current(), Optional.empty()), form -> {
                    save(form, Optional.empty(), Submission.actor(ctx));
                    return PATH + "?saved=1";
                }));
        routes.page(HandlerType.POST, PATH + "/{id}/delete", editors, ctx -> {
            delete(Form.of(ctx), ctx.pathParam("id"), Submission.actor(ctx));
            ctx.redirect(PATH + "?deleted=1", HttpStatus.SEE_OTHER);
        });
        routes.api(
                HandlerType.GET,
                "/api/settings/calibrations",
                readers,
                "the department's camera calibration factors (cps/MBq per camera, collimator, window, nuclide) and"
                        + " their version (0: none saved); old lists those measured longer than maxAgeMonths ago",
                ctx -> ctx.json(view(book.current())));
        routes.api(
                HandlerType.PUT,
                "/api/settings/calibrations/{id}",
                editors,
                "add or replace the calibration {id}: manufacturer, model, device (station name or serial), collimator,"
                        + " windowCentreKeV, windowWidthKeV, nuclide, cpsPerMBq, measuredOn (date), measuredBy,"
                        + " optional maxAgeMonths, and the version read",
                ctx -> Submission.api(
                        ctx, 200, form -> view(save(form, Optional.of(ctx.pathParam("id")), Submission.actor(ctx)))));
        routes.api(
                HandlerType.DELETE,
                "/api/settings/calibrations/{id}",
                editors,
                "remove the calibration {id}; ?version= the version read",
                ctx -> {
                    Map<String, String> v = new LinkedHashMap<>();
                    Optional.ofNullable(ctx.queryParam("version")).ifPresent(s -> v.put("version", s));
                    Form form = new Form(v);
                    try {
                        ctx.json(view(delete(form, ctx.pathParam("id"), Submission.actor(ctx))));
                    } catch (Submission.Refused e) {
                        ctx.status(409).json(Map.of("status", 409, "error", e.getMessage()));
                    }
                });
    }

    Stored<CameraCalibrationSettings> save(Form form, Optional<String> pathId, String actor) {
        int version = form.version();
        String id = pathId.orElseGet(() -> form.text("id", "calibration id", TEXT));
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            form.fail("id", "use letters, digits, '.', '_' or '-' (at most 64), e.g. encore2-room2-melp-lu177");
        }
        String manufacturer = form.text("manufacturer", "manufacturer (0008,0070)", TEXT);
        String model = form.text("model", "model (0008,1090)", TEXT);
        String device = form.text("device", "station name (0008,1010) or device serial (0018,1000)", TEXT);
        String collimator = form.text("collimator", "collimator (0018,1180)", TEXT);
        double centre = form.number("windowCentreKeV", "window centre");
        double width = form.number("windowWidthKeV", "window width");
        String nuclide = form.text("nuclide", "nuclide", 16);
        double sensitivity = form.number("cpsPerMBq", "sensitivity");
        LocalDate measuredOn = form.date("measuredOn", "calibration date");
        String measuredBy = form.text("measuredBy", "who measured it", TEXT);
        Optional<Integer> maxAge = form.optionalInteger("maxAgeMonths", "maximum age");
        if (!form.hasError("windowCentreKeV") && !(centre > 0 && centre < 10_000)) {
            form.fail("windowCentreKeV", "must be a photopeak energy in keV, 0–10000 (177Lu: 208)");
        }
        if (!form.hasError("windowWidthKeV") && !(width > 0 && width < 2 * centre)) {
            form.fail("windowWidthKeV", "must be the window's full width in keV, below twice its centre (±10 %: 41.6)");
        }
        String canonical =
                nuclide == null ? null : NuclideCatalog.canonicalName(nuclide).orElse(null);
        if (!form.hasError("nuclide")
                && (canonical == null
                        || NuclideCatalog.icrp107().find(canonical).isEmpty())) {
            form.fail("nuclide", "is not a nuclide netra knows; write it as Lu-177");
        }
        if (!form.hasError("cpsPerMBq") && !(sensitivity > 0 && sensitivity < 1e6)) {
            form.fail("cpsPerMBq", "must be the measured sensitivity, a positive number of cps/MBq");
        }
        if (!form.hasError("measuredOn") && measuredOn.isAfter(LocalDate.now(services.clock()))) {
            form.fail("measuredOn", "is in the future");
        }
        if (maxAge.isPresent() && (maxAge.get() < 1 || maxAge.get() > 120)) {
            form.fail("maxAgeMonths", "must be 1–120 months");
        }
        form.done();
        var entry = new CameraCalibrationSettings.Entry(
                id,
                manufacturer,
                model,
                device,
                collimator,
                centre,
                width,
                canonical,
                sensitivity,
                measuredOn,
                measuredBy);
        CameraSettings.calibration(entry); // the checks the pipeline will make, before it is stored
        return Submission.saving(
                services.store(),
                ClinicalKinds.CAMERA_CALIBRATIONS,
                CameraCalibrationSettings.ID,
                () -> book.save(
                        version, s -> maxAge.map(s::withMaxAgeMonths).orElse(s).with(entry), actor));
    }

    Stored<CameraCalibrationSettings> delete(Form form, String id, String actor) {
        int version = form.version();
        form.done();
        if (book.current().value().calibrations().stream().noneMatch(e -> e.id().equals(id))) {
            throw new io.javalin.http.NotFoundResponse("no camera calibration '" + id + "'");
        }
        return Submission.saving(
                services.store(),
                ClinicalKinds.CAMERA_CALIBRATIONS,
                CameraCalibrationSettings.ID,
                () -> book.save(version, s -> s.without(id), actor));
    }

    private boolean old(CameraCalibrationSettings s, CameraCalibrationSettings.Entry e) {
        return e.measuredOn().plusMonths(s.maxAgeMonths()).isBefore(LocalDate.now(services.clock()));
    }

    private SettingsView view(Stored<CameraCalibrationSettings> s) {
        return new SettingsView(
                s.version(),
                s.updatedBy(),
                s.value(),
                s.value().calibrations().stream()
                        .filter(e -> old(s.value(), e))
                        .map(CameraCalibrationSettings.Entry::id)
                        .toList());
    }

    private ListPage listPage(Stored<CameraCalibrationSettings> s, String message) {
        List<Row> rows = s.value().calibrations().stream()
                .map(e -> new Row(e, CameraSettings.calibration(e).window().toString(), old(s.value(), e)))
                .toList();
        return new ListPage(s.version(), s.updatedBy(), s.value().maxAgeMonths(), rows, message);
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static FormPage page(
            Stored<CameraCalibrationSettings> current, Optional<CameraCalibrationSettings.Entry> e) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("version", Integer.toString(current.version()));
        v.put("maxAgeMonths", Integer.toString(current.value().maxAgeMonths()));
        e.ifPresentOrElse(
                c -> {
                    v.put("id", c.id());
                    v.put("manufacturer", c.manufacturer());
                    v.put("model", c.model());
                    v.put("device", c.device());
                    v.put("collimator", c.collimator());
                    v.put("windowCentreKeV", plain(c.windowCentreKeV()));
                    v.put("windowWidthKeV", plain(c.windowWidthKeV()));
                    v.put("nuclide", c.nuclide());
                    v.put("cpsPerMBq", plain(c.cpsPerMBq()));
                    v.put("measuredOn", c.measuredOn().toString());
                    v.put("measuredBy", c.measuredBy());
                },
                () -> {
                    v.put("nuclide", "Lu-177");
                    v.put("windowCentreKeV", "208");
                    v.put("windowWidthKeV", "41.6");
                });
        return new FormPage(
                e.isPresent() ? "Camera calibration " + e.get().id() : "New camera calibration",
                "A series stored in counts is converted with the factor whose camera, collimator, window and nuclide"
                        + " match its DICOM header; saving an id that exists replaces it. Settings version "
                        + current.version() + ".",
                PATH,
                List.of(
                        new Section(
                                "Camera (as its DICOM header names it)",
                                "",
                                List.of(
                                        Field.of("version", "", "hidden"),
                                        Field.of("id", "Calibration id", "text")
                                                .hint("e.g. encore2-room2-melp-lu177; stated in every result"),
                                        Field.of("manufacturer", "Manufacturer (0008,0070)", "text"),
                                        Field.of("model", "Model (0008,1090)", "text"),
                                        Field.of("device", "Station name (0008,1010) or serial (0018,1000)", "text"))),
                        new Section(
                                "Set-up",
                                "",
                                List.of(
                                        Field.of("collimator", "Collimator (0018,1180), e.g. MELP", "text"),
                                        Field.of("windowCentreKeV", "Photopeak window centre (keV)", "number"),
                                        Field.of(
                                                "windowWidthKeV",
                                                "Window full width (keV; ±10 % of 208: 41.6)",
                                                "number"),
                                        Field.of("nuclide", "Nuclide", "text"))),
                        new Section(
                                "Measurement",
                                "",
                                List.of(
                                        Field.of("cpsPerMBq", "Sensitivity (cps/MBq)", "number"),
                                        Field.of("measuredOn", "Measured on", "date"),
                                        Field.of("measuredBy", "Measured by", "text"),
                                        Field.of("maxAgeMonths", "Warn when a factor is older than (months)", "number")
                                                .hint("applies to every factor; default 12")))),
                v,
                Map.of(),
                "",
                "Save calibration",
                PATH);
    }
}

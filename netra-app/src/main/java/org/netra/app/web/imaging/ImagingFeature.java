package org.netra.app.web.imaging;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import org.netra.app.report.Plot;
import org.netra.app.viewer.Plane;
import org.netra.app.viewer.Scene;
import org.netra.app.viewer.SceneRenderer;
import org.netra.app.viewer.Slicer;
import org.netra.app.viewer.Studies;
import org.netra.app.viewer.VoxelReadout;
import org.netra.app.viewer.Windowing;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.dosimetry.UploadRefusedException;
import org.netra.app.web.input.PageNumber;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.dosimetry.cycle.CycleInputException;

/**
 * The imaging viewer: axial, coronal and sagittal slices and a MIP of a PET or SPECT study, with CT
 * fusion, VOI outlines and a dose map, rendered on the server to PNG (no patient pixels leave as raw
 * data) and scrolled by a small script.
 */
public final class ImagingFeature implements WebFeature {
    static final int DEFAULT_SIZE = 384;
    private final Studies studies;
    private final CdImports cds;

    /** @param cds imports patient CDs into the store {@code studies} lists */
    public ImagingFeature(Studies studies, CdImports cds) {
        this.studies = studies;
        this.cds = cds;
    }

    /**
     * The study list: one page of the studies whose title or id contains {@code query} (case-insensitive),
     * {@link #STUDIES_PER_PAGE} a page, and the studies a CD import just added (named whatever the page).
     */
    public record StudiesPage(
            List<Studies.Study> studies,
            List<Studies.Study> justImported,
            boolean canImport,
            String error,
            String query,
            int total,
            int matching,
            int page,
            int pages) {
        /** The link to page {@code n} with this page's filter. */
        public String link(int n) {
            return "/imaging?page=" + n
                    + (query.isEmpty()
                            ? ""
                            : "&q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static final int STUDIES_PER_PAGE = 50;

    /** A CD's series to pick from, and why the last pick was refused. */
    public record CdPage(CdImports.Listing listing, String error) {}

    /** One VOI's name and its outline colour class. */
    public record Voi(String name, int colour) {}

    /** A study's layout for the page and the API: slices per plane and layers. */
    public record StudyView(
            String id,
            String title,
            int axial,
            int coronal,
            int sagittal,
            boolean ct,
            boolean dose,
            String doseNote,
            String unit,
            boolean suv,
            List<Voi> vois) {
        public int middle(int count) {
            return count / 2;
        }
    }

    /**
     * A study whose emission image is still being simulated: its title, the simulation's progress, and the CT's
     * slice counts for the CT-only panels.
     */
    public record SimulatingView(String id, String title, int percent, String step, Slicer ct) {
        public int middle(Plane plane) {
            return ct.count(plane) / 2;
        }
    }

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.nav("Imaging", "/imaging", viewers);
        routes.page(HandlerType.GET, "/imaging", viewers, ctx -> routes.views()
                .render(ctx, "imaging.jte", "Imaging", page(ctx, "")));
        Access importers = Access.requires(Permission.RUN_DOSIMETRY);
        routes.page(HandlerType.POST, "/imaging/cd", importers, ctx -> {
            try {
                var listing = receive(ctx);
                ctx.redirect("/imaging/cd/" + listing.id(), HttpStatus.SEE_OTHER);
            } catch (CycleInputException e) {
                ctx.status(e instanceof UploadRefusedException ? 413 : 400);
                routes.views().render(ctx, "imaging.jte", "Imaging", page(ctx, "zip: " + e.getMessage()));
            }
        });
        routes.page(HandlerType.GET, "/imaging/cd/{id}", importers, ctx -> routes.views()
                .render(ctx, "imaging-cd.jte", "Import a patient CD", new CdPage(listing(ctx), "")));
        routes.page(HandlerType.POST, "/imaging/cd/{id}", importers, ctx -> {
            var listing = listing(ctx);
            try {
                cds.importSeries(listing, ctx.formParams("series"), user(ctx));
                ctx.redirect("/imaging?imported=" + listing.id(), HttpStatus.SEE_OTHER);
            } catch (CycleInputException e) {
                ctx.status(400);
                routes.views()
                        .render(ctx, "imaging-cd.jte", "Import a patient CD", new CdPage(listing, e.getMessage()));
            }
        });
        routes.page(HandlerType.GET, "/imaging/{study}", viewers, ctx -> {
            String id = ctx.pathParam("study");
            switch (open(id)) {
                case Studies.Opened o -> {
                    StudyView v = view(id, o.scene());
                    routes.views().render(ctx, "viewer.jte", v.title(), v);
                }
                case Studies.Simulating s -> {
                    var v = new SimulatingView(id, s.title(), s.percent(), s.step(), new Slicer(s.ct().geometry()));
                    routes.views().render(ctx, "viewer-simulating.jte", v.title(), v);
                }
            }
        });
        // while a twin's SPECT is simulated: its CT alone, and the progress the page follows until it reloads
        routes.page(HandlerType.GET, "/imaging/{study}/ct-only", viewers, ctx -> {
            String id = ctx.pathParam("study");
            byte[] png;
            try {
                Plane plane = plane(ctx);
                int slice = Boolean.parseBoolean(ctx.queryParam("mip")) ? -1 : intParam(ctx, "slice", 0);
                int size = intParam(ctx, "size", DEFAULT_SIZE);
                png = Plot.png(
                        switch (open(id)) {
                            // done meanwhile: the study as the viewer draws it, CT fused
                            case Studies.Opened o ->
                                SceneRenderer.render(
                                        o.scene(),
                                        new SceneRenderer.View(
                                                plane,
                                                slice,
                                                true,
                                                false,
                                                false,
                                                size,
                                                ctWindow(ctx),
                                                Windowing.DEFAULT_SCALE));
                            case Studies.Simulating s ->
                                SceneRenderer.renderCtOnly(s, plane, slice, ctWindow(ctx), size);
                        });
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
            ctx.contentType("image/png").result(png);
        });
        routes.page(HandlerType.GET, "/imaging/{study}/simulation", viewers, ctx -> {
            String id = ctx.pathParam("study");
            switch (open(id)) {
                case Studies.Opened o -> {
                    // htmx reloads the page, which is now the whole viewer
                    ctx.header("HX-Refresh", "true");
                    ctx.html("<p>The SPECT is simulated; showing the study.</p>");
                }
                case Studies.Simulating s -> {
                    var v = new SimulatingView(id, s.title(), s.percent(), s.step(), new Slicer(s.ct().geometry()));
                    routes.views().render(ctx, "viewer-simulation-progress.jte", v.title(), v);
                }
            }
        });
        routes.page(HandlerType.GET, "/imaging/{study}/render", viewers, ctx -> {
            Scene scene = scene(ctx.pathParam("study"));
            int slice = intParam(ctx, "slice", 0);
            if (slice < 0) {
                // a negative index would silently mean the MIP, which has its own parameter
                throw new BadRequestResponse("slice must be 0 or more (mip=true for the MIP), got " + slice);
            }
            byte[] png;
            try {
                var view = new SceneRenderer.View(
                        plane(ctx),
                        Boolean.parseBoolean(ctx.queryParam("mip")) ? -1 : slice,
                        flag(ctx, "fusion"),
                        flag(ctx, "voi"),
                        flag(ctx, "dose"),
                        intParam(ctx, "size", DEFAULT_SIZE),
                        ctWindow(ctx),
                        scale(ctx),
                        isodoses(ctx));
                png = Plot.png(SceneRenderer.render(scene, view));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
            ctx.contentType("image/png").result(png);
        });
        routes.page(HandlerType.GET, "/imaging/{study}/colourbar", viewers, ctx -> {
            Scene scene = scene(ctx.pathParam("study"));
            byte[] png;
            try {
                var view = new SceneRenderer.View(
                        Plane.AXIAL, 0, true, false, true, DEFAULT_SIZE, ctWindow(ctx), scale(ctx));
                png = Plot.png(SceneRenderer.colourBar(
                        scene,
                        view,
                        SceneRenderer.Layer.parse(
                                ctx.queryParamAsClass("layer", String.class).getOrDefault("emission")),
                        intParam(ctx, "width", DEFAULT_SIZE)));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
            ctx.contentType("image/png").result(png);
        });
        routes.api(
                HandlerType.GET,
                "/api/imaging/{study}/value",
                viewers,
                "the values under the cursor: ?plane=&slice=&col=&row= (pixel of the slice) or &u=&v= (0–1 across"
                        + " and down the image); Bq/mL, SUV, Gy and HU where the study has them, with the voxel and"
                        + " its position (mm)",
                ctx -> ctx.json(readout(ctx)));
        routes.api(
                HandlerType.GET,
                "/api/imaging",
                viewers,
                "imaging studies the viewer can show",
                ctx -> ctx.json(studies.list()));
        routes.api(
                HandlerType.GET,
                "/api/imaging/{study}",
                viewers,
                "a study's slices per plane, VOIs and layers; images at /imaging/{study}/render",
                ctx -> ctx.json(view(ctx.pathParam("study"))));
    }

    private StudiesPage page(Context ctx, String error) {
        int page = PageNumber.of(ctx);
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        String imported = ctx.queryParam("imported");
        String cd = imported == null || !imported.matches("[0-9a-f]{8}") ? "" : imported;
        List<Studies.Study> all = studies.list();
        String needle = q.toLowerCase(java.util.Locale.ROOT);
        List<Studies.Study> kept = all.stream()
                .filter(st -> needle.isEmpty()
                        || st.title().toLowerCase(java.util.Locale.ROOT).contains(needle)
                        || st.id().contains(needle))
                .toList();
        int pages = Math.max(1, (kept.size() + STUDIES_PER_PAGE - 1) / STUDIES_PER_PAGE);
        int shown = Math.min(Math.max(1, page), pages);
        return new StudiesPage(
                kept.subList((shown - 1) * STUDIES_PER_PAGE, Math.min(kept.size(), shown * STUDIES_PER_PAGE)),
                // by the folder (cd-<upload>-<n>/…, lower-cased into the id): the title starts with the patient's name
                cd.isEmpty()
                        ? List.of()
                        : all.stream()
                                .filter(st -> st.id().startsWith("cd-" + cd + "-"))
                                .toList(),
                RequestSecurity.user(ctx)
                        .map(u -> u.can(Permission.RUN_DOSIMETRY))
                        .orElse(false),
                error,
                q,
                all.size(),
                kept.size(),
                shown,
                pages);
    }

    private static String user(Context ctx) {
        return RequestSecurity.user(ctx).orElseThrow().username();
    }

    private CdImports.Listing receive(Context ctx) throws java.io.IOException {
        return cds.unpacker()
                .fromForm(
                        ctx,
                        "choose the zip of a patient CD (its DICOMDIR and folders)",
                        (name, zip) -> cds.receive(user(ctx), name, zip));
    }

    private CdImports.Listing listing(Context ctx) throws java.io.IOException {
        String id = ctx.pathParam("id");
        return cds.listing(user(ctx), id)
                .orElseThrow(() -> new NotFoundResponse("There is no patient CD " + id
                        + " of yours waiting to be imported (imported already, or expired): upload it again."));
    }

    private VoxelReadout readout(Context ctx) {
        Scene scene = scene(ctx.pathParam("study"));
        Plane plane = plane(ctx);
        var slicer = scene.slicer();
        int slice = intParam(ctx, "slice", slicer.count(plane) / 2);
        int[] size = slicer.size(plane);
        int col;
        int row;
        if (ctx.queryParam("u") != null || ctx.queryParam("v") != null) {
            col = (int) Math.floor(fraction(ctx, "u") * size[0]);
            row = (int) Math.floor(fraction(ctx, "v") * size[1]);
        } else {
            col = intParam(ctx, "col", -1);
            row = intParam(ctx, "row", -1);
        }
        try {
            int[] ijk = slicer.voxelAt(plane, slice, col, row);
            return scene.readout(ijk[0], ijk[1], ijk[2]);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private static double fraction(Context ctx, String name) {
        String v = ctx.queryParam(name);
        try {
            double f = Double.parseDouble(v == null ? "" : v.strip());
            if (f >= 0 && f < 1) {
                return f;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new BadRequestResponse(
                name + " must be a fraction of the image from 0 up to (not including) 1, got '" + v + "'");
    }

    private static Windowing.CtWindow ctWindow(Context ctx) {
        try {
            return Windowing.CtWindow.parse(
                    ctx.queryParamAsClass("ct", String.class).getOrDefault("soft"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private static Windowing.EmissionScale scale(Context ctx) {
        String s = ctx.queryParam("scale");
        if (s == null || s.isBlank()) {
            return Windowing.DEFAULT_SCALE;
        }
        try {
            return Windowing.EmissionScale.parse(s);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private Scene scene(String id) {
        return studies.scene(id).orElseThrow(() -> new NotFoundResponse("There is no imaging study " + id + "."));
    }

    private Studies.Opening open(String id) {
        return studies.open(id).orElseThrow(() -> new NotFoundResponse("There is no imaging study " + id + "."));
    }

    private StudyView view(String id) {
        return view(id, scene(id));
    }

    private static StudyView view(String id, Scene s) {
        List<Voi> vois = new ArrayList<>();
        for (int i = 0; i < s.vois().size(); i++) {
            vois.add(new Voi(s.vois().get(i).name(), i % SceneRenderer.VOI_COLOURS.length));
        }
        var sl = s.slicer();
        return new StudyView(
                id,
                s.title(),
                sl.count(Plane.AXIAL),
                sl.count(Plane.CORONAL),
                sl.count(Plane.SAGITTAL),
                s.ct().isPresent(),
                s.dose().isPresent(),
                s.doseNote(),
                s.emission().unit().symbol(),
                s.suvPerBqMl().isPresent(),
                vois);
    }

    private static Plane plane(Context ctx) {
        try {
            return Plane.parse(ctx.queryParamAsClass("plane", String.class).getOrDefault("axial"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private static boolean flag(Context ctx, String name) {
        return "1".equals(ctx.queryParam(name)) || Boolean.parseBoolean(ctx.queryParam(name));
    }

    /** {@code isodose=2,5,10}: the isodose levels in Gy (none when absent); a level that is not a dose is a 400. */
    private static List<Double> isodoses(Context ctx) {
        String raw = ctx.queryParam("isodose");
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<Double> levels = new java.util.ArrayList<>();
        for (String part : raw.split(",")) {
            try {
                levels.add(Double.parseDouble(part.strip()));
            } catch (NumberFormatException e) {
                throw new BadRequestResponse(
                        "isodose: levels are doses in Gy separated by commas (e.g. 2,5,10), got '" + part + "'");
            }
        }
        return levels;
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(name + " must be a whole number, got '" + v + "'");
        }
    }
}

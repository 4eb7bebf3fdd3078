package org.netra.app.web.imaging;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import org.netra.app.report.Plot;
import org.netra.app.viewer.Plane;
import org.netra.app.viewer.Scene;
import org.netra.app.viewer.SceneRenderer;
import org.netra.app.viewer.Studies;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;

/**
 * The imaging viewer: axial, coronal and sagittal slices and a MIP of a PET or SPECT study, with CT
 * fusion, VOI outlines and a dose map, rendered on the server to PNG (no patient pixels leave as raw
 * data) and scrolled by a small script.
 */
public final class ImagingFeature implements WebFeature {
    static final int DEFAULT_SIZE = 384;
    private final Studies studies;

    public ImagingFeature(Studies studies) {
        this.studies = studies;
    }

    /** The list page. */
    public record StudiesPage(List<Studies.Study> studies) {}

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
            List<Voi> vois) {
        public int middle(int count) {
            return count / 2;
        }
    }

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.nav("Imaging", "/imaging", viewers);
        routes.page(HandlerType.GET, "/imaging", viewers, ctx -> routes.views()
                .render(ctx, "imaging.jte", "Imaging", new StudiesPage(studies.list())));
        routes.page(HandlerType.GET, "/imaging/{study}", viewers, ctx -> {
            StudyView v = view(ctx.pathParam("study"));
            routes.views().render(ctx, "viewer.jte", v.title(), v);
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
                        intParam(ctx, "size", DEFAULT_SIZE));
                png = Plot.png(SceneRenderer.render(scene, view));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
            ctx.contentType("image/png").result(png);
        });
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

    private Scene scene(String id) {
        return studies.scene(id).orElseThrow(() -> new NotFoundResponse("There is no imaging study " + id + "."));
    }

    private StudyView view(String id) {
        Scene s = scene(id);
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

package org.netra.app.web.settings;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netra.app.cyclezero.VirtualCycleZero;
import org.netra.app.web.Routes;
import org.netra.app.web.Submission;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.Form;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.dosimetry.population.RegionKind;
import org.netra.physics.quantity.Times;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CycleZeroBook;
import org.netra.store.clinical.CycleZeroSettings;
import org.netra.store.clinical.PopulationModelBook;
import org.netra.store.clinical.PopulationModelSettings;
import org.netra.store.record.Stored;

/**
 * The department's population model (issue 19): what is in force per region, a refit from every stored cycle, and
 * the accepted probability of crossing a limit with the next cycle. Admins and physicists change it; each change is
 * one audited save over the version read.
 */
public final class PopulationSettingsFeature implements WebFeature {
    static final String PATH = "/admin/population";

    private final WebServices services;
    private final PopulationModelBook book;

    public PopulationSettingsFeature(WebServices services) {
        this.services = services;
        this.book = new PopulationModelBook(services.store().records());
    }

    /** The page: the model in force and the two forms. */
    public record Page(
            int version,
            String savedBy,
            String fittedOn,
            List<Region> regions,
            List<String> doseModels,
            String riskLevelPercent,
            List<String> refitNotes,
            Map<String, String> errors,
            String message,
            CycleZeroPredictors cycleZero) {}

    /**
     * The virtual-cycle-0 predictors in force: their version (0: the published defaults), who saved them, one line
     * per fitted region, and what the last recalibration from this page did.
     */
    public record CycleZeroPredictors(int version, String savedBy, List<String> fits, String message) {}

    /**
     * What a recalibration saved: the new version over the previous one, how many courses with a virtual cycle 0 and
     * a measured cycle 1 it rests on, and each region's fit in words.
     */
    public record CycleZeroRecalibration(int version, int previousVersion, int patients, List<String> fits) {
        String sentence() {
            return "Cycle-0 predictors recalibrated from " + patients + (patients == 1 ? " patient" : " patients")
                    + " and saved as version " + version + " (was " + previousVersion + ").";
        }
    }

    /** One region kind's prior in force. */
    public record Region(String kind, String halfLife, String betweenPatients, String source) {}

    @Override
    public void register(Routes routes) {
        Access editors = Access.requiresAny(Permission.MANAGE_USERS, Permission.APPROVE_DOSIMETRY);
        Access readers =
                Access.requiresAny(Permission.MANAGE_USERS, Permission.APPROVE_DOSIMETRY, Permission.RUN_DOSIMETRY);
        routes.nav("Population model", PATH, readers);
        routes.page(HandlerType.GET, PATH, readers, ctx -> render(routes, ctx, List.of(), Map.of(), message(ctx)));
        routes.page(HandlerType.POST, PATH + "/refit", editors, ctx -> {
            Form form = Form.of(ctx);
            try {
                int version = form.version();
                form.done();
                // the fit reads and computes outside any transaction; only its save is one
                var refit = Submission.saving(
                        services.store(),
                        ClinicalKinds.POPULATION_MODEL,
                        PopulationModelSettings.ID,
                        () -> book.refit(version, Submission.actor(ctx)));
                List<String> notes = new ArrayList<>();
                refit.regions().forEach((k, v) -> notes.add(k.label() + ": " + v));
                notes.addAll(refit.notes());
                render(
                        routes,
                        ctx,
                        notes,
                        Map.of(),
                        "Refitted and saved as version " + refit.saved().version() + ".");
            } catch (InvalidInputException e) {
                ctx.status(400);
                render(routes, ctx, List.of(), e.fields(), "");
            } catch (Submission.Refused e) {
                ctx.status(409);
                render(routes, ctx, List.of(), Map.of(), e.getMessage());
            }
        });
        routes.page(HandlerType.POST, PATH + "/cycle-zero", editors, ctx -> {
            try {
                var done = recalibrateCycleZero(Form.of(ctx), ctx);
                render(routes, ctx, List.of(), Map.of(), "", done.sentence());
            } catch (InvalidInputException e) {
                ctx.status(400);
                render(routes, ctx, List.of(), e.fields(), "", "");
            } catch (Submission.Refused e) {
                ctx.status(409);
                render(routes, ctx, List.of(), Map.of(), "", e.getMessage());
            }
        });
        routes.api(
                HandlerType.POST,
                "/api/population/cycle-zero/recalibrate",
                editors,
                "recalibrate the virtual-cycle-0 predictors from every course with a measured cycle 1, over"
                        + " {version}; 200 with the new version and the patients used, 409 when stale or nothing"
                        + " is measured",
                ctx -> Submission.api(ctx, 200, form -> recalibrateCycleZero(form, ctx)));
        routes.page(HandlerType.POST, PATH + "/risk-level", editors, ctx -> {
            Form form = Form.of(ctx);
            try {
                int version = form.version();
                double percent = form.number("riskLevel", "Accepted risk (%)");
                form.done();
                if (!(percent > 0 && percent <= 50)) {
                    throw new InvalidInputException(Map.of(
                            "riskLevel",
                            "Accepted risk (%) must be above 0 and at most 50, got "
                                    + String.format(Locale.ROOT, "%s", percent)));
                }
                Submission.saving(
                        services.store(),
                        ClinicalKinds.POPULATION_MODEL,
                        PopulationModelSettings.ID,
                        () -> book.saveRiskLevel(version, percent / 100, Submission.actor(ctx)));
                ctx.redirect(PATH + "?saved=1", HttpStatus.SEE_OTHER);
            } catch (InvalidInputException e) {
                ctx.status(400);
                render(routes, ctx, List.of(), e.fields(), "");
            } catch (Submission.Refused e) {
                ctx.status(409);
                render(routes, ctx, List.of(), Map.of(), e.getMessage());
            }
        });
    }

    /**
     * The same recalibration as {@code netra cycle-zero recalibrate}, over the version the form or request was filled
     * from: one audited save; a stale version or nothing to recalibrate from is refused (409).
     */
    private CycleZeroRecalibration recalibrateCycleZero(Form form, Context ctx) {
        int version = form.version();
        form.done();
        var cycleZero = new VirtualCycleZero(services.store().records());
        int patients = cycleZero.measuredCourses();
        try {
            var saved = Submission.saving(
                    services.store(),
                    ClinicalKinds.CYCLE_ZERO_SETTINGS,
                    CycleZeroSettings.ID,
                    () -> cycleZero.recalibrate(version, Submission.actor(ctx)));
            return new CycleZeroRecalibration(saved.version(), version, patients, fitLines(saved.value()));
        } catch (IllegalArgumentException e) {
            // nothing measured yet: the state, not the request, is what is wrong
            throw new Submission.Refused("Not recalibrated: " + e.getMessage() + ".");
        }
    }

    private static List<String> fitLines(CycleZeroSettings settings) {
        return settings.fits().stream().map(CycleZeroSettings.Fit::describe).toList();
    }

    private static String message(Context ctx) {
        return ctx.queryParam("saved") != null ? "Saved." : "";
    }

    private void render(Routes routes, Context ctx, List<String> notes, Map<String, String> errors, String message) {
        render(routes, ctx, notes, errors, message, "");
    }

    private void render(
            Routes routes,
            Context ctx,
            List<String> notes,
            Map<String, String> errors,
            String message,
            String cycleZeroMessage) {
        Stored<PopulationModelSettings> s = book.current();
        Stored<CycleZeroSettings> zero = new CycleZeroBook(services.store().records()).current();
        var model = s.value().model();
        List<Region> regions = new ArrayList<>();
        for (RegionKind kind : RegionKind.values()) {
            var p = model.priorFor(kind);
            regions.add(new Region(
                    kind.label(),
                    String.format(Locale.ROOT, "%.1f h", Times.hours(p.typicalEffectiveHalfLife())),
                    String.format(Locale.ROOT, "%.2f", p.betweenPatientLogSd()),
                    p.source()));
        }
        routes.views()
                .render(
                        ctx,
                        "population.jte",
                        "Population model",
                        new Page(
                                s.version(),
                                s.version() == 0 ? null : s.updatedBy(),
                                model.fittedOn(),
                                regions,
                                List.of(
                                        model.kidneyDoseInForce().describe(),
                                        model.marrowDoseInForce().describe()),
                                String.format(
                                        Locale.ROOT, "%.1f", 100 * s.value().riskLevel()),
                                notes,
                                errors,
                                message,
                                new CycleZeroPredictors(
                                        zero.version(),
                                        zero.version() == 0 ? null : zero.updatedBy(),
                                        fitLines(zero.value()),
                                        cycleZeroMessage)));
    }
}

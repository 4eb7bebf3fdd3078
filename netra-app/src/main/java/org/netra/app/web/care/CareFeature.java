package org.netra.app.web.care;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.FormPost;
import org.netra.app.web.input.Submitted;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.app.web.therapy.TherapyCycle;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.record.Stored;

/**
 * The cycle's work page ({@code /patients/{id}/cycles/{n}}, every clinical role) and the nurse's part of it:
 * the administration and isolation, dose-rate readings at 1 m and, from them, the release check; and the
 * patient's isolation-room stays ({@code /patients/{id}/stays}). Pages and JSON API share one validation.
 */
public final class CareFeature implements WebFeature {
    private final WebServices services;
    private final Bedside bedside;
    private final Stays stays;
    private final CyclePages pages;
    private final AdministrationReports reports;

    public CareFeature(WebServices services) {
        this.services = services;
        this.bedside = new Bedside(services.store(), services.clock());
        this.stays = new Stays(services.store());
        this.pages = new CyclePages(services, bedside);
        this.reports = new AdministrationReports(services.store(), services.clock());
    }

    /** A patient's stays with the forms to book, move and cancel them. */
    public record StaysPage(
            String patientId,
            String patientName,
            List<String> rooms,
            List<Stored<org.netra.clinical.therapy.RoomBooking>> stays,
            Map<String, String> form,
            Map<String, String> errors,
            String notice) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        Access carers = Access.requires(Permission.RECORD_CARE);
        routes.page(
                HandlerType.GET,
                "/patients/{id}/cycles/{cycle}",
                viewers,
                ctx -> pages.show(routes, ctx, "", Map.of(), Map.of(), ctx.queryParam("done")));
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/cycles/{cycle}",
                viewers,
                "one cycle's work: approval, dispensing and administered activity, administration, isolation,"
                        + " dose-rate readings and the release check",
                ctx -> ctx.json(pages.page(ctx, "", Map.of(), Map.of(), null)));

        routes.page(
                HandlerType.POST,
                "/patients/{id}/cycles/{cycle}/administration",
                carers,
                ctx -> form(
                        routes,
                        pages,
                        ctx,
                        "administration",
                        f -> bedside.saveAdministration(cycle(ctx), f, actor(ctx))));
        routes.api(
                HandlerType.PUT,
                "/api/patients/{id}/cycles/{cycle}/administration",
                carers,
                "record the administration time and isolation start/end (nurse): {administered, isolationStart,"
                        + " isolationEnd, version}, times to the minute; isolation ends only when releasable",
                ctx -> ctx.json(bedside.saveAdministration(
                        cycle(ctx),
                        Submitted.json(ctx, "{administered, isolationStart, isolationEnd, version}"),
                        actor(ctx))));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/cycles/{cycle}/dose-rates",
                carers,
                ctx -> form(routes, pages, ctx, "reading", f -> bedside.addReading(cycle(ctx), f, actor(ctx))));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/cycles/{cycle}/dose-rates",
                carers,
                "add a dose-rate reading at 1 m (nurse): {at, rate, rateUnit: µSv/h|mSv/h, version}; recomputes the"
                        + " release check and the restrictions",
                ctx -> ctx.status(201)
                        .json(bedside.addReading(
                                cycle(ctx), Submitted.json(ctx, "{at, rate, rateUnit, version}"), actor(ctx))));

        Access recorders = Access.requiresAny(Permission.DISPENSE, Permission.RECORD_CARE);
        routes.page(
                HandlerType.GET,
                "/patients/{id}/cycles/{cycle}/rrdsr.dcm",
                viewers,
                ctx -> reports.download(cycle(ctx), ctx));
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/cycles/{cycle}/rrdsr",
                viewers,
                "the cycle's administration as a Radiopharmaceutical Radiation Dose SR (application/dicom); 400 until"
                        + " both the dispensing and the administration are recorded",
                ctx -> reports.download(cycle(ctx), ctx));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/cycles/{cycle}/rrdsr",
                recorders,
                ctx -> form(routes, pages, ctx, "rrdsr", f -> {
                    try {
                        reports.fileUpload(cycle(ctx), ctx, actor(ctx));
                    } catch (java.io.IOException e) {
                        throw new org.netra.app.web.input.InvalidInputException(
                                Map.of("rrdsr", "the upload could not be read: " + e.getMessage()));
                    }
                }));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/cycles/{cycle}/rrdsr",
                recorders,
                "file a hot lab's or injector's Radiopharmaceutical Radiation Dose SR (body: application/dicom) as"
                        + " the cycle's dispensing and administration time (radiopharmacist, nurse); 400 naming what"
                        + " does not match the patient's course",
                ctx -> ctx.status(201)
                        .json(reports.file(cycle(ctx), ctx.bodyInputStream(), "the request body", actor(ctx))));

        routes.page(
                HandlerType.GET,
                "/patients/{id}/stays",
                viewers,
                ctx -> showStays(
                        routes,
                        ctx,
                        Map.of(),
                        Map.of(),
                        Optional.ofNullable(ctx.queryParam("done")).orElse("")));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/stays",
                carers,
                ctx -> staysForm(routes, ctx, f -> stays.create(patientId(ctx), f, actor(ctx))));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/stays/{room}/{admission}/move",
                carers,
                ctx -> staysForm(routes, ctx, f -> stays.move(stay(ctx), f, actor(ctx))));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/stays/{room}/{admission}/cancel",
                carers,
                ctx -> staysForm(routes, ctx, f -> stays.cancel(stay(ctx), f, actor(ctx))));
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/stays",
                viewers,
                "a patient's isolation-room stays with their versions",
                ctx -> ctx.json(stays.of(patientId(ctx))));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/stays",
                carers,
                "book an isolation-room stay: {room, admission, discharge}; 409 when it clashes with another stay",
                ctx -> ctx.status(201)
                        .json(stays.create(
                                patientId(ctx), Submitted.json(ctx, "{room, admission, discharge}"), actor(ctx))));
        routes.api(
                HandlerType.PUT,
                "/api/patients/{id}/stays/{room}/{admission}",
                carers,
                "move a stay to another room or days: {room, admission, discharge, version}; 409 on a clash or a"
                        + " stale version",
                ctx -> ctx.json(stays.move(
                        stay(ctx), Submitted.json(ctx, "{room, admission, discharge, version}"), actor(ctx))));
        routes.api(
                HandlerType.DELETE,
                "/api/patients/{id}/stays/{room}/{admission}",
                carers,
                "cancel a stay: {version}",
                ctx -> {
                    stays.cancel(stay(ctx), Submitted.json(ctx, "{version}"), actor(ctx));
                    ctx.status(204);
                });
    }

    /** A cycle-page form: saved, back to the cycle's page; refused, the page again with the form's errors. */
    public static void form(Routes routes, CyclePages pages, Context ctx, String which, FormPost.Save save) {
        FormPost.handle(
                ctx,
                save,
                "/patients/" + ctx.pathParam("id") + "/cycles/" + ctx.pathParam("cycle") + "?done=" + which,
                (typed, errors) -> pages.show(routes, ctx, which, typed, errors, null));
    }

    private void staysForm(Routes routes, Context ctx, FormPost.Save save) {
        FormPost.handle(
                ctx,
                save,
                "/patients/" + patientId(ctx) + "/stays?done=saved",
                (typed, errors) -> showStays(routes, ctx, typed, errors, ""));
    }

    private void showStays(
            Routes routes, Context ctx, Map<String, String> typed, Map<String, String> errors, String done) {
        String pid = patientId(ctx);
        var patient = services.store().records().get(ClinicalKinds.PATIENT, pid).value();
        var page = new StaysPage(
                pid,
                patient.name(),
                org.netra.app.web.patient.CyclePlanner.ROOMS,
                stays.of(pid),
                typed,
                errors,
                done.isEmpty() ? "" : "Saved.");
        routes.views().render(ctx, "stays.jte", "Stays · " + patient.name(), page);
    }

    private TherapyCycle cycle(Context ctx) {
        return TherapyCycle.resolve(services.store(), ctx.pathParam("id"), ctx.pathParam("cycle"));
    }

    private String patientId(Context ctx) {
        return TherapyCycle.requirePatient(services.store(), ctx.pathParam("id"))
                .id();
    }

    private Stored<org.netra.clinical.therapy.RoomBooking> stay(Context ctx) {
        return stays.find(patientId(ctx), ctx.pathParam("room"), ctx.pathParam("admission"));
    }

    static String actor(Context ctx) {
        return RequestSecurity.user(ctx).orElseThrow().username();
    }
}

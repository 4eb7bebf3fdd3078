package org.netra.app.web.approval;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.FieldErrors;
import org.netra.app.web.input.JsonBody;
import org.netra.app.web.input.Refused;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.app.web.therapy.TherapyCycle;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.record.RecordKind;

/**
 * Approving dosimetry (physicists only) and cycles (physicians only), as pages' form targets and as API
 * calls. A cycle is approved only when it exists and is pending ({@link CycleApproval}).
 */
public final class ApprovalFeature implements WebFeature {
    static final int MAX_NOTE = 500;
    private final WebServices services;
    private final CycleApproval cycles;

    public ApprovalFeature(WebServices services) {
        this.services = services;
        this.cycles = new CycleApproval(services.store(), services.clock());
    }

    /** An API request body: an optional note. */
    public record ApprovalRequest(String note) {}

    @Override
    public void register(Routes routes) {
        var dosimetry = Access.requires(Permission.APPROVE_DOSIMETRY);
        var cycle = Access.requires(Permission.APPROVE_CYCLE);
        routes.api(
                HandlerType.POST,
                "/api/dosimetry/{resultId}/approve",
                dosimetry,
                "approve a cycle's dosimetry result (physicist)",
                ctx -> ctx.json(approve(ctx, Approval.DOSIMETRY, "resultId", apiNote(ctx))));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/cycles/{cycle}/approve",
                cycle,
                "approve a pending cycle for administration (physician); 404 for a cycle that does not exist, 409 for"
                        + " one given, approved or stopped; books its isolation room in the same transaction",
                ctx -> ctx.json(approveCycle(ctx, apiNote(ctx))));
        routes.page(HandlerType.POST, "/dosimetry/{resultId}/approve", dosimetry, ctx -> routes.views()
                .render(
                        ctx,
                        "approval.jte",
                        "Approved",
                        approve(ctx, Approval.DOSIMETRY, "resultId", ctx.formParam("note"))));
        routes.page(HandlerType.POST, "/patients/{id}/cycles/{cycle}/approve", cycle, ctx -> {
            approveCycle(ctx, ctx.formParam("note"));
            ctx.redirect(
                    "/patients/" + ctx.pathParam("id") + "/cycles/" + ctx.pathParam("cycle") + "?done=approved",
                    io.javalin.http.HttpStatus.SEE_OTHER);
        });
    }

    private Approval approve(Context ctx, RecordKind<Approval> kind, String idParam, String note) {
        String id = ctx.pathParam(idParam);
        String text = note == null ? "" : note.strip();
        new FieldErrors()
                .check(id.matches("[A-Za-z0-9._-]{1,64}"), idParam, "1–64 letters, digits, '.', '-' or '_'")
                .check(text.length() <= MAX_NOTE, "note", "at most " + MAX_NOTE + " characters")
                .check(
                        services.store().records().find(kind, id).isEmpty(),
                        idParam,
                        "already approved; an approval is not given twice")
                .throwIfAny();
        // only a result netra holds can be approved: an approval of nothing would stand in the audit trail
        if (services.store().records().find(ClinicalKinds.DOSIMETRY, id).isEmpty()) {
            throw Refused.notFound("no dosimetry result '" + id + "': approve a result attached to a cycle"
                    + " (its id is on the cycle's dosimetry page)");
        }
        String actor = RequestSecurity.user(ctx).orElseThrow().username();
        var approval = new Approval(id, actor, services.clock().instant(), text);
        services.store().records().create(kind, approval, actor);
        return approval;
    }

    private Approval approveCycle(Context ctx, String note) {
        String text = note == null ? "" : note.strip();
        new FieldErrors()
                .check(text.length() <= MAX_NOTE, "note", "at most " + MAX_NOTE + " characters")
                .throwIfAny();
        var c = TherapyCycle.resolve(services.store(), ctx.pathParam("id"), ctx.pathParam("cycle"));
        return cycles.approve(c, text, RequestSecurity.user(ctx).orElseThrow().username());
    }

    private static String apiNote(Context ctx) {
        if (ctx.body().isBlank()) {
            return "";
        }
        return JsonBody.read(ctx, ApprovalRequest.class, "{\"note\": \"...\"}").note();
    }
}

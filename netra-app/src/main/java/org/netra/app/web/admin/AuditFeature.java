package org.netra.app.web.admin;

import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Set;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.input.PageNumber;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.ApiToken;
import org.netra.app.web.security.Credential;
import org.netra.app.web.security.Permission;
import org.netra.store.audit.AuditEvent;

/** The audit trail for the administrator: who changed what, when, before and after. */
public final class AuditFeature implements WebFeature {
    /** Kinds whose content is a secret: the trail shows that they changed, not what they hold. */
    static final Set<String> SECRET_KINDS = Set.of(Credential.KIND.name(), ApiToken.KIND.name());

    private final WebServices services;

    public AuditFeature(WebServices services) {
        this.services = services;
    }

    @Override
    public void register(Routes routes) {
        Access auditors = Access.requires(Permission.VIEW_AUDIT);
        routes.nav("Audit", "/admin/audit", auditors);
        routes.page(HandlerType.GET, "/admin/audit", auditors, ctx -> {
            int page = PageNumber.of(ctx);
            AuditListing listing = AuditListing.of(
                    services.store().audit().since(0),
                    ctx.queryParam("who"),
                    ctx.queryParam("kind"),
                    ctx.queryParam("record"),
                    page,
                    services.clock().getZone());
            routes.views().render(ctx, "audit.jte", "Audit trail", listing);
        });
        routes.api(
                HandlerType.GET,
                "/api/audit",
                auditors,
                "audit events after ?since=seq (default 0), oldest first",
                ctx -> {
                    long since;
                    try {
                        since = Long.parseLong(
                                ctx.queryParamAsClass("since", String.class).getOrDefault("0"));
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(Map.of("since", "a sequence number (0 for all)"));
                    }
                    ctx.json(services.store().audit().since(since).stream()
                            .map(AuditFeature::redact)
                            .toList());
                });
    }

    static AuditEvent redact(AuditEvent e) {
        if (!SECRET_KINDS.contains(e.kind())) {
            return e;
        }
        String hidden = "(secret: not shown)";
        return new AuditEvent(
                e.seq(),
                e.at(),
                e.actor(),
                e.action(),
                e.kind(),
                e.recordId(),
                e.version(),
                e.before() == null ? null : hidden,
                e.after() == null ? null : hidden);
    }
}

package org.netra.app.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netra.app.web.security.RequestSecurity;
import org.netra.app.web.security.UserAccount;

/**
 * Renders the JTE templates of src/main/jte, compiled to classes at build time. Each template takes
 * {@code Frame frame} and its own {@code page} model.
 */
public final class Views {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final RequestSecurity security;
    private final Frame.Assets assets;
    private List<NavItem> nav = List.of();

    public Views(RequestSecurity security, Frame.Assets assets) {
        this.security = security;
        this.assets = assets;
    }

    public void navigation(List<NavItem> items) {
        this.nav = items;
    }

    /** Renders {@code template} (e.g. "patients.jte") with the frame for this request and {@code page}. */
    public void render(Context ctx, String template, String title, Object page) {
        // written as UTF-8 bytes: the templates' static HTML is compiled to bytes (binaryStaticContent), and a
        // page made as one String and encoded afterwards was a fifth of a node's CPU under load (issue 17)
        var out = new Utf8ByteOutput();
        render(ctx, template, title, page, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toByteArray());
    }

    private void render(Context ctx, String template, String title, Object page, gg.jte.TemplateOutput out) {
        UserAccount user = RequestSecurity.user(ctx).orElse(null);
        var session = security.sessionOrOpen(ctx);
        List<NavItem> visible = user == null
                ? List.of()
                : nav.stream().filter(n -> n.access().allows(user)).toList();
        var frame = new Frame(title, ctx.path(), user, visible, session.csrfToken(), assets);
        Map<String, Object> params = new HashMap<>();
        params.put("frame", frame);
        params.put("page", page);
        engine.render(template, params, out);
    }
}

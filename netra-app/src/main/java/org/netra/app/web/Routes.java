package org.netra.app.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.RequestSecurity;

/**
 * The route table: every route is declared with its {@link Access}, which is checked before the
 * handler runs, so a route cannot be added without saying who may use it. The table also feeds the
 * navigation and the OpenAPI document.
 */
public final class Routes {
    private final JavalinDefaultRouting router;
    private final Views views;
    private final List<Route> table = new ArrayList<>();
    private final List<NavItem> nav = new ArrayList<>();

    public Routes(JavalinDefaultRouting router, Views views) {
        this.router = router;
        this.views = views;
    }

    /** An HTML page or form target. */
    public Routes page(HandlerType method, String path, Access access, Handler handler) {
        return add(new Route(method, path, access, Route.Surface.PAGE, ""), handler);
    }

    /** A JSON API route under /api; the summary goes into the OpenAPI document. */
    public Routes api(HandlerType method, String path, Access access, String summary, Handler handler) {
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("API routes live under /api/, got " + path);
        }
        return add(new Route(method, path, access, Route.Surface.API, summary), handler);
    }

    /** A link in the top navigation. */
    public Routes nav(String label, String path, Access access) {
        nav.add(new NavItem(label, path, access));
        return this;
    }

    /** Renders templates with the page frame (user, navigation, CSRF token). */
    public Views views() {
        return views;
    }

    public List<Route> table() {
        return Collections.unmodifiableList(table);
    }

    public List<NavItem> navigation() {
        return Collections.unmodifiableList(nav);
    }

    private Routes add(Route route, Handler handler) {
        for (Route r : table) {
            if (r.method() == route.method() && r.path().equals(route.path())) {
                throw new IllegalArgumentException(
                        "route " + route.method() + " " + route.path() + " is declared twice");
            }
        }
        table.add(route);
        Handler guarded = ctx -> {
            RequestSecurity.authorize(ctx, route.access());
            handler.handle(ctx);
        };
        router.addHttpHandler(route.method(), route.path(), guarded);
        if (route.method() == HandlerType.GET) {
            // Javalin answers HEAD on a GET route with 200 without running it; HEAD must be refused as GET is
            // (the body of the answer is dropped by Jetty)
            router.addHttpHandler(HandlerType.HEAD, route.path(), guarded);
        }
        return this;
    }
}

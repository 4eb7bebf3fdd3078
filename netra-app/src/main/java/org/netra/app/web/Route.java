package org.netra.app.web;

import io.javalin.http.HandlerType;
import org.netra.app.web.security.Access;

/** One entry of the route table: what it answers, who may use it, and (for the API) what it does. */
public record Route(HandlerType method, String path, Access access, Surface surface, String summary) {
    /** A page for the browser (HTML, redirects to sign-in) or the JSON API (401/403 as JSON). */
    public enum Surface {
        PAGE,
        API
    }
}

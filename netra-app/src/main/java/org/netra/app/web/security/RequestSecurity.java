package org.netra.app.web.security;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Runs before every request: security headers, who is asking (session cookie or API token), and the
 * CSRF check on every request that can change something.
 */
public final class RequestSecurity {
    public static final String COOKIE = "netra_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    private static final String USER = "netra.user";
    private static final String SESSION = "netra.session";
    private static final String BY_TOKEN = "netra.byToken";

    /** No inline script or style anywhere, nothing from another origin, never inside a frame. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private final SessionStore sessions;
    private final Accounts accounts;
    private final boolean secureCookies;

    public RequestSecurity(SessionStore sessions, Accounts accounts, boolean secureCookies) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.secureCookies = secureCookies;
    }

    public void before(Context ctx) {
        headers(ctx);
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var user = accounts.byToken(authorization.substring(7).strip()).orElseThrow(NotSignedInException::new);
            ctx.attribute(USER, user);
            ctx.attribute(BY_TOKEN, true);
            return; // a bearer token is never sent by a browser on its own: no CSRF to fear
        }
        // the session and its account's stored version in one query; the account is read only when it changed
        var found = sessions.findWithAccount(ctx.cookie(COOKIE));
        Optional<WebSession> session = found.map(SessionStore.SessionAndAccount::session);
        found.ifPresent(f -> {
            var s = f.session();
            ctx.attribute(SESSION, s);
            if (s.signedIn()) {
                f.account()
                        .flatMap(version -> accounts.find(s.username(), version))
                        .filter(UserAccount::enabled)
                        .ifPresentOrElse(u -> ctx.attribute(USER, u), () -> sessions.close(s.id()));
            }
        });
        if (changesState(ctx.method())) {
            String presented = ctx.header(CSRF_HEADER);
            if (presented == null && isForm(ctx)) {
                presented = ctx.formParam(CSRF_FIELD);
            }
            if (session.isEmpty() || !SessionStore.csrfMatches(session.get(), presented)) {
                throw new ForbiddenException("This form has expired or did not come from netra (the CSRF check"
                        + " failed). Reload the page and try again.");
            }
        }
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        if (secureCookies) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (!ctx.path().startsWith("/static/") && !ctx.path().startsWith("/webjars/")) {
            ctx.header("Cache-Control", "no-store"); // patient data never lands in a shared or browser cache
        }
    }

    /** The signed-in user of this request, if any. */
    public static Optional<UserAccount> user(Context ctx) {
        return Optional.ofNullable(ctx.attribute(USER));
    }

    public static Optional<WebSession> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION));
    }

    /** The session of this request, opening an anonymous one (for the sign-in form's CSRF token) if needed. */
    public WebSession sessionOrOpen(Context ctx) {
        return session(ctx).orElseGet(() -> {
            var s = sessions.open(null);
            ctx.attribute(SESSION, s);
            writeCookie(ctx, s);
            return s;
        });
    }

    /** Replaces the request's session with a signed-in one under a new id (no session fixation). */
    public WebSession signIn(Context ctx, UserAccount user) {
        session(ctx).ifPresent(s -> sessions.close(s.id()));
        var s = sessions.open(user.username());
        ctx.attribute(SESSION, s);
        ctx.attribute(USER, user);
        writeCookie(ctx, s);
        return s;
    }

    public void signOut(Context ctx) {
        session(ctx).ifPresent(s -> sessions.close(s.id()));
        ctx.res().addHeader("Set-Cookie", cookie("", 0));
    }

    /** Checks {@code access} for this request, throwing when it does not pass. */
    public static void authorize(Context ctx, Access access) {
        UserAccount user = user(ctx).orElse(null);
        if (access.allows(user)) {
            return;
        }
        if (user == null) {
            throw new NotSignedInException();
        }
        throw new ForbiddenException(
                switch (access) {
                    case Access.Requires r ->
                        "Your role (" + user.role().title() + ") does not allow this: it needs " + r.permission() + ".";
                    case Access.RequiresAny r ->
                        "Your role (" + user.role().title() + ") does not allow this: it needs one of "
                                + r.permissions() + ".";
                    case Access.SignedIn s -> "Your account is disabled.";
                    case Access.Everyone e -> "Refused.";
                });
    }

    private void writeCookie(Context ctx, WebSession s) {
        ctx.res().addHeader("Set-Cookie", cookie(s.id(), -1));
    }

    private String cookie(String value, long maxAge) {
        return COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "")
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    private static boolean changesState(HandlerType method) {
        return !(method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS);
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null
                && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }
}

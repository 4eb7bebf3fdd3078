package org.netra.app.web.signin;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.RequestSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign in and out. Wrong passwords are counted per user name and per client address (behind a trusted
 * proxy, the one it forwarded for: {@link org.netra.app.web.security.ClientAddress}), and throttled.
 */
public final class SignInFeature implements WebFeature {
    private static final Logger LOG = LoggerFactory.getLogger(SignInFeature.class);
    // only a path on this server: never a redirect to another site
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9/_.\\-?=&%]*");

    private final WebServices services;

    public SignInFeature(WebServices services) {
        this.services = services;
    }

    /** The sign-in form's model: what to show again, and what went wrong. */
    public record SignInPage(String username, String next, String message, boolean signedOut) {}

    @Override
    public void register(Routes routes) {
        routes.page(HandlerType.GET, "/login", Access.everyone(), ctx -> {
            if (RequestSecurity.user(ctx).isPresent()) {
                ctx.redirect("/", HttpStatus.SEE_OTHER);
                return;
            }
            show(routes, ctx, 200, "", next(ctx.queryParam("next")), null, ctx.queryParam("signedOut") != null);
        });
        routes.page(HandlerType.POST, "/login", Access.everyone(), ctx -> signIn(routes, ctx));
        routes.page(HandlerType.POST, "/logout", Access.everyone(), ctx -> {
            RequestSecurity.user(ctx).ifPresent(u -> LOG.info("sign-out {}", u.username()));
            services.security().signOut(ctx);
            ctx.redirect("/login?signedOut", HttpStatus.SEE_OTHER);
        });
    }

    private void signIn(Routes routes, Context ctx) {
        String username = trimmed(ctx.formParam("username"));
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        String next = next(ctx.formParam("next"));
        String address = services.clientAddress().of(ctx);
        if (username.isEmpty() || password.isEmpty() || username.length() > 64 || password.length() > 128) {
            show(routes, ctx, 400, username, next, "Enter your user name and password.", false);
            return;
        }
        var throttled = services.throttle().throttledUntil(username, address);
        if (throttled.isPresent()) {
            LOG.warn("sign-in refused while throttled: user {} from {}", username, address);
            show(routes, ctx, 429, username, next, throttledMessage(throttled.get()), false);
            return;
        }
        var user = services.accounts().authenticate(username, password);
        if (user.isEmpty()) {
            services.throttle().failed(username, address);
            LOG.warn("sign-in failed: user {} from {}", username, address);
            var now = services.throttle().throttledUntil(username, address);
            if (now.isPresent()) {
                show(routes, ctx, 429, username, next, throttledMessage(now.get()), false);
            } else {
                show(routes, ctx, 401, username, next, "Wrong user name or password.", false);
            }
            return;
        }
        services.throttle().succeeded(username);
        services.security().signIn(ctx, user.get());
        LOG.info("sign-in {} from {}", user.get().username(), address);
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    private String throttledMessage(Instant until) {
        long minutes =
                Math.max(1, Duration.between(services.clock().instant(), until).toSeconds() / 60 + 1);
        String at = DateTimeFormatter.ofPattern("HH:mm")
                .withZone(ZoneId.systemDefault())
                .format(until);
        return "Too many wrong passwords for this user name or from this computer ("
                + services.throttle().policy().maxFailures()
                + " within " + services.throttle().policy().window().toMinutes()
                + " minutes). Sign-in is paused for about "
                + minutes + " minute" + (minutes == 1 ? "" : "s") + ", until " + at + ". If you forgot your password,"
                + " ask your netra administrator.";
    }

    private static void show(
            Routes routes, Context ctx, int status, String username, String next, String message, boolean signedOut) {
        ctx.status(status);
        routes.views().render(ctx, "login.jte", "Sign in", new SignInPage(username, next, message, signedOut));
    }

    private static String next(String candidate) {
        return candidate != null && LOCAL_PATH.matcher(candidate).matches() && !candidate.startsWith("/login")
                ? candidate
                : "/";
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.strip();
    }
}

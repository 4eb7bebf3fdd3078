package org.netra.app.web.admin;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.input.JsonBody;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Accounts;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.app.web.security.Role;
import org.netra.app.web.security.UserAccount;

/** Accounts for the administrator: create, change role, disable, reset password, issue API tokens. */
public final class UserAdminFeature implements WebFeature {
    private final WebServices services;

    public UserAdminFeature(WebServices services) {
        this.services = services;
    }

    /**
     * The users page: the accounts, the roles to choose from, the new-user form as typed with its errors,
     * a confirmation, and an API token shown once right after it was issued.
     */
    public record UsersPage(
            List<UserAccount> users,
            List<Role> roles,
            Accounts.NewAccount form,
            Map<String, String> errors,
            String message,
            String issuedToken) {}

    @Override
    public void register(Routes routes) {
        Access admins = Access.requires(Permission.MANAGE_USERS);
        routes.nav("Users", "/admin/users", admins);
        routes.page(
                HandlerType.GET,
                "/admin/users",
                admins,
                ctx -> show(routes, ctx, blank(), Map.of(), ctx.queryParam("done"), null));
        routes.page(HandlerType.POST, "/admin/users", admins, ctx -> {
            var form = new Accounts.NewAccount(
                    ctx.formParam("username"),
                    ctx.formParam("fullName"),
                    ctx.formParam("role"),
                    ctx.formParam("password"));
            try {
                var created = services.accounts().create(form, actor(ctx));
                ctx.redirect("/admin/users?done=Created+" + created.username(), HttpStatus.SEE_OTHER);
            } catch (InvalidInputException e) {
                ctx.status(400);
                show(
                        routes,
                        ctx,
                        new Accounts.NewAccount(form.username(), form.fullName(), form.role(), ""),
                        e.fields(),
                        null,
                        null);
            }
        });
        routes.page(HandlerType.POST, "/admin/users/{username}/role", admins, ctx -> {
            var u = services.accounts().setRole(ctx.pathParam("username"), ctx.formParam("role"), actor(ctx));
            services.sessions().closeAllOf(u.username());
            ctx.redirect(
                    "/admin/users?done=" + u.username() + "+is+now+"
                            + u.role().name().toLowerCase(java.util.Locale.ROOT),
                    HttpStatus.SEE_OTHER);
        });
        routes.page(HandlerType.POST, "/admin/users/{username}/enabled", admins, ctx -> {
            boolean enabled = "true".equals(ctx.formParam("enabled"));
            var u = services.accounts().setEnabled(ctx.pathParam("username"), enabled, actor(ctx));
            services.sessions().closeAllOf(u.username());
            ctx.redirect(
                    "/admin/users?done=" + u.username() + (enabled ? "+enabled" : "+disabled"), HttpStatus.SEE_OTHER);
        });
        routes.page(HandlerType.POST, "/admin/users/{username}/password", admins, ctx -> {
            var u = services.accounts().setPassword(ctx.pathParam("username"), ctx.formParam("password"), actor(ctx));
            services.sessions().closeAllOf(u.username());
            ctx.redirect(
                    "/admin/users?done=Password+of+" + ctx.pathParam("username") + "+changed", HttpStatus.SEE_OTHER);
        });
        routes.page(HandlerType.POST, "/admin/users/{username}/token", admins, ctx -> {
            String token = services.accounts().issueToken(ctx.pathParam("username"), actor(ctx));
            show(
                    routes,
                    ctx,
                    blank(),
                    Map.of(),
                    "API token issued for " + ctx.pathParam("username")
                            + ". Copy it now: netra keeps only its fingerprint and cannot show it again.",
                    token);
        });
        routes.api(
                HandlerType.GET,
                "/api/users",
                admins,
                "all user accounts",
                ctx -> ctx.json(services.accounts().list()));
        routes.api(HandlerType.POST, "/api/users", admins, "create a user account", ctx -> {
            var form = JsonBody.read(
                    ctx,
                    Accounts.NewAccount.class,
                    "{\"username\", \"fullName\", \"role\": physician|physicist|nurse|admin, \"password\"}");
            ctx.status(201).json(services.accounts().create(form, actor(ctx)));
        });
    }

    private void show(
            Routes routes,
            Context ctx,
            Accounts.NewAccount form,
            Map<String, String> errors,
            String message,
            String token) {
        routes.views()
                .render(
                        ctx,
                        "users.jte",
                        "Users",
                        new UsersPage(
                                services.accounts().list(), List.of(Role.values()), form, errors, message, token));
    }

    private static Accounts.NewAccount blank() {
        return new Accounts.NewAccount("", "", "nurse", "");
    }

    private static String actor(Context ctx) {
        return RequestSecurity.user(ctx).orElseThrow().username();
    }
}

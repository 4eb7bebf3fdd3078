package org.netra.app.web.security;

/** Who may use a route: declared with every route, checked before its handler runs. */
public sealed interface Access {
    /** Anyone, signed in or not: the sign-in page, static files, the API description. */
    record Everyone() implements Access {}

    /** Any signed-in user, whatever the role. */
    record SignedIn() implements Access {}

    /** A signed-in user whose role grants the permission. */
    record Requires(Permission permission) implements Access {}

    /** A signed-in user whose role grants any of the permissions (labs: the physician or the nurse). */
    record RequiresAny(java.util.List<Permission> permissions) implements Access {
        public RequiresAny {
            permissions = java.util.List.copyOf(permissions);
        }
    }

    static Access everyone() {
        return new Everyone();
    }

    static Access signedIn() {
        return new SignedIn();
    }

    static Access requires(Permission permission) {
        return new Requires(permission);
    }

    static Access requiresAny(Permission... permissions) {
        return new RequiresAny(java.util.List.of(permissions));
    }

    /** Whether {@code user} (null when not signed in) passes. */
    default boolean allows(UserAccount user) {
        return switch (this) {
            case Everyone e -> true;
            case SignedIn s -> user != null && user.enabled();
            case Requires r -> user != null && user.can(r.permission());
            case RequiresAny r -> user != null && r.permissions().stream().anyMatch(user::can);
        };
    }
}

package org.netra.app.demo;

import java.util.List;
import org.netra.app.web.security.Accounts;

/** One demo user per role, with passwords printed on the console: for the loopback-only demo, never production. */
public final class DemoUsers {
    /** Who changes the demo database while it is set up. */
    public static final String ACTOR = "netra-demo";

    /** A demo login. */
    public record Login(String username, String fullName, String role, String password) {}

    public static final List<Login> LOGINS = List.of(
            new Login("physician", "Dr Helen Park", "physician", "dotatate-cycle-1"),
            new Login("physicist", "Tomás Reyes", "physicist", "dose-kernel-177"),
            new Login("nurse", "Grace Obi", "nurse", "isolation-ward-3"),
            new Login("radiopharmacist", "Ines Lindqvist", "radiopharmacist", "hot-lab-batch-7"),
            new Login("admin", "Sam Keller", "admin", "audit-trail-ok"));

    private DemoUsers() {}

    public static void create(Accounts accounts) {
        for (Login l : LOGINS) {
            accounts.create(new Accounts.NewAccount(l.username(), l.fullName(), l.role(), l.password()), ACTOR);
        }
    }
}

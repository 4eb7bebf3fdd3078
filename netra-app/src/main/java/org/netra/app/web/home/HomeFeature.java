package org.netra.app.web.home;

import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.patient.PatientDirectory;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.app.web.security.UserAccount;
import org.netra.physics.decay.Decay;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/** The dashboard after sign-in, who-am-I for the API, and a health check for load balancers. */
public final class HomeFeature implements WebFeature {
    /** The reference administration the dashboard's decay chart shows (DOMAIN.md: standard PRRT cycle). */
    static final Activity STANDARD_CYCLE = Activity.ofGBq(7.4);

    private final PatientDirectory patients;

    /** {@code patients}: where the dashboard counts the patients (the same list the patients page shows). */
    public HomeFeature(PatientDirectory patients) {
        this.patients = patients;
    }

    /** The dashboard: the user, what the role allows, the patient count (for clinical roles), a decay chart. */
    public record HomePage(UserAccount user, List<Permission> permissions, Integer patients, String decayChart) {}

    /** The API's answer to "who am I". */
    public record Me(String username, String fullName, String role, List<Permission> permissions) {}

    @Override
    public void register(Routes routes) {
        routes.nav("Home", "/", Access.signedIn());
        routes.page(HandlerType.GET, "/", Access.signedIn(), ctx -> {
            UserAccount user = RequestSecurity.user(ctx).orElseThrow();
            Integer count =
                    user.can(Permission.VIEW_PATIENT) ? patients.search("").size() : null;
            routes.views()
                    .render(
                            ctx,
                            "home.jte",
                            "Home",
                            new HomePage(user, List.copyOf(user.role().permissions()), count, decayChart()));
        });
        routes.page(HandlerType.GET, "/health", Access.everyone(), ctx -> ctx.result("ok"));
        routes.api(HandlerType.GET, "/api/me", Access.signedIn(), "the signed-in user and their permissions", ctx -> {
            UserAccount u = RequestSecurity.user(ctx).orElseThrow();
            ctx.json(new Me(
                    u.username(),
                    u.fullName(),
                    u.role().name().toLowerCase(Locale.ROOT),
                    List.copyOf(u.role().permissions())));
        });
    }

    /** Activity left of a standard cycle by physical decay alone, day 0–14, as JSON for the chart script. */
    static String decayChart() {
        var lu = NuclideCatalog.icrp107().lutetium177();
        List<String> days = new ArrayList<>();
        List<String> gbq = new ArrayList<>();
        for (int d = 0; d <= 14; d++) {
            days.add("\"" + d + "\"");
            gbq.add(String.format(
                    Locale.ROOT,
                    "%.3f",
                    Decay.activityAt(STANDARD_CYCLE, lu.halfLife(), Times.ofDays(d))
                            .inGBq()));
        }
        return "{\"type\":\"line\",\"title\":\"177Lu activity by physical decay (GBq)\",\"labels\":" + days
                + ",\"values\":" + gbq + ",\"xLabel\":\"days after administration\",\"yLabel\":\"GBq\"}";
    }
}

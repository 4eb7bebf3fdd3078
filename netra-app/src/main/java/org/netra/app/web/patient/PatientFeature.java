package org.netra.app.web.patient;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;

/** The patient list with search (htmx swaps the rows as you type) and its API twin. */
public final class PatientFeature implements WebFeature {
    static final int MAX_QUERY = 100;
    private final PatientDirectory patients;

    public PatientFeature(PatientDirectory patients) {
        this.patients = patients;
    }

    /** The list page's model. */
    public record PatientsPage(String query, List<PatientSummary> patients) {}

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.nav("Patients", "/patients", viewers);
        routes.page(HandlerType.GET, "/patients", viewers, ctx -> {
            String q = query(ctx);
            routes.views().render(ctx, "patients.jte", "Patients", new PatientsPage(q, patients.search(q)));
        });
        routes.page(HandlerType.GET, "/patients/rows", viewers, ctx -> {
            String q = query(ctx);
            routes.views().render(ctx, "patient-rows.jte", "Patients", new PatientsPage(q, patients.search(q)));
        });
        routes.api(
                HandlerType.GET,
                "/api/patients",
                viewers,
                "patients, optionally filtered by ?q=name or id",
                ctx -> ctx.json(patients.search(query(ctx))));
    }

    private static String query(Context ctx) {
        String q = ctx.queryParam("q");
        q = q == null ? "" : q.strip();
        return q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) : q;
    }
}

package org.netra.app.web.patient;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.input.PageNumber;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;

/** The patient list with search (htmx swaps the rows as you type) and its API twin. */
public final class PatientFeature implements WebFeature {
    static final int MAX_QUERY = 100;
    private final PatientDirectory patients;

    public PatientFeature(PatientDirectory patients) {
        this.patients = patients;
    }

    /**
     * The list page's model: one page ({@link #PER_PAGE} rows) of the patients the search and the status filter
     * keep, and the statuses there are to filter by.
     */
    public record PatientsPage(
            String query,
            String status,
            List<PatientSummary> patients,
            int matching,
            int page,
            int pages,
            List<String> statuses) {
        /** The link to page {@code n} with this page's search and filter. */
        public String link(int n) {
            return "/patients?page=" + n + (query.isEmpty() ? "" : "&q=" + encoded(query))
                    + (status.isEmpty() ? "" : "&status=" + encoded(status));
        }

        private static String encoded(String text) {
            return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static final int PER_PAGE = 50;

    private PatientsPage page(Context ctx) {
        String q = query(ctx);
        int page = PageNumber.of(ctx);
        String status =
                ctx.queryParam("status") == null ? "" : ctx.queryParam("status").strip();
        List<PatientSummary> found = patients.search(q);
        List<String> statuses =
                found.stream().map(PatientSummary::status).distinct().sorted().toList();
        List<PatientSummary> kept = status.isEmpty()
                ? found
                : found.stream().filter(p -> p.status().equals(status)).toList();
        int pages = Math.max(1, (kept.size() + PER_PAGE - 1) / PER_PAGE);
        int shown = Math.min(Math.max(1, page), pages);
        return new PatientsPage(
                q,
                status,
                kept.subList((shown - 1) * PER_PAGE, Math.min(kept.size(), shown * PER_PAGE)),
                kept.size(),
                shown,
                pages,
                statuses);
    }

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.nav("Patients", "/patients", viewers);
        routes.page(HandlerType.GET, "/patients", viewers, ctx -> {
            routes.views().render(ctx, "patients.jte", "Patients", page(ctx));
        });
        routes.page(HandlerType.GET, "/patients/rows", viewers, ctx -> {
            routes.views().render(ctx, "patient-rows.jte", "Patients", page(ctx));
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

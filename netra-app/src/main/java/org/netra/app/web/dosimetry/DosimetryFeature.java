package org.netra.app.web.dosimetry;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.List;
import org.netra.app.report.DosimetryReportPdf;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PatientChart;

/** A cycle's dosimetry: the page, the JSON API and the PDF report for the chart. */
public final class DosimetryFeature implements WebFeature {
    private final WebServices services;

    public DosimetryFeature(WebServices services) {
        this.services = services;
    }

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.page(HandlerType.GET, "/patients/{id}/dosimetry/{cycle}", viewers, ctx -> {
            var v = view(ctx);
            routes.views().render(ctx, "dosimetry.jte", "Dosimetry cycle " + v.cycle() + " · " + v.patientName(), v);
        });
        routes.page(HandlerType.GET, "/patients/{id}/dosimetry/{cycle}/report.pdf", viewers, ctx -> {
            var v = view(ctx);
            byte[] pdf = DosimetryReportPdf.render(v.report(null, Instant.now(services.clock())));
            ctx.contentType("application/pdf")
                    .header(
                            "Content-Disposition",
                            "inline; filename=\"dosimetry-" + v.patientId() + "-cycle-" + v.cycle() + ".pdf\"")
                    .result(pdf);
        });
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/dosimetry/{cycle}",
                viewers,
                "a cycle's doses ± SD, kidney BED per cycle against the limit, predicted further cycles",
                ctx -> ctx.json(view(ctx)));
    }

    private CycleDosimetryView view(Context ctx) {
        int cycle;
        try {
            cycle = Integer.parseInt(ctx.pathParam("cycle"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("the cycle must be a number, got '" + ctx.pathParam("cycle") + "'");
        }
        var records = services.store().records();
        return CycleDosimetryView.of(PatientChart.load(records, ctx.pathParam("id")), cycle, id -> records.find(
                        ClinicalKinds.CYCLE_CURVES, id)
                .map(c -> c.value().regions())
                .orElse(List.of()));
    }
}

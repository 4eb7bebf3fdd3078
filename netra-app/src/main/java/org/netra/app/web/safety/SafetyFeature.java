package org.netra.app.web.safety;

import io.javalin.http.HandlerType;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.clinical.safety.InstructionSheet;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.store.clinical.PatientChart;
import org.netra.store.clinical.SafetyRecord;
import org.netra.store.record.Stored;

/** The radiation-safety instructions of a cycle, printable for the patient to take home. */
public final class SafetyFeature implements WebFeature {
    private final WebServices services;

    public SafetyFeature(WebServices services) {
        this.services = services;
    }

    /** One restriction line: whom it protects, what to do, until when. */
    public record Line(String who, String what, long days, LocalDate until) {}

    /** The sheet: the patient, the measurement and release check, the restrictions, and the plain text. */
    public record Sheet(
            String patientId,
            String patientName,
            int cycle,
            String administered,
            String doseRate,
            boolean releasable,
            boolean stayEnded,
            List<String> releaseReasons,
            List<Line> lines,
            String text) {}

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.page(HandlerType.GET, "/patients/{id}/safety/{cycle}", viewers, ctx -> {
            Sheet s = sheet(ctx.pathParam("id"), ctx.pathParam("cycle"));
            routes.views().render(ctx, "safety.jte", "Radiation safety · " + s.patientName(), s);
        });
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/safety/{cycle}",
                viewers,
                "a cycle's radiation-safety instructions: release check and contact restrictions with end dates",
                ctx -> ctx.json(sheet(ctx.pathParam("id"), ctx.pathParam("cycle"))));
    }

    /**
     * Whether the stay this sheet is for is over: the nurse recorded the end of isolation, or the day of the
     * last measurement has passed. A sheet for a stay that is over never says "not yet releasable".
     */
    private boolean stayEnded(SafetyRecord r) {
        boolean ended = services.store()
                .records()
                .find(
                        org.netra.store.clinical.ClinicalKinds.ADMINISTRATION,
                        org.netra.store.clinical.AdministrationRecord.idOf(r.courseId(), r.cycle()))
                .map(a -> a.value().isolationEnd().isPresent())
                .orElse(false);
        return ended || LocalDate.now(services.clock()).isAfter(r.measuredAt().toLocalDate());
    }

    private Sheet sheet(String patientId, String cycleText) {
        var chart = PatientChart.load(services.store().records(), patientId);
        SafetyRecord r = chart.safety().stream()
                .map(Stored::value)
                .filter(s -> Integer.toString(s.cycle()).equals(cycleText))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new io.javalin.http.NotFoundResponse(
                        "patient " + patientId + " has no radiation-safety record for cycle " + cycleText));
        // counted from the reading the release followed from, as the cycle page and the printed text count them
        List<Line> lines = r.restrictions().stream()
                .map(x -> new Line(
                        x.scenario().name(),
                        x.scenario().restriction(),
                        x.days(),
                        InstructionSheet.until(r.measuredAt(), x)))
                .toList();
        return new Sheet(
                patientId,
                chart.patient().value().name(),
                r.cycle(),
                r.administered().toLocalDate() + " " + r.administered().toLocalTime(),
                String.format(
                        Locale.ROOT,
                        "%.1f µSv/h at 1 m, %s",
                        r.atOneMetre().inMicroSvPerHour(),
                        r.measuredAt().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))),
                r.release().releasable(),
                stayEnded(r),
                r.release().reasons(),
                lines,
                InstructionSheet.render(
                        patientId,
                        Radiopharmaceutical.LU177_DOTATATE.label(),
                        r.administered(),
                        r.measuredAt(),
                        r.atOneMetre(),
                        r.restrictions()));
    }
}

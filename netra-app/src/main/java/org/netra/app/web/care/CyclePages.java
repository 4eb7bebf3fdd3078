package org.netra.app.web.care;

import io.javalin.http.Context;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.app.web.Routes;
import org.netra.app.web.WebServices;
import org.netra.app.web.approval.Approval;
import org.netra.app.web.approval.CycleApproval;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.app.web.security.UserAccount;
import org.netra.app.web.therapy.TherapyCycle;
import org.netra.clinical.safety.InstructionSheet;
import org.netra.physics.quantity.Times;
import org.netra.store.clinical.AdministeredActivities;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DispensingRecord;
import org.netra.store.record.Stored;

/** Builds and renders a cycle's work page ({@link CyclePage}) for the features that post to it. */
public final class CyclePages {
    private final WebServices services;
    private final Bedside bedside;

    public CyclePages(WebServices services, Bedside bedside) {
        this.services = services;
        this.bedside = bedside;
    }

    public void show(
            Routes routes,
            Context ctx,
            String which,
            Map<String, String> typed,
            Map<String, String> errors,
            String done) {
        CyclePage p = page(ctx, which, typed, errors, done);
        routes.views().render(ctx, "cycle.jte", "Cycle " + p.cycle() + " · " + p.patientName(), p);
    }

    public CyclePage page(
            Context ctx, String which, Map<String, String> typed, Map<String, String> errors, String done) {
        TherapyCycle c = cycle(ctx);
        UserAccount user = RequestSecurity.user(ctx).orElseThrow();
        var records = services.store().records();
        var zone = services.clock().getZone();
        var approval = records.find(Approval.CYCLE, CycleApproval.subject(c))
                .map(Stored::value)
                .map(a -> "approved by " + a.approvedBy() + " at "
                        + minute(LocalDateTime.ofInstant(a.approvedAt(), zone))
                        + (a.note().isEmpty() ? "" : ": " + a.note()))
                .orElse("");

        Optional<Stored<DispensingRecord>> dispensing = records.find(
                ClinicalKinds.DISPENSING, DispensingRecord.idOf(c.course().id(), c.number()));
        Map<String, String> dValues = new HashMap<>();
        dispensing.ifPresent(s -> {
            var d = s.value().dispensing();
            dValues.put("batch", d.batch());
            dValues.put(
                    "calibrated",
                    String.format(Locale.ROOT, "%.3f", d.calibrated().inGBq()));
            dValues.put("calibratedUnit", "GBq");
            dValues.put("calibratedAt", d.calibratedAt().toString());
            dValues.put(
                    "residual", String.format(Locale.ROOT, "%.1f", d.residual().inMBq()));
            dValues.put("residualUnit", "MBq");
            dValues.put("residualMeasuredAt", d.residualMeasuredAt().toString());
        });
        dValues.putIfAbsent("calibratedUnit", "GBq");
        dValues.putIfAbsent("residualUnit", "MBq");
        if (which.equals("dispensing")) {
            dValues.putAll(typed);
        }
        String administered = "";
        try {
            administered = AdministeredActivities.of(records, c.course(), c.number(), zone)
                    .map(a -> String.format(Locale.ROOT, "%.3f GBq", a.inGBq()))
                    .orElse("");
        } catch (IllegalArgumentException e) {
            administered = "cannot be computed: " + e.getMessage();
        }

        Optional<Stored<AdministrationRecord>> admin = bedside.find(c);
        Map<String, String> aValues = new HashMap<>();
        admin.ifPresent(s -> {
            aValues.put("administered", s.value().administered().toString());
            s.value().isolationStart().ifPresent(t -> aValues.put("isolationStart", t.toString()));
            s.value().isolationEnd().ifPresent(t -> aValues.put("isolationEnd", t.toString()));
            // as the hot lab's or injector's dose report sent them (empty when recorded in netra)
            s.value().eventUid().ifPresent(u -> aValues.put("eventUid", u));
            s.value().route().ifPresent(r -> aValues.put("route", r.toString()));
            s.value().site().ifPresent(x -> aValues.put("site", x.toString()));
        });
        aValues.putIfAbsent("rateUnit", "µSv/h");
        if (which.equals("administration") || which.equals("reading")) {
            aValues.putAll(typed);
        }
        List<CyclePage.Reading> readings = admin.map(s -> s.value().readings().stream()
                        .map(r -> new CyclePage.Reading(
                                minute(r.at()),
                                String.format(
                                        Locale.ROOT,
                                        "%.1f µSv/h",
                                        r.atOneMetre().inMicroSvPerHour())))
                        .toList())
                .orElse(List.of());
        Optional<CyclePage.Release> release = admin.flatMap(s -> bedside.discharge(c, s.value()))
                .map(d -> new CyclePage.Release(
                        d.release().releasable(),
                        d.release().reasons(),
                        String.format(Locale.ROOT, "%.1f h", Times.hours(d.effectiveHalfLife())),
                        d.halfLifeFrom(),
                        d.restrictions().stream()
                                .map(r -> new CyclePage.Restriction(
                                        r.scenario().name(),
                                        r.scenario().restriction(),
                                        r.days(),
                                        InstructionSheet.until(d.last().at(), r)))
                                .toList()));
        String notice = done == null
                ? ""
                : switch (done) {
                    case "approved" -> "Cycle " + c.number() + " is approved.";
                    case "dispensing" -> "Dispensing saved.";
                    case "administration" -> "Administration saved.";
                    case "reading" -> "Dose-rate reading added; release check updated.";
                    case "rrdsr" -> "Dose report filed: dispensing and administration time recorded.";
                    default -> "";
                };
        return new CyclePage(
                c.patientId(),
                c.patient().name(),
                c.number(),
                c.course().plan().cycles().size(),
                minute(c.planned().administration()),
                String.format(Locale.ROOT, "%.2f GBq", c.planned().activity().inGBq()),
                approval,
                // a given cycle is past approving (CycleApproval refuses it); the page says so instead of offering it
                user.can(Permission.APPROVE_CYCLE) && admin.isEmpty(),
                user.can(Permission.DISPENSE),
                dValues,
                dispensing.map(Stored::version).orElse(0),
                administered,
                user.can(Permission.RECORD_CARE),
                aValues,
                admin.map(Stored::version).orElse(0),
                readings,
                release,
                records.find(ClinicalKinds.SAFETY, c.course().id() + "/safety-" + c.number())
                        .isPresent(),
                user.can(Permission.DISPENSE) || user.can(Permission.RECORD_CARE),
                which,
                errors,
                notice);
    }

    /** A wall-clock time as people read it, to the minute: 2025-03-03 09:30. */
    static String minute(LocalDateTime t) {
        return t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    private TherapyCycle cycle(Context ctx) {
        return TherapyCycle.resolve(services.store(), ctx.pathParam("id"), ctx.pathParam("cycle"));
    }
}

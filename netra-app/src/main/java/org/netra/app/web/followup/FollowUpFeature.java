package org.netra.app.web.followup;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.FormPost;
import org.netra.app.web.input.Submitted;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.app.web.therapy.TherapyCycle;
import org.netra.clinical.followup.AdverseEventTerm;
import org.netra.clinical.followup.NonTargetStatus;
import org.netra.store.clinical.ClinicalKinds;

/**
 * A patient's follow-up page ({@code /patients/{id}/follow-up}): adverse events, the RECIST baseline and reads,
 * death and last follow-up, recorded by a physician (EDIT_PATIENT); and the same as the JSON API.
 */
public final class FollowUpFeature implements WebFeature {
    private final WebServices services;
    private final FollowUps followUps;

    public FollowUpFeature(WebServices services) {
        this.services = services;
        this.followUps = new FollowUps(services.store(), services.clock());
    }

    public record EventRow(String id, String term, int grade, String onset, String resolved, int version) {}

    public record ReadRow(String date, String sum, String change, String target, String overall) {}

    /** A CTCAE term offered on the form, with the grades it has (space-separated, for the grade list). */
    public record Term(String value, String label, String grades) {}

    /** The grades the event form offers, each with what CTCAE v5.0 calls it. */
    public record GradeOption(int grade, String label) {}

    public static final List<GradeOption> GRADES = List.of(
            new GradeOption(1, "1 – mild"),
            new GradeOption(2, "2 – moderate"),
            new GradeOption(3, "3 – severe"),
            new GradeOption(4, "4 – life-threatening"),
            new GradeOption(5, "5 – death"));

    public record FollowUpPage(
            String patientId,
            String patientName,
            boolean mayEdit,
            List<EventRow> events,
            List<Term> terms,
            List<String> targets,
            String baselineDate,
            List<ReadRow> reads,
            String best,
            int responseVersion,
            String start,
            String progression,
            String death,
            String lastFollowUp,
            int outcomeVersion,
            List<String> nonTargetChoices,
            String errorForm,
            Map<String, String> typed,
            Map<String, String> errors,
            String notice) {
        public String error(String form, String field) {
            return form.equals(errorForm) ? errors.get(field) : null;
        }

        public String typed(String form, String field) {
            return form.equals(errorForm) ? typed.getOrDefault(field, "") : "";
        }
    }

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        Access editors = Access.requires(Permission.EDIT_PATIENT);
        routes.page(
                HandlerType.GET,
                "/patients/{id}/follow-up",
                viewers,
                ctx -> show(
                        routes,
                        ctx,
                        "",
                        Map.of(),
                        Map.of(),
                        Optional.ofNullable(ctx.queryParam("done")).orElse("")));
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/follow-up",
                viewers,
                "a patient's adverse events, RECIST baseline and reads, and outcome",
                ctx -> ctx.json(page(ctx, "", Map.of(), Map.of(), "")));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/toxicity-events",
                editors,
                ctx -> form(routes, ctx, "event", f -> followUps.saveEvent(pid(ctx), Optional.empty(), f, actor(ctx))));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/recist/baseline",
                editors,
                ctx -> form(routes, ctx, "baseline", f -> followUps.baseline(pid(ctx), f, actor(ctx))));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/recist/reads",
                editors,
                ctx -> form(routes, ctx, "read", f -> followUps.read(pid(ctx), f, actor(ctx))));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/outcome",
                editors,
                ctx -> form(routes, ctx, "outcome", f -> followUps.outcome(pid(ctx), f, actor(ctx))));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/toxicity-events",
                editors,
                "record an adverse event: {term (CTCAE v5.0, e.g. myelodysplastic_syndrome, acute_kidney_injury),"
                        + " grade 1–5 as the term has them, onset, resolved}",
                ctx -> ctx.status(201)
                        .json(followUps.saveEvent(
                                pid(ctx),
                                Optional.empty(),
                                Submitted.json(ctx, "{term, grade, onset, resolved}"),
                                actor(ctx))));
        routes.api(
                HandlerType.PUT,
                "/api/patients/{id}/toxicity-events/{n}",
                editors,
                "update adverse event n (e.g. its resolution): {term, grade, onset, resolved, version}",
                ctx -> ctx.json(followUps.saveEvent(
                        pid(ctx),
                        Optional.of(ClinicalKinds.key(pid(ctx), "ae-" + ctx.pathParam("n"))),
                        Submitted.json(ctx, "{term, grade, onset, resolved, version}"),
                        actor(ctx))));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/recist/baseline",
                editors,
                "record the RECIST 1.1 baseline: {date, lesions: 'id, organ, mm[, node]' one a line}; targets by the"
                        + " rules",
                ctx -> ctx.status(201)
                        .json(followUps.baseline(pid(ctx), Submitted.json(ctx, "{date, lesions}"), actor(ctx))));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/recist/reads",
                editors,
                "add a RECIST 1.1 read: {date, measurements: 'id = mm|gone|too small|not evaluated' one a line,"
                        + " nonTargets, newLesion: yes|no, version}; response and progression date follow",
                ctx -> ctx.status(201)
                        .json(followUps.read(
                                pid(ctx),
                                Submitted.json(ctx, "{date, measurements, nonTargets, newLesion, version}"),
                                actor(ctx))));
        routes.api(
                HandlerType.PUT,
                "/api/patients/{id}/outcome",
                editors,
                "record death and the last follow-up: {lastFollowUp, death, version}; feeds the cohort's survival",
                ctx -> ctx.json(followUps.outcome(
                        pid(ctx), Submitted.json(ctx, "{lastFollowUp, death, version}"), actor(ctx))));
    }

    private void form(Routes routes, Context ctx, String which, FormPost.Save save) {
        FormPost.handle(
                ctx,
                save,
                "/patients/" + pid(ctx) + "/follow-up?done=" + which,
                (typed, errors) -> show(routes, ctx, which, typed, errors, ""));
    }

    private void show(
            Routes routes,
            Context ctx,
            String which,
            Map<String, String> typed,
            Map<String, String> errors,
            String done) {
        var p = page(ctx, which, typed, errors, done);
        routes.views().render(ctx, "follow-up.jte", "Follow-up · " + p.patientName(), p);
    }

    FollowUpPage page(Context ctx, String which, Map<String, String> typed, Map<String, String> errors, String done) {
        String pid = pid(ctx);
        var patient = services.store().records().get(ClinicalKinds.PATIENT, pid).value();
        var events = followUps.events(pid).stream()
                .map(s -> new EventRow(
                        s.value().id().substring(s.value().id().lastIndexOf("ae-") + 3),
                        s.value().event().term().label(),
                        s.value().event().grade(),
                        s.value().event().onset().toString(),
                        s.value().event().resolved().map(Object::toString).orElse("ongoing"),
                        s.version()))
                .toList();
        var response = followUps.response(pid);
        var outcome = followUps.outcome(pid);
        List<ReadRow> reads = response.map(r -> r.value().timePoints().stream()
                        .map(t -> new ReadRow(
                                t.date().toString(),
                                t.sum()
                                        .map(s -> String.format(Locale.ROOT, "%.0f mm", s.inMm()))
                                        .orElse("–"),
                                t.changeFromBaseline()
                                        .map(c -> String.format(Locale.ROOT, "%+.0f %%", c * 100))
                                        .orElse("–"),
                                t.target().name(),
                                t.overall().name()))
                        .toList())
                .orElse(List.of());
        String notice =
                switch (done) {
                    case "event" -> "Adverse event recorded.";
                    case "baseline" -> "RECIST baseline recorded.";
                    case "read" -> "RECIST read recorded; response and progression updated.";
                    case "outcome" -> "Outcome recorded.";
                    default -> "";
                };
        return new FollowUpPage(
                pid,
                patient.name(),
                RequestSecurity.user(ctx).orElseThrow().can(Permission.EDIT_PATIENT),
                events,
                java.util.Arrays.stream(AdverseEventTerm.values())
                        .map(t -> new Term(
                                t.name().toLowerCase(Locale.ROOT),
                                t.label() + " (grades "
                                        + t.grades().stream()
                                                .sorted()
                                                .map(String::valueOf)
                                                .reduce((a, b) -> a + "," + b)
                                                .orElse("")
                                        + ")",
                                String.join(
                                        " ",
                                        t.grades().stream()
                                                .sorted()
                                                .map(String::valueOf)
                                                .toList())))
                        .toList(),
                response.map(r -> r.value().baseline().targets().stream()
                                .map(t -> t.id() + " (" + t.organ() + ", "
                                        + String.format(
                                                Locale.ROOT, "%.0f mm", t.size().inMm()) + ")")
                                .toList())
                        .orElse(List.of()),
                response.map(r -> r.value().baseline().date().toString()).orElse(""),
                reads,
                response.filter(r -> !r.value().timePoints().isEmpty())
                        .map(r -> r.value().best().name())
                        .orElse(""),
                response.map(s -> s.version()).orElse(0),
                outcome.map(o -> o.value().treatmentStart().toString()).orElse(""),
                outcome.flatMap(o -> o.value().progression())
                        .map(Object::toString)
                        .orElse(""),
                outcome.flatMap(o -> o.value().death()).map(Object::toString).orElse(""),
                outcome.map(o -> o.value().lastFollowUp().toString()).orElse(""),
                outcome.map(s -> s.version()).orElse(0),
                java.util.Arrays.stream(NonTargetStatus.values())
                        .map(Enum::name)
                        .toList(),
                which,
                typed,
                errors,
                notice);
    }

    private String pid(Context ctx) {
        return TherapyCycle.requirePatient(services.store(), ctx.pathParam("id"))
                .id();
    }

    private static String actor(Context ctx) {
        return RequestSecurity.user(ctx).orElseThrow().username();
    }
}

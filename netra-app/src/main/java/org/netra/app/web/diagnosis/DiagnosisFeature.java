package org.netra.app.web.diagnosis;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.app.viewer.Studies;
import org.netra.app.web.Routes;
import org.netra.app.web.Submission;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.Form;
import org.netra.app.web.input.FormPage;
import org.netra.app.web.input.FormPage.Field;
import org.netra.app.web.input.FormPage.Option;
import org.netra.app.web.input.FormPage.Section;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.clinical.diagnosis.BoneFinding;
import org.netra.clinical.diagnosis.ConjugateViewRead;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.Lesion;
import org.netra.clinical.diagnosis.LesionUptake;
import org.netra.clinical.diagnosis.Modality;
import org.netra.clinical.diagnosis.NetType;
import org.netra.clinical.diagnosis.PalliativeRadiotherapy;
import org.netra.clinical.diagnosis.Tracer;
import org.netra.clinical.diagnosis.TracerCatalogue;
import org.netra.imaging.quant.ConjugateView;
import org.netra.imaging.quant.SpectCalibration;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PatientRecord;
import org.netra.store.clinical.RadiotherapyRecord;
import org.netra.store.clinical.StudyRecord;
import org.netra.store.record.Stored;

/**
 * The physician's diagnostic records: SRS over two days read on the Krenning scale, bone scintigraphy whose
 * findings produce a work-up recommendation (CT, MRI, biopsy) tracked until done, MIBG with a lesion
 * quantified by conjugate views (netra-imaging's {@link ConjugateView}, as {@code netra conjugate-view}),
 * PET/CT with the tracer the catalogue proposes for the patient's NET type, and palliative external
 * radiotherapy of skeletal metastases. Pages and API routes; every save audited and versioned.
 */
public final class DiagnosisFeature implements WebFeature {
    /** How many lesion rows a study form offers (more are recorded by a second study or the API). */
    static final int LESION_ROWS = 6;

    private final WebServices services;
    private final HeldStudyUptake held;

    /** With the studies netra holds (the viewer's), in which SRS and PET lesions can be measured. */
    public DiagnosisFeature(WebServices services, Studies studies) {
        this.services = services;
        this.held = new HeldStudyUptake(studies);
    }

    /** A study as its page and the API show it. */
    public record StudyView(
            String patientId,
            String patientName,
            String study,
            int version,
            String kind,
            String tracer,
            LocalDateTime injection,
            List<LocalDateTime> reads,
            List<LesionRow> lesions,
            List<FindingRow> findings,
            List<PlanarRow> planar,
            List<String> measured) {}

    public record LesionRow(
            String id, String organ, boolean skeletal, String krenning, String suvMax, String suvPeak) {}

    /** A bone finding with the work-up it calls for, what was done and what is still to do. */
    public record FindingRow(
            int number, String site, String kind, String recommended, String done, String outstanding) {}

    public record PlanarRow(
            String lesion,
            String anteriorCps,
            String posteriorCps,
            String geometricMeanCps,
            String attenuationCorrection,
            String activityMBq) {}

    /** The tracers the catalogue proposes for this patient's NET type, first choice first. */
    public record TracerProposal(String netType, List<TracerCatalogue.Recommendation> tracers) {}

    @Override
    public void register(Routes routes) {
        Access editors = Access.requires(Permission.EDIT_PATIENT);
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        for (StudyType type : StudyType.values()) {
            String page = "/patients/{id}/studies/" + type.path + "/new";
            routes.page(HandlerType.GET, page, editors, ctx -> {
                var p = patient(ctx.pathParam("id"));
                // "Measure in the study" submits the form by GET (works without script): show it again as typed,
                // with the chosen study's VOIs in the lesion rows and what netra measures beside each
                if (ctx.queryParam("_csrf") != null) {
                    // the form's session token rode along in the query: answer with the same page without it
                    StringBuilder q = new StringBuilder("?measure=1");
                    typed(ctx).forEach((k, v) -> q.append('&')
                            .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                            .append('=')
                            .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
                    ctx.redirect(ctx.path() + q, io.javalin.http.HttpStatus.SEE_OTHER);
                    return;
                }
                Map<String, String> values = ctx.queryParam("measure") == null ? defaults(type, p) : typed(ctx);
                Submission.show(routes.views(), ctx, form(type, p, measuring(type, values)));
            });
            routes.page(
                    HandlerType.POST,
                    page,
                    editors,
                    ctx -> Submission.page(
                            ctx,
                            routes.views(),
                            form(
                                    type,
                                    patient(ctx.pathParam("id")),
                                    Form.of(ctx).values()),
                            f -> link(create(type, ctx.pathParam("id"), f, Submission.actor(ctx))
                                    .value())));
            routes.api(
                    HandlerType.POST,
                    "/api/patients/{id}/studies/" + type.path,
                    editors,
                    type.summary,
                    ctx -> Submission.api(
                            ctx, 201, f -> view(create(type, ctx.pathParam("id"), f, Submission.actor(ctx)))));
        }
        routes.page(HandlerType.GET, "/patients/{id}/studies/{study}", viewers, ctx -> {
            var v = view(study(ctx));
            routes.views().render(ctx, "study.jte", v.kind() + " of " + v.patientName(), v);
        });
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/studies/{study}",
                viewers,
                "one imaging study: reads, lesions, bone findings with their work-up, conjugate-view reads",
                ctx -> ctx.json(view(study(ctx))));
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/tracers",
                viewers,
                "the PET/scintigraphy tracers proposed for the patient's NET type (grade and Ki-67)",
                ctx -> ctx.json(proposal(patient(ctx.pathParam("id")))));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/studies/{study}/workup",
                editors,
                ctx -> Submission.page(
                        ctx,
                        routes.views(),
                        workUpPage(ctx.pathParam("id"), ctx.pathParam("study")),
                        f -> link(workUp(ctx.pathParam("id"), ctx.pathParam("study"), f, Submission.actor(ctx))
                                .value())));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/studies/{study}/workup",
                editors,
                "record a bone finding's work-up as done: finding (number), test (ct|mri|biopsy), date, result,"
                        + " and the study's version",
                ctx -> Submission.api(
                        ctx,
                        200,
                        f -> view(workUp(ctx.pathParam("id"), ctx.pathParam("study"), f, Submission.actor(ctx)))));
        routes.page(HandlerType.GET, "/patients/{id}/radiotherapy/new", editors, ctx -> {
            var p = patient(ctx.pathParam("id"));
            Submission.show(
                    routes.views(),
                    ctx,
                    radiotherapyPage(p.id(), Map.of("indication", "pain from skeletal metastasis")));
        });
        routes.page(
                HandlerType.POST,
                "/patients/{id}/radiotherapy/new",
                editors,
                ctx -> Submission.page(
                        ctx,
                        routes.views(),
                        radiotherapyPage(ctx.pathParam("id"), Map.of()),
                        f -> "/patients/"
                                + radiotherapy(ctx.pathParam("id"), f, Submission.actor(ctx))
                                        .value()
                                        .patientId() + "?saved=radiotherapy#timeline"));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/radiotherapy",
                editors,
                "record palliative external radiotherapy of a skeletal metastasis: start, site, doseGy, fractions,"
                        + " indication",
                ctx -> Submission.api(ctx, 201, f -> radiotherapy(ctx.pathParam("id"), f, Submission.actor(ctx))
                        .value()));
    }

    /** The four examinations the department records, with their path and what the API says of them. */
    enum StudyType {
        SRS(
                "srs",
                "SRS (111In-pentetreotide)",
                "record an SRS read: injection (YYYY-MM-DDTHH:MM), reads at4h/at24h/at48h (true), lesionN{Organ,"
                        + "Skeletal,Krenning 0–4,Voi} for N = 1…6; with study (a study netra holds) each lesion's VOI"
                        + " gets a suggested grade from its uptake against liver and spleen VOIs, recorded beside the"
                        + " reader's"),
        BONE(
                "bone",
                "Bone scintigraphy",
                "record a bone scintigraphy: injection, findingN{Site,Kind normal|degenerative|traumatic|suspicious|"
                        + "metastasis}; answers the work-up each finding calls for"),
        MIBG(
                "mibg",
                "MIBG scintigraphy",
                "record an MIBG scan: tracer (i123_mibg|i131_mibg), injection, scanHours, lesionN{Organ,Skeletal} and"
                        + " a conjugate-view read of lesion 1 (anteriorCounts, posteriorCounts, seconds, muPerCm,"
                        + " thicknessCm, cpsPerMBq)"),
        PET(
                "pet",
                "PET/CT",
                "record a PET/CT: tracer (as /api/patients/{id}/tracers proposes), injection, uptakeMinutes,"
                        + " lesionN{Organ,Skeletal,SuvMax,SuvPeak,Krenning,Voi}; with study (a study netra holds, as"
                        + " /api/imaging/studies lists) netra fills SUVmax of each lesion's VOI and records SUVbw max"
                        + " and mean of the VOIs and the whole image, naming the series UID");

        final String path;
        final String title;
        final String summary;

        StudyType(String path, String title, String summary) {
            this.path = path;
            this.title = title;
            this.summary = summary;
        }
    }

    Stored<StudyRecord> create(StudyType type, String patientId, Form form, String actor) {
        var p = patient(patientId);
        var records = services.store().records();
        // srs-1, srs-2, …: a patient's studies of one kind numbered in the order recorded
        String id = ClinicalKinds.key(patientId, type.path + "-1");
        for (int n = 2; records.find(ClinicalKinds.STUDY, id).isPresent(); n++) {
            id = ClinicalKinds.key(patientId, type.path + "-" + n);
        }
        StudyRecord record = read(type, id, p, form);
        return records.create(ClinicalKinds.STUDY, record, actor);
    }

    private StudyRecord read(StudyType type, String id, PatientRecord p, Form form) {
        LocalDateTime injection = form.dateTime("injection", "injection");
        if (!form.hasError("injection") && injection.toLocalDate().isAfter(today())) {
            form.fail("injection", "injection " + injection + " is in the future; record studies done");
        }
        String sid = ClinicalKinds.localPart(id);
        return switch (type) {
            case SRS -> {
                List<Duration> reads = new ArrayList<>();
                for (int h : new int[] {4, 24, 48}) {
                    if (form.flag("at" + h + "h")) {
                        reads.add(Duration.ofHours(h));
                    }
                }
                if (reads.isEmpty()) {
                    form.fail("at4h", "tick the reads that were made (4 h, 24 h, 48 h)");
                }
                var lesions = lesions(form, true, false, Map.of());
                var measured = krenningSuggestions(form);
                form.done();
                var study = build(
                        form,
                        "injection",
                        () -> new ImagingStudy(
                                sid,
                                new ImagingProtocol.SomatostatinReceptorScintigraphy(reads),
                                injection,
                                lesions,
                                List.of()));
                yield new StudyRecord(id, p.id(), study, List.of(), measured);
            }
            case BONE -> {
                List<BoneFinding> findings = new ArrayList<>();
                for (int i = 1; i <= LESION_ROWS; i++) {
                    var site = form.optionalText("finding" + i + "Site", "site of finding " + i, 80);
                    var kind = form.optionalChoice("finding" + i + "Kind", "finding " + i, BoneFinding.Kind.class);
                    if (site.isPresent() && kind.isPresent()) {
                        findings.add(new BoneFinding(site.get(), kind.get()));
                    } else if (site.isPresent() != kind.isPresent()) {
                        form.fail(
                                site.isPresent() ? "finding" + i + "Kind" : "finding" + i + "Site",
                                "finding " + i + " needs both its site and what it looks like");
                    }
                }
                if (findings.isEmpty() && !form.hasError("finding1Site") && !form.hasError("finding1Kind")) {
                    form.fail(
                            "finding1Site", "record at least one finding (a normal scan: site whole skeleton, normal)");
                }
                form.done();
                yield record(
                        id,
                        p,
                        form,
                        () -> new ImagingStudy(
                                sid, ImagingProtocol.BoneScintigraphy.standard(), injection, List.of(), findings));
            }
            case MIBG -> {
                Tracer tracer = form.choice("tracer", "tracer", Tracer.class);
                double hours = form.optionalNumber("scanHours", "scan time after injection")
                        .orElse(24.0);
                if (!form.hasError("tracer") && tracer != Tracer.I123_MIBG && tracer != Tracer.I131_MIBG) {
                    form.fail("tracer", "an MIBG scan uses 123I-MIBG or 131I-MIBG, not " + tracer.label());
                }
                if (!(hours > 0) || hours > 24 * 14) {
                    form.fail("scanHours", "scan time after injection must lie between 0 and 336 h, got " + hours);
                }
                var lesions = lesions(form, false, false, Map.of());
                Optional<ConjugateViewRead> planar = conjugateView(form, lesions);
                form.done();
                Duration scan = Duration.ofMinutes(Math.round(hours * 60));
                var study = build(
                        form,
                        "tracer",
                        () -> new ImagingStudy(
                                sid,
                                new ImagingProtocol.MibgScintigraphy(tracer, List.of(scan)),
                                injection,
                                lesions,
                                List.of()));
                yield new StudyRecord(id, p.id(), study, planar.stream().toList());
            }
            case PET -> {
                Tracer tracer = form.choice("tracer", "tracer", Tracer.class);
                double minutes =
                        form.optionalNumber("uptakeMinutes", "uptake time").orElse(60.0);
                if (!form.hasError("tracer") && tracer.modality() != Modality.PET_CT) {
                    form.fail("tracer", tracer.label() + " is not a PET tracer");
                }
                if (!(minutes > 0) || minutes > 600) {
                    form.fail("uptakeMinutes", "uptake time must lie between 0 and 600 minutes, got " + minutes);
                }
                // the study is looked up and its SUV factor checked once; both name the study field when refused
                var heldPet = heldStudy(form);
                var factor = heldPet.flatMap(h -> suvFactor(form, h));
                var suvs = suvs(form, heldPet, factor);
                Map<Integer, Double> netraSuvMax = new LinkedHashMap<>();
                suvs.forEach((row, r) -> netraSuvMax.put(row, r.suvMax()));
                var lesions = lesions(form, !form.hasError("tracer") && tracer.gradedByKrenning(), true, netraSuvMax);
                form.done();
                var study = build(
                        form,
                        "injection",
                        () -> new ImagingStudy(
                                sid,
                                new ImagingProtocol.PetCt(tracer, List.of(Duration.ofMinutes(Math.round(minutes)))),
                                injection,
                                lesions,
                                List.of()));
                List<LesionUptake> measured = new ArrayList<>(suvs.values());
                heldPet.flatMap(h -> factor.map(f -> HeldStudyUptake.wholeBody(h, f)))
                        .ifPresent(measured::add);
                yield new StudyRecord(id, p.id(), study, List.of(), measured);
            }
        };
    }

    private static StudyRecord record(
            String id, PatientRecord p, Form form, java.util.function.Supplier<ImagingStudy> s) {
        return new StudyRecord(id, p.id(), build(form, "injection", s));
    }

    /** The study named by the form's {@code study} field, if any; an unknown one is the field's error. */
    private Optional<HeldStudyUptake.Held> heldStudy(Form form) {
        var id = form.optionalText("study", "study", 200);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        var h = held.held(id.get());
        if (h.isEmpty()) {
            form.fail("study", "netra holds no study '" + id.get() + "' (see Imaging); choose one from the list");
        }
        return h;
    }

    /** The VOI named in lesion row {@code row}, checked against the study; empty when none was chosen. */
    private static Optional<String> voi(Form form, int row, HeldStudyUptake.Held h) {
        var voi = form.optionalText("lesion" + row + "Voi", "VOI of lesion " + row, 200);
        if (voi.isPresent() && !h.voiNames().contains(voi.get())) {
            form.fail(
                    "lesion" + row + "Voi",
                    "study " + h.title() + " has no VOI named '" + voi.get() + "' (it has: "
                            + String.join(", ", h.voiNames()) + ")");
            return Optional.empty();
        }
        return voi;
    }

    /** SRS: the suggested grade (or why none) of every lesion row with a VOI in the chosen study. */
    private List<LesionUptake> krenningSuggestions(Form form) {
        List<LesionUptake> out = new ArrayList<>();
        var h = heldStudy(form);
        if (h.isEmpty()) {
            return out;
        }
        for (int i = 1; i <= LESION_ROWS; i++) {
            var voi = voi(form, i, h.get());
            if (voi.isPresent() && form.given("lesion" + i + "Organ")) {
                out.add(held.krenning(h.get(), "L" + i, voi.get()));
            }
        }
        return out;
    }

    /** PET: SUVbw of every lesion row with a VOI in the chosen study, by row (none where SUV is undefined). */
    private static Map<Integer, LesionUptake.SuvRead> suvs(
            Form form, Optional<HeldStudyUptake.Held> h, Optional<Double> factor) {
        Map<Integer, LesionUptake.SuvRead> out = new LinkedHashMap<>();
        if (h.isEmpty()) {
            return out;
        }
        for (int i = 1; i <= LESION_ROWS; i++) {
            var voi = voi(form, i, h.get());
            if (voi.isPresent() && factor.isPresent() && form.given("lesion" + i + "Organ")) {
                HeldStudyUptake.suv(h.get(), factor.get(), "L" + i, voi.get()).ifPresent(r -> out.put(row(r), r));
            }
        }
        return out;
    }

    private static int row(LesionUptake u) {
        return Integer.parseInt(u.lesionId().substring(1));
    }

    private static Optional<Double> suvFactor(Form form, HeldStudyUptake.Held h) {
        return switch (HeldStudyUptake.suvFactor(h)) {
            case org.netra.imaging.quant.SuvFactor.Defined d -> Optional.of(d.factor());
            case org.netra.imaging.quant.SuvFactor.Undefined u -> {
                form.fail("study", "SUV is undefined for " + h.title() + ": " + String.join("; ", u.reasons()));
                yield Optional.empty();
            }
        };
    }

    /** The query of a form submitted by GET ("Measure in the study"), as typed. */
    private static Map<String, String> typed(Context ctx) {
        Map<String, String> v = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, list) -> {
            if (!k.equals("_csrf") && !k.equals("measure") && !list.isEmpty()) {
                v.put(k, list.getLast());
            }
        });
        return v;
    }

    /**
     * The values with the chosen study's VOIs placed in the empty lesion rows (the VOI's name as the site) and,
     * on PET, netra's SUVmax in empty SUVmax fields, so the reader sees and corrects them before saving.
     */
    private Map<String, String> measuring(StudyType type, Map<String, String> values) {
        if (type != StudyType.SRS && type != StudyType.PET) {
            return values;
        }
        var id = values.getOrDefault("study", "");
        var h = id.isBlank() ? Optional.<HeldStudyUptake.Held>empty() : held.held(id);
        if (h.isEmpty()) {
            return values;
        }
        Map<String, String> v = new LinkedHashMap<>(values);
        var taken = new java.util.HashSet<String>();
        for (int i = 1; i <= LESION_ROWS; i++) {
            String chosen = v.getOrDefault("lesion" + i + "Voi", "");
            if (!chosen.isBlank()) {
                taken.add(chosen);
            }
        }
        var free = new java.util.ArrayDeque<>(
                h.get().voiNames().stream().filter(n -> !taken.contains(n)).toList());
        for (int i = 1; i <= LESION_ROWS && !free.isEmpty(); i++) {
            if (v.getOrDefault("lesion" + i + "Organ", "").isBlank()
                    && v.getOrDefault("lesion" + i + "Voi", "").isBlank()) {
                String n = free.poll();
                v.put("lesion" + i + "Organ", n);
                v.put("lesion" + i + "Voi", n);
            }
        }
        if (type == StudyType.PET) {
            var f = HeldStudyUptake.suvFactor(h.get());
            if (f instanceof org.netra.imaging.quant.SuvFactor.Defined d) {
                for (int i = 1; i <= LESION_ROWS; i++) {
                    String voi = v.getOrDefault("lesion" + i + "Voi", "");
                    int row = i;
                    if (!voi.isBlank()
                            && v.getOrDefault("lesion" + i + "SuvMax", "").isBlank()) {
                        HeldStudyUptake.suv(h.get(), d.factor(), "L" + i, voi)
                                .ifPresent(r -> v.put("lesion" + row + "SuvMax", FormPage.number(r.suvMax())));
                    }
                }
            }
        }
        return v;
    }

    /** What netra measures for the form's rows, by field name, to show beside the reader's values. */
    private Map<String, String> measuredHints(StudyType type, Map<String, String> values) {
        Map<String, String> hints = new LinkedHashMap<>();
        var id = values.getOrDefault("study", "");
        var h = id.isBlank() ? Optional.<HeldStudyUptake.Held>empty() : held.held(id);
        if (h.isEmpty()) {
            return hints;
        }
        Optional<Double> factor = Optional.empty();
        if (type == StudyType.PET) {
            switch (HeldStudyUptake.suvFactor(h.get())) {
                case org.netra.imaging.quant.SuvFactor.Defined d -> {
                    factor = Optional.of(d.factor());
                    hints.put("study", HeldStudyUptake.describe(HeldStudyUptake.wholeBody(h.get(), d.factor())));
                }
                case org.netra.imaging.quant.SuvFactor.Undefined u ->
                    hints.put("study", "SUV is undefined for this study: " + String.join("; ", u.reasons()));
            }
        }
        for (int i = 1; i <= LESION_ROWS; i++) {
            String voi = values.getOrDefault("lesion" + i + "Voi", "");
            if (voi.isBlank() || !h.get().voiNames().contains(voi)) {
                continue;
            }
            if (type == StudyType.SRS) {
                hints.put("lesion" + i + "Krenning", HeldStudyUptake.describe(held.krenning(h.get(), "L" + i, voi)));
            } else if (factor.isPresent()) {
                int row = i;
                HeldStudyUptake.suv(h.get(), factor.get(), "L" + i, voi)
                        .ifPresent(r -> hints.put("lesion" + row + "SuvMax", HeldStudyUptake.describe(r)));
            }
        }
        return hints;
    }

    /** Builds with the domain's own checks; what it refuses becomes the message of {@code field}. */
    private static <T> T build(Form form, String field, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            form.fail(field, e.getMessage()).done();
            throw e;
        }
    }

    /** The lesion rows of the form: organ, skeletal, and Krenning and/or SUVs as the study type has them. */
    private static List<Lesion> lesions(Form form, boolean krenning, boolean suv, Map<Integer, Double> netraSuvMax) {
        List<Lesion> out = new ArrayList<>();
        for (int i = 1; i <= LESION_ROWS; i++) {
            String f = "lesion" + i;
            int row = i;
            var organ = form.optionalText(f + "Organ", "site of lesion " + i, 80);
            Optional<KrenningScore> k = Optional.empty();
            if (krenning) {
                var score = form.optionalInteger(f + "Krenning", "Krenning score of lesion " + i);
                if (score.isPresent()) {
                    if (score.get() < 0 || score.get() > 4) {
                        form.fail(f + "Krenning", "Krenning score of lesion " + i + " is 0–4, got " + score.get());
                    } else {
                        k = Optional.of(KrenningScore.of(score.get()));
                    }
                }
            }
            // the reader's SUVmax where typed, else netra's from the lesion's VOI in the chosen study
            Optional<Double> suvMax = suv
                    ? form.optionalNumber(f + "SuvMax", "SUVmax of lesion " + i)
                            .or(() -> Optional.ofNullable(netraSuvMax.get(row)))
                    : Optional.empty();
            Optional<Double> suvPeak =
                    suv ? form.optionalNumber(f + "SuvPeak", "SUVpeak of lesion " + i) : Optional.empty();
            boolean anything = k.isPresent() || suvMax.isPresent() || suvPeak.isPresent();
            if (organ.isEmpty()) {
                if (anything) {
                    form.fail(f + "Organ", "lesion " + i + " needs its site (organ)");
                }
                continue;
            }
            if (krenning && k.isEmpty() && !form.hasError(f + "Krenning") && !suv) {
                form.fail(f + "Krenning", "grade lesion " + i + " on the Krenning scale (0–4)");
                continue;
            }
            try {
                out.add(new Lesion("L" + i, organ.get(), form.flag(f + "Skeletal"), k, suvMax, suvPeak));
            } catch (IllegalArgumentException e) {
                form.fail(suv ? f + "SuvPeak" : f + "Organ", e.getMessage());
            }
        }
        if (out.isEmpty() && !form.hasError("lesion1Organ") && !form.hasError("lesion1Krenning")) {
            form.fail("lesion1Organ", "record at least one lesion (its site)");
        }
        return out;
    }

    /** The conjugate-view read of lesion 1, when counts were given: the library's estimate, one implementation. */
    private static Optional<ConjugateViewRead> conjugateView(Form form, List<Lesion> lesions) {
        if (!form.given("anteriorCounts") && !form.given("posteriorCounts")) {
            return Optional.empty();
        }
        double ant = form.number("anteriorCounts", "anterior counts");
        double post = form.number("posteriorCounts", "posterior counts");
        double seconds = form.number("seconds", "acquisition time");
        double mu = form.number("muPerCm", "attenuation coefficient μ");
        double thickness = form.number("thicknessCm", "patient thickness");
        double calibration = form.number("cpsPerMBq", "calibration");
        nonNegative(form, "anteriorCounts", "anterior counts", ant);
        nonNegative(form, "posteriorCounts", "posterior counts", post);
        if (!(seconds > 0)) {
            form.fail("seconds", "acquisition time must be a positive number of seconds");
        }
        if (mu < 0 || mu > 1) {
            form.fail("muPerCm", "attenuation coefficient μ must lie between 0 and 1 per cm, got " + mu);
        }
        if (thickness < 0 || thickness > 80) {
            form.fail("thicknessCm", "patient thickness must lie between 0 and 80 cm, got " + thickness);
        }
        if (!(calibration > 0)) {
            form.fail("cpsPerMBq", "calibration must be a positive number of cps/MBq");
        }
        if (lesions.isEmpty()) {
            return Optional.empty();
        }
        form.done();
        var estimate =
                ConjugateView.estimate(ant / seconds, post / seconds, mu, thickness, new SpectCalibration(calibration));
        return Optional.of(new ConjugateViewRead(
                lesions.getFirst().id(),
                ant,
                post,
                Duration.ofMillis(Math.round(seconds * 1000)),
                mu,
                thickness,
                calibration,
                estimate.activity()));
    }

    private static void nonNegative(Form form, String field, String label, double v) {
        if (v < 0) {
            form.fail(field, label + " cannot be negative, got " + v);
        }
    }

    Stored<StudyRecord> workUp(String patientId, String study, Form form, String actor) {
        String id = ClinicalKinds.key(patientId, study);
        var stored = services.store().records().get(ClinicalKinds.STUDY, id);
        int version = form.version();
        int number = form.integer("finding", "finding");
        var test = form.choice("test", "test", BoneFinding.WorkUp.class);
        LocalDate date = form.date("date", "date done");
        String result = form.optionalText("result", "result", 200).orElse("");
        var findings = new ArrayList<>(stored.value().study().boneFindings());
        if (!form.hasError("finding") && (number < 1 || number > findings.size())) {
            form.fail("finding", "the study has findings 1–" + findings.size() + ", not " + number);
        }
        if (!form.hasError("date") && date.isAfter(today())) {
            form.fail("date", "date done " + date + " is in the future");
        }
        form.done();
        findings.set(number - 1, findings.get(number - 1).withDone(new BoneFinding.WorkUpDone(test, date, result)));
        var s = stored.value().study();
        var updated = stored.value().with(new ImagingStudy(s.id(), s.protocol(), s.injection(), s.lesions(), findings));
        return Submission.saving(services.store(), ClinicalKinds.STUDY, id, () -> services.store()
                .records()
                .update(ClinicalKinds.STUDY, version, updated, actor));
    }

    Stored<RadiotherapyRecord> radiotherapy(String patientId, Form form, String actor) {
        patient(patientId);
        LocalDate start = form.date("start", "start");
        String site = form.text("site", "site (skeletal metastasis)", 80);
        double dose = form.number("doseGy", "total dose");
        int fractions = form.integer("fractions", "fractions");
        String indication = form.optionalText("indication", "indication", 200).orElse("");
        if (!form.hasError("doseGy") && (dose <= 0 || dose > 70)) {
            form.fail("doseGy", "total dose must lie between 0 and 70 Gy for palliation, got " + dose);
        }
        if (!form.hasError("fractions") && (fractions < 1 || fractions > 40)) {
            form.fail("fractions", "fractions must be 1–40, got " + fractions);
        }
        form.done();
        var records = services.store().records();
        String id = ClinicalKinds.freeKey(records, ClinicalKinds.RADIOTHERAPY, patientId, "rt-" + start);
        var target = new Lesion("rt-target", site, true, Optional.empty(), Optional.empty(), Optional.empty());
        var course = new PalliativeRadiotherapy(start, target, AbsorbedDose.ofGy(dose), fractions, indication);
        return records.create(ClinicalKinds.RADIOTHERAPY, new RadiotherapyRecord(id, patientId, course), actor);
    }

    private PatientRecord patient(String id) {
        return services.store().records().get(ClinicalKinds.PATIENT, id).value();
    }

    private Stored<StudyRecord> study(Context ctx) {
        return services.store()
                .records()
                .get(ClinicalKinds.STUDY, ClinicalKinds.key(ctx.pathParam("id"), ctx.pathParam("study")));
    }

    static TracerProposal proposal(PatientRecord p) {
        NetType type = NetType.of(p.tumour());
        return new TracerProposal(lower(type.name()).replace('_', ' '), TracerCatalogue.forType(type));
    }

    StudyView view(Stored<StudyRecord> stored) {
        var r = stored.value();
        var s = r.study();
        var p = patient(r.patientId());
        List<LesionRow> lesions = s.lesions().stream()
                .map(l -> new LesionRow(
                        l.id(),
                        l.organ(),
                        l.skeletal(),
                        l.krenning()
                                .map(k -> k.score() + " (" + k.meaning() + ")")
                                .orElse("–"),
                        l.suvMax().map(FormPage::number).orElse("–"),
                        l.suvPeak().map(FormPage::number).orElse("–")))
                .toList();
        List<FindingRow> findings = new ArrayList<>();
        for (int i = 0; i < s.boneFindings().size(); i++) {
            var f = s.boneFindings().get(i);
            findings.add(new FindingRow(
                    i + 1,
                    f.location(),
                    lower(f.kind().name()),
                    words(f.workUp(), " or ", "none"),
                    f.done().isEmpty()
                            ? "–"
                            : String.join(
                                    "; ",
                                    f.done().stream()
                                            .map(d -> d.test() + " on " + d.date()
                                                    + (d.result().isEmpty() ? "" : ": " + d.result()))
                                            .toList()),
                    words(f.outstanding(), f.kind() == BoneFinding.Kind.SUSPICIOUS ? " or " : " and ", "nothing")));
        }
        List<PlanarRow> planar = r.planar().stream()
                .map(c -> {
                    double seconds = c.acquisition().toMillis() / 1000.0;
                    var e = ConjugateView.estimate(
                            c.anteriorCounts() / seconds,
                            c.posteriorCounts() / seconds,
                            c.muPerCm(),
                            c.thicknessCm(),
                            new SpectCalibration(c.cpsPerMBq()));
                    return new PlanarRow(
                            c.lesionId(),
                            FormPage.number(c.anteriorCounts() / seconds),
                            FormPage.number(c.posteriorCounts() / seconds),
                            FormPage.number(e.geometricMeanCps()),
                            FormPage.number(e.attenuationCorrection()),
                            FormPage.number(c.activity().inMBq()));
                })
                .toList();
        String kind =
                switch (s.protocol()) {
                    case ImagingProtocol.SomatostatinReceptorScintigraphy x -> "SRS";
                    case ImagingProtocol.BoneScintigraphy x -> "Bone scintigraphy";
                    case ImagingProtocol.MibgScintigraphy x -> "MIBG scintigraphy";
                    case ImagingProtocol.PetCt x -> "PET/CT";
                };
        List<String> measured = r.measured().stream()
                .map(u -> u.lesionId() + ": " + HeldStudyUptake.describe(u) + " — series " + u.seriesInstanceUid())
                .toList();
        return new StudyView(
                p.id(),
                p.name(),
                s.id(),
                stored.version(),
                kind,
                s.protocol().tracer().label(),
                s.injection(),
                s.scanSchedule(),
                lesions,
                findings,
                planar,
                measured);
    }

    private static String words(List<BoneFinding.WorkUp> w, String joiner, String none) {
        return w.isEmpty()
                ? none
                : String.join(
                        joiner,
                        w.stream()
                                .map(x -> x == BoneFinding.WorkUp.BIOPSY ? "biopsy" : x.name())
                                .toList());
    }

    private static String link(StudyRecord r) {
        return "/patients/" + r.patientId() + "/studies/" + r.study().id() + "?saved=1";
    }

    private Map<String, String> defaults(StudyType type, PatientRecord p) {
        Map<String, String> v = new LinkedHashMap<>();
        switch (type) {
            case SRS -> {
                v.put("at4h", "on");
                v.put("at24h", "on");
                v.put("at48h", "on");
            }
            case MIBG -> {
                v.put("tracer", "i123_mibg");
                v.put("scanHours", "24");
            }
            case PET -> {
                v.put("tracer", lower(proposal(p).tracers().getFirst().tracer().name()));
                v.put("uptakeMinutes", "60");
            }
            case BONE -> {}
        }
        return v;
    }

    private FormPage form(StudyType type, PatientRecord p, Map<String, String> values) {
        var hints = measuredHints(type, values);
        List<Section> sections = new ArrayList<>();
        String lead;
        switch (type) {
            case SRS -> {
                lead = "111In-pentetreotide is injected on day 1 and read at about 4 h, 24 h and 48 h; grade each"
                        + " lesion on the Krenning scale (0 none, 1 below liver, 2 as liver, 3 above liver, 4 above"
                        + " spleen or kidneys).";
                sections.add(new Section(
                        "Injection and reads",
                        "",
                        List.of(
                                Field.of("injection", "Injection (date and time)", "datetime-local"),
                                Field.of("at4h", "read at 4 h", "checkbox"),
                                Field.of("at24h", "read at 24 h", "checkbox"),
                                Field.of("at48h", "read at 48 h", "checkbox"))));
                sections.add(studySection(
                        values,
                        hints,
                        "a suggested Krenning grade from each lesion VOI's uptake"
                                + " against the study's liver and spleen VOIs"));
                sections.add(lesionSection(true, false, values, hints));
            }
            case BONE -> {
                lead = "Each focus with its site and what it looks like; netra recommends the work-up (a"
                        + " suspicious focus: CT, MRI or biopsy; a typical metastasis: CT and MRI) and tracks it.";
                sections.add(new Section(
                        "Injection",
                        "",
                        List.of(Field.of("injection", "Injection (date and time)", "datetime-local"))));
                List<Field> f = new ArrayList<>();
                List<Option> kinds = new ArrayList<>();
                kinds.add(new Option("", "—"));
                Arrays.stream(BoneFinding.Kind.values())
                        .forEach(k -> kinds.add(new Option(lower(k.name()), lower(k.name()))));
                for (int i = 1; i <= LESION_ROWS; i++) {
                    f.add(Field.of("finding" + i + "Site", "Finding " + i + ": site", "text"));
                    f.add(Field.select("finding" + i + "Kind", "Finding " + i + ": looks", kinds));
                }
                sections.add(new Section("Findings", "", f, 2));
            }
            case MIBG -> {
                lead = "Planar conjugate views: the activity of lesion 1 from its anterior and posterior counts"
                        + " (geometric mean), the attenuation e^(μT/2) and the camera's calibration (MIRD Pamphlet"
                        + " 16) — the same computation as netra conjugate-view.";
                sections.add(new Section(
                        "Tracer and scan",
                        "",
                        List.of(
                                Field.select(
                                        "tracer",
                                        "Tracer",
                                        List.of(
                                                new Option("i123_mibg", Tracer.I123_MIBG.label()),
                                                new Option("i131_mibg", Tracer.I131_MIBG.label()))),
                                Field.of("injection", "Injection (date and time)", "datetime-local"),
                                Field.of("scanHours", "Scan after injection (h)", "number"))));
                sections.add(lesionSection(false, false, values, hints));
                sections.add(new Section(
                        "Conjugate-view quantification of lesion 1",
                        "Leave empty if the lesion was not quantified.",
                        List.of(
                                Field.of("anteriorCounts", "Anterior counts in the region", "number"),
                                Field.of("posteriorCounts", "Posterior counts in the region", "number"),
                                Field.of("seconds", "Acquisition time per view (s)", "number"),
                                Field.of("muPerCm", "Effective μ (per cm)", "number"),
                                Field.of("thicknessCm", "Patient thickness through the lesion (cm)", "number"),
                                Field.of("cpsPerMBq", "Calibration (cps/MBq)", "number"))));
            }
            case PET -> {
                var proposal = proposal(p);
                lead = "Proposed for a " + proposal.netType() + " (grade "
                        + p.tumour().grade()
                        + p.tumour()
                                .ki67()
                                .map(k -> ", Ki-67 " + FormPage.number(k.percent()) + " %")
                                .orElse("") + "): "
                        + String.join(
                                "; ",
                                proposal.tracers().stream()
                                        .map(r -> r.tracer().label() + " ("
                                                + lower(r.role().name()).replace('_', ' ') + ": " + r.reason() + ")")
                                        .toList())
                        + ".";
                List<Option> tracers = Arrays.stream(Tracer.values())
                        .filter(t -> t.modality() == Modality.PET_CT)
                        .map(t -> new Option(lower(t.name()), t.label()))
                        .toList();
                sections.add(new Section(
                        "Tracer and scan",
                        "",
                        List.of(
                                Field.select("tracer", "Tracer", tracers),
                                Field.of("injection", "Injection (date and time)", "datetime-local"),
                                Field.of("uptakeMinutes", "Uptake time (min)", "number"))));
                sections.add(studySection(
                        values,
                        hints,
                        "SUVmax (body weight) of each lesion VOI, filled where you"
                                + " left it empty, and the whole image's"));
                sections.add(lesionSection(true, true, values, hints));
            }
            default -> throw new IllegalStateException();
        }
        return new FormPage(
                type.title + " of " + p.name() + " (" + p.id() + ")",
                lead,
                "/patients/" + p.id() + "/studies/" + type.path + "/new",
                sections,
                values,
                Map.of(),
                "",
                "Save " + type.title.replaceAll(" \\(.*", ""),
                "/patients/" + p.id());
    }

    /** The study netra holds that the lesions are measured in, and the button that measures them (a GET). */
    private Section studySection(Map<String, String> values, Map<String, String> hints, String what) {
        return new Section(
                "Study in netra",
                "Optional: choose a study netra holds and press Measure — the lesion rows take its VOIs and netra"
                        + " shows " + what + ". Your values are what is recorded; netra's are kept beside them.",
                List.of(
                        Field.select("study", "Study", held.choices()).hint(hints.getOrDefault("study", "")),
                        Field.of("measure", "Measure in the study", "get-button")));
    }

    private Section lesionSection(
            boolean krenning, boolean suv, Map<String, String> values, Map<String, String> hints) {
        var id = values.getOrDefault("study", "");
        var h = id.isBlank() ? Optional.<HeldStudyUptake.Held>empty() : held.held(id);
        List<Option> vois = new ArrayList<>();
        vois.add(new Option("", "—"));
        h.ifPresent(x -> x.voiNames().forEach(n -> vois.add(new Option(n, n))));
        boolean measurable = h.isPresent() && (krenning || suv);
        List<Field> f = new ArrayList<>();
        List<Option> scores = new ArrayList<>();
        scores.add(new Option("", "—"));
        Arrays.stream(KrenningScore.values())
                .forEach(k -> scores.add(new Option(Integer.toString(k.score()), k.score() + " – " + k.meaning())));
        for (int i = 1; i <= LESION_ROWS; i++) {
            String n = "lesion" + i;
            f.add(Field.of(n + "Organ", "Lesion " + i + ": site", "text"));
            f.add(Field.of(n + "Skeletal", "skeletal", "checkbox"));
            if (measurable) {
                f.add(Field.select(n + "Voi", "Lesion " + i + ": VOI", vois));
            }
            if (krenning) {
                f.add(Field.select(n + "Krenning", "Lesion " + i + ": Krenning", scores)
                        .hint(hints.getOrDefault(n + "Krenning", "")));
            }
            if (suv) {
                f.add(Field.of(n + "SuvMax", "Lesion " + i + ": SUVmax", "number")
                        .hint(hints.getOrDefault(n + "SuvMax", "")));
                f.add(Field.of(n + "SuvPeak", "Lesion " + i + ": SUVpeak", "number"));
            }
        }
        return new Section(
                "Lesions",
                "Up to " + LESION_ROWS + " lesions; leave unused rows empty.",
                f,
                2 + (measurable ? 1 : 0) + (krenning ? 1 : 0) + (suv ? 2 : 0));
    }

    private FormPage workUpPage(String patientId, String study) {
        return new FormPage(
                "Work-up of " + study,
                "",
                "/patients/" + patientId + "/studies/" + study + "/workup",
                List.of(new Section(
                        "",
                        "",
                        List.of(
                                Field.of("version", "", "hidden"),
                                Field.of("finding", "Finding (number)", "number"),
                                Field.select(
                                        "test",
                                        "Test",
                                        List.of(
                                                new Option("ct", "CT"),
                                                new Option("mri", "MRI"),
                                                new Option("biopsy", "biopsy"))),
                                Field.of("date", "Date done", "date"),
                                Field.of("result", "Result", "text")))),
                Map.of(),
                Map.of(),
                "",
                "Record work-up",
                "/patients/" + patientId + "/studies/" + study);
    }

    private FormPage radiotherapyPage(String patientId, Map<String, String> values) {
        return new FormPage(
                "External radiotherapy of " + patientId,
                "In NET care external-beam radiotherapy is palliation of a skeletal metastasis (pain, fracture"
                        + " risk); it is recorded with its site, dose and fractions.",
                "/patients/" + patientId + "/radiotherapy/new",
                List.of(new Section(
                        "",
                        "",
                        List.of(
                                Field.of("start", "Start", "date"),
                                Field.of("site", "Site (skeletal metastasis)", "text"),
                                Field.of("doseGy", "Total dose (Gy)", "number"),
                                Field.of("fractions", "Fractions", "number"),
                                Field.of("indication", "Indication (palliative)", "text")))),
                values,
                Map.of(),
                "",
                "Save radiotherapy",
                "/patients/" + patientId);
    }

    private LocalDate today() {
        return LocalDate.now(services.clock());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

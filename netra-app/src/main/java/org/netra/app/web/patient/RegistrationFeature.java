package org.netra.app.web.patient;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Identifier;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.Length;
import org.netra.clinical.patient.NetTherapy;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.PriorTreatment;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TumourSite;
import org.netra.physics.quantity.Mass;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PatientRecord;
import org.netra.store.clinical.PatientRegistry;
import org.netra.store.record.Stored;

/**
 * Registering and editing a patient (identity, MRN, body measures, primary tumour with Ki-67) and adding
 * prior treatments: pages for the physician and their API twins, every save through {@link PatientRegistry}
 * (duplicates refused, never merged) and the store's audited, versioned records.
 */
public final class RegistrationFeature implements WebFeature {
    private final WebServices services;
    private final PatientRegistry registry;

    public RegistrationFeature(WebServices services) {
        this.services = services;
        this.registry = new PatientRegistry(services.store().records());
    }

    /** What the API answers after a save: the patient as stored and the version the next edit names. */
    public record Saved(String id, int version, PatientRecord patient) {}

    @Override
    public void register(Routes routes) {
        Access editors = Access.requires(Permission.EDIT_PATIENT);
        // before the chart's /patients/{id}, so that "new" is not taken for an id
        routes.page(
                HandlerType.GET,
                "/patients/new",
                editors,
                ctx -> Submission.show(routes.views(), ctx, newPatientPage(Map.of())));
        routes.page(
                HandlerType.POST,
                "/patients/new",
                editors,
                ctx -> Submission.page(
                        ctx,
                        routes.views(),
                        newPatientPage(Map.of()),
                        form -> "/patients/"
                                + register(form, Submission.actor(ctx)).value().id() + "?saved=registered"));
        routes.page(HandlerType.GET, "/patients/{id}/edit", editors, ctx -> {
            var stored = patient(ctx);
            Submission.show(routes.views(), ctx, editPage(stored.value().id(), values(stored)));
        });
        routes.page(
                HandlerType.POST,
                "/patients/{id}/edit",
                editors,
                ctx -> Submission.page(
                        ctx,
                        routes.views(),
                        editPage(ctx.pathParam("id"), Map.of()),
                        form -> "/patients/"
                                + update(ctx.pathParam("id"), form, Submission.actor(ctx))
                                        .value()
                                        .id() + "?saved=patient"));
        routes.page(HandlerType.GET, "/patients/{id}/treatments/new", editors, ctx -> {
            var stored = patient(ctx);
            Submission.show(
                    routes.views(),
                    ctx,
                    treatmentPage(
                            stored.value().id(),
                            Map.of("version", Integer.toString(stored.version()), "therapy", "somatostatin_analogue")));
        });
        routes.page(
                HandlerType.POST,
                "/patients/{id}/treatments/new",
                editors,
                ctx -> Submission.page(
                        ctx,
                        routes.views(),
                        treatmentPage(ctx.pathParam("id"), Map.of()),
                        form -> "/patients/"
                                + addTreatment(ctx.pathParam("id"), form, Submission.actor(ctx))
                                        .value()
                                        .id() + "?saved=treatment#timeline"));

        routes.api(
                HandlerType.POST,
                "/api/patients",
                editors,
                "register a patient: name, birthDate, sex (female|male), mrn, heightCm, weightKg, site, grade,"
                        + " optional ki67 (%) with ki67Date, ecog with ecogDate, pregnancy (not_recorded|not_pregnant|"
                        + "pregnant), breastfeeding; refused (409) when the MRN or name and birth date are"
                        + " registered already",
                ctx -> Submission.api(ctx, 201, form -> saved(register(form, Submission.actor(ctx)))));
        routes.api(
                HandlerType.PUT,
                "/api/patients/{id}",
                editors,
                "edit a patient: the registration fields and the version read (a stale version is a 409 naming"
                        + " who changed what)",
                ctx -> Submission.api(
                        ctx, 200, form -> saved(update(ctx.pathParam("id"), form, Submission.actor(ctx)))));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/treatments",
                editors,
                "add a prior treatment: therapy (surgery|somatostatin_analogue|everolimus|sunitinib|chemotherapy|…),"
                        + " start, optional end and detail, and the patient's version",
                ctx -> Submission.api(
                        ctx, 200, form -> saved(addTreatment(ctx.pathParam("id"), form, Submission.actor(ctx)))));
    }

    private Stored<PatientRecord> patient(Context ctx) {
        return services.store().records().get(ClinicalKinds.PATIENT, ctx.pathParam("id"));
    }

    Stored<PatientRecord> register(Form form, String actor) {
        LocalDate today = LocalDate.now(services.clock());
        var parsed = read(form, "P-0000", Optional.empty(), today);
        return Submission.saving(
                services.store(), ClinicalKinds.PATIENT, "", () -> registry.register(id -> rebuild(parsed, id), actor));
    }

    Stored<PatientRecord> update(String id, Form form, String actor) {
        var current = services.store().records().get(ClinicalKinds.PATIENT, id);
        int version = form.version();
        var record = read(form, id, Optional.of(current.value()), LocalDate.now(services.clock()));
        return Submission.saving(
                services.store(), ClinicalKinds.PATIENT, id, () -> registry.update(version, record, actor));
    }

    Stored<PatientRecord> addTreatment(String id, Form form, String actor) {
        var current = services.store().records().get(ClinicalKinds.PATIENT, id);
        int version = form.version();
        NetTherapy therapy = form.choice("therapy", "therapy", NetTherapy.class);
        LocalDate start = form.date("start", "start");
        Optional<LocalDate> end = form.optionalDate("end", "end");
        String detail = form.optionalText("detail", "detail", 200).orElse("");
        form.done();
        PriorTreatment treatment;
        try {
            treatment = therapy.given(start, end, detail);
        } catch (IllegalArgumentException e) {
            form.fail("end", e.getMessage()).done();
            throw e;
        }
        if (start.isAfter(LocalDate.now(services.clock()))) {
            form.fail("start", "start " + start + " is in the future; record treatments given")
                    .done();
        }
        return Submission.saving(services.store(), ClinicalKinds.PATIENT, id, () -> services.store()
                .records()
                .update(ClinicalKinds.PATIENT, version, current.value().withPriorTreatment(treatment), actor));
    }

    /**
     * The patient a registration or edit form describes; an edit keeps what the form does not show (prior
     * treatments, performance, pregnancy) and adds a new weight or height only when it changed.
     */
    private static PatientRecord read(Form form, String id, Optional<PatientRecord> current, LocalDate today) {
        String name = form.text("name", "name", 120);
        LocalDate birth = form.date("birthDate", "birth date");
        Sex sex = form.choice("sex", "sex", Sex.class);
        // a record kept before netra knew MRNs (the demo cohort, referrals) may be edited without one
        boolean mrnOptional = current.map(c -> c.mrn().isEmpty()).orElse(false);
        String mrn = mrnOptional
                ? form.optionalText("mrn", "MRN (hospital number)", 64).orElse("")
                : form.text("mrn", "MRN (hospital number)", 64);
        Optional<String> otherSystem = form.optionalText("otherIdSystem", "other identifier's system", 32);
        Optional<String> otherId = form.optionalText("otherId", "other identifier", 64);
        double heightCm = form.number("heightCm", "height");
        double weightKg = form.number("weightKg", "weight");
        LocalDate measuredOn = form.optionalDate("measuredOn", "measured on").orElse(today);
        TumourSite site = form.choice("site", "primary site", TumourSite.class);
        Grade grade = form.choice("grade", "WHO grade", Grade.class);
        Optional<Double> ki67 = form.optionalNumber("ki67", "Ki-67");
        Optional<LocalDate> ki67Date = form.optionalDate("ki67Date", "Ki-67 date");
        if (ki67.isPresent() && ki67Date.isEmpty() && !form.hasError("ki67Date")) {
            form.fail("ki67Date", "Ki-67 date is required with a Ki-67 value (the date of the specimen)");
        }
        if (otherId.isPresent() != otherSystem.isPresent()) {
            form.fail(
                    otherId.isPresent() ? "otherIdSystem" : "otherId",
                    "give both the other identifier and whose number it is (e.g. NHS, trial)");
        }
        if (!form.hasError("birthDate") && birth.isAfter(today)) {
            form.fail("birthDate", "birth date " + birth + " is in the future");
        }
        if (!form.hasError("birthDate") && birth.isBefore(today.minusYears(120))) {
            form.fail("birthDate", "birth date " + birth + " is more than 120 years ago");
        }
        if (!form.hasError("heightCm") && (heightCm < 30 || heightCm > 260)) {
            form.fail("heightCm", "height " + heightCm + " cm is impossible; give it in centimetres (30–260)");
        }
        if (!form.hasError("weightKg") && (weightKg < 0.3 || weightKg > 400)) {
            form.fail("weightKg", "weight " + weightKg + " kg is impossible; give it in kilograms (0.3–400)");
        }
        Optional<Integer> ecog = form.optionalInteger("ecog", "ECOG");
        LocalDate ecogDate = form.optionalDate("ecogDate", "ECOG date").orElse(today);
        if (ecog.isPresent() && (ecog.get() < 0 || ecog.get() > 5)) {
            form.fail("ecog", "ECOG performance status is 0–5, got " + ecog.get());
        }
        if (!form.hasError("ecogDate") && ecogDate.isAfter(today)) {
            form.fail("ecogDate", "ECOG date " + ecogDate + " is in the future");
        }
        Optional<Boolean> pregnant =
                form.optionalChoice("pregnancy", "pregnancy", Pregnancy.class).flatMap(Pregnancy::recorded);
        boolean breastfeeding = form.flag("breastfeeding");
        Optional<Ki67> ki = Optional.empty();
        if (ki67.isPresent() && ki67Date.isPresent()) {
            try {
                ki = Optional.of(new Ki67(ki67.get(), ki67Date.get()));
            } catch (IllegalArgumentException e) {
                form.fail("ki67", e.getMessage());
            }
        }
        List<Identifier> ids = new ArrayList<>();
        try {
            if (!mrn.isEmpty()) {
                ids.add(new Identifier(Identifier.MRN, mrn));
            }
            if (otherId.isPresent() && otherSystem.isPresent()) {
                if (otherSystem.get().equalsIgnoreCase(Identifier.MRN)) {
                    form.fail("otherIdSystem", "the MRN has its own field; name another system here");
                } else {
                    ids.add(new Identifier(otherSystem.get(), otherId.get()));
                }
            }
        } catch (IllegalArgumentException e) {
            form.fail("mrn", e.getMessage());
        }
        form.done();
        List<Dated<Mass>> weights =
                new ArrayList<>(current.map(c -> c.patient().weights()).orElse(List.of()));
        List<Dated<Length>> heights =
                new ArrayList<>(current.map(c -> c.patient().heights()).orElse(List.of()));
        Mass weight = Mass.ofKg(weightKg);
        Length height = Length.ofCm(heightCm);
        if (weights.isEmpty() || Math.abs(weights.getLast().value().inKg() - weightKg) > 1e-9) {
            weights.removeIf(w -> w.date().equals(measuredOn));
            weights.add(new Dated<>(measuredOn, weight));
        }
        if (heights.isEmpty() || Math.abs(heights.getLast().value().inCm() - heightCm) > 1e-9) {
            heights.removeIf(h -> h.date().equals(measuredOn));
            heights.add(new Dated<>(measuredOn, height));
        }
        List<Dated<PerformanceStatus>> performance =
                new ArrayList<>(current.map(PatientRecord::performance).orElse(List.of()));
        if (ecog.isPresent()) {
            var latest = performance.stream().max(java.util.Comparator.comparing(Dated::date));
            boolean same =
                    latest.map(l -> l.value().toEcog().grade() == ecog.get()).orElse(false);
            if (!same) {
                performance.removeIf(d -> d.date().equals(ecogDate));
                performance.add(new Dated<>(ecogDate, new PerformanceStatus.Ecog(ecog.get())));
            }
        }
        var patient = new Patient(id, sex, birth, weights, heights);
        var tumour = new PrimaryTumour(site, grade, ki);
        return current.map(c -> c.with(patient, name, tumour, ids))
                .orElse(new PatientRecord(patient, name, tumour, List.of(), List.of(), Optional.empty(), false, ids))
                .withCondition(performance, pregnant, breastfeeding);
    }

    /** Pregnancy as the form records it: not asked yet, excluded (e.g. by a test), or pregnant. */
    enum Pregnancy {
        NOT_RECORDED,
        NOT_PREGNANT,
        PREGNANT;

        Optional<Boolean> recorded() {
            return switch (this) {
                case NOT_RECORDED -> Optional.empty();
                case NOT_PREGNANT -> Optional.of(false);
                case PREGNANT -> Optional.of(true);
            };
        }
    }

    private static PatientRecord rebuild(PatientRecord r, String id) {
        var p = r.patient();
        return new PatientRecord(
                new Patient(id, p.sex(), p.birthDate(), p.weights(), p.heights()),
                r.name(),
                r.tumour(),
                r.priorTreatments(),
                r.performance(),
                r.pregnant(),
                r.breastfeeding(),
                r.identifiers());
    }

    private static Saved saved(Stored<PatientRecord> s) {
        return new Saved(s.value().id(), s.version(), s.value());
    }

    /** The form's values from a stored patient (the latest weight and height). */
    static Map<String, String> values(Stored<PatientRecord> s) {
        var r = s.value();
        var p = r.patient();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("version", Integer.toString(s.version()));
        v.put("name", r.name());
        v.put("birthDate", p.birthDate().toString());
        v.put("sex", p.sex().name().toLowerCase(Locale.ROOT));
        r.mrn().ifPresent(m -> v.put("mrn", m.value()));
        r.identifiers().stream()
                .filter(i -> !i.system().equalsIgnoreCase(Identifier.MRN))
                .findFirst()
                .ifPresent(i -> {
                    v.put("otherIdSystem", i.system());
                    v.put("otherId", i.value());
                });
        if (!p.heights().isEmpty()) {
            v.put("heightCm", FormPage.number(p.heights().getLast().value().inCm()));
        }
        if (!p.weights().isEmpty()) {
            v.put("weightKg", FormPage.number(p.weights().getLast().value().inKg()));
        }
        v.put("site", r.tumour().site().name().toLowerCase(Locale.ROOT));
        v.put("grade", r.tumour().grade().name().toLowerCase(Locale.ROOT));
        r.tumour().ki67().ifPresent(k -> {
            v.put("ki67", FormPage.number(k.percent()));
            v.put("ki67Date", k.date().toString());
        });
        r.performance().stream()
                .max(java.util.Comparator.comparing(Dated::date))
                .ifPresent(d -> {
                    v.put("ecog", Integer.toString(d.value().toEcog().grade()));
                    v.put("ecogDate", d.date().toString());
                });
        v.put(
                "pregnancy",
                r.pregnant().map(yes -> yes ? "pregnant" : "not_pregnant").orElse("not_recorded"));
        if (r.breastfeeding()) {
            v.put("breastfeeding", "on");
        }
        return v;
    }

    private FormPage newPatientPage(Map<String, String> values) {
        return new FormPage(
                "Register a patient",
                "netra gives the patient the next free id. A patient whose MRN, or name and birth date, is"
                        + " registered already is refused: open the existing chart instead.",
                "/patients/new",
                patientSections(false),
                values,
                Map.of(),
                "",
                "Register patient",
                "/patients");
    }

    private FormPage editPage(String id, Map<String, String> values) {
        return new FormPage(
                "Edit patient " + id,
                "A changed weight or height is added to the patient's series with the date measured; the"
                        + " earlier values stay.",
                "/patients/" + id + "/edit",
                patientSections(true),
                values,
                Map.of(),
                "",
                "Save patient",
                "/patients/" + id);
    }

    private FormPage treatmentPage(String id, Map<String, String> values) {
        return new FormPage(
                "Prior treatment of " + id,
                "A line of treatment before PRRT (the eligibility check asks whether another was tried first).",
                "/patients/" + id + "/treatments/new",
                List.of(new Section(
                        "",
                        "",
                        List.of(
                                Field.of("version", "", "hidden"),
                                Field.select(
                                        "therapy",
                                        "Therapy",
                                        Arrays.stream(NetTherapy.values())
                                                .map(t -> new Option(lower(t.name()), t.label()))
                                                .toList()),
                                Field.of("start", "Start", "date"),
                                Field.of("end", "End (empty while ongoing)", "date"),
                                Field.of("detail", "Detail (drug, dose, operation)", "text")))),
                values,
                Map.of(),
                "",
                "Add treatment",
                "/patients/" + id);
    }

    private static List<Section> patientSections(boolean edit) {
        List<Field> identity = new ArrayList<>();
        if (edit) {
            identity.add(Field.of("version", "", "hidden"));
        }
        identity.addAll(List.of(
                Field.of("name", "Name (Surname, Given names)", "text"),
                Field.of("birthDate", "Birth date", "date"),
                Field.select("sex", "Sex", List.of(new Option("female", "female"), new Option("male", "male"))),
                Field.of("mrn", "MRN (hospital number)", "text"),
                Field.of("otherIdSystem", "Other identifier: whose (e.g. NHS, trial)", "text"),
                Field.of("otherId", "Other identifier", "text")));
        return List.of(
                new Section("Identity", "", identity),
                new Section(
                        "Body",
                        "",
                        List.of(
                                Field.of("heightCm", "Height (cm)", "number"),
                                Field.of("weightKg", "Weight (kg)", "number"),
                                Field.of("measuredOn", "Measured on (empty: today)", "date"))),
                new Section(
                        "Primary tumour",
                        "WHO grade and Ki-67 from the pathology report.",
                        List.of(
                                Field.select(
                                        "site",
                                        "Primary site",
                                        Arrays.stream(TumourSite.values())
                                                .map(t -> new Option(
                                                        lower(t.name()),
                                                        lower(t.name()).replace('_', ' ')))
                                                .toList()),
                                Field.select(
                                        "grade",
                                        "WHO grade",
                                        Arrays.stream(Grade.values())
                                                .map(g -> new Option(lower(g.name()), g.name()))
                                                .toList()),
                                Field.of("ki67", "Ki-67 (%)", "number"),
                                Field.of("ki67Date", "Ki-67 specimen date", "date"))),
                new Section(
                        "Condition",
                        "What the eligibility check asks besides labs and imaging.",
                        List.of(
                                Field.select(
                                        "ecog",
                                        "ECOG performance status",
                                        List.of(
                                                new Option("", "—"),
                                                new Option("0", "0 fully active"),
                                                new Option("1", "1 restricted in strenuous activity"),
                                                new Option("2", "2 up > 50 % of waking hours"),
                                                new Option("3", "3 in bed or chair > 50 %"),
                                                new Option("4", "4 completely disabled"),
                                                new Option("5", "5 dead"))),
                                Field.of("ecogDate", "ECOG assessed on (empty: today)", "date"),
                                Field.select(
                                        "pregnancy",
                                        "Pregnancy",
                                        List.of(
                                                new Option("not_recorded", "not recorded"),
                                                new Option("not_pregnant", "excluded"),
                                                new Option("pregnant", "pregnant"))),
                                Field.of("breastfeeding", "breastfeeding", "checkbox"))));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

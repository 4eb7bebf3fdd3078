package org.netra.app.web.labs;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.netra.clinical.followup.LabReading;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.InvalidLabValueException;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.LabUnit;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.LabPanel;
import org.netra.store.clinical.PatientRecord;
import org.netra.store.record.Stored;

/**
 * Entering a blood draw (the physician or the nurse): each value in the unit the lab reported, converted to
 * netra's unit by netra-clinical, impossible values refused naming the field; the confirmation shows the
 * CTCAE v5 grades and the eGFR (CKD-EPI 2021) the chart shows too.
 */
public final class LabsFeature implements WebFeature {
    /** The analytes of the entry form, in the order a lab report lists them, with their field names. */
    public static final Map<String, Analyte> FIELDS = fields();

    private final WebServices services;

    public LabsFeature(WebServices services) {
        this.services = services;
    }

    /** One value as kept (netra's unit), with its CTCAE grade. */
    public record Row(String analyte, String value, String unit, String ctcae) {}

    /** A stored panel as the confirmation page and the API show it. */
    public record PanelView(
            String patientId,
            String patientName,
            String panel,
            int version,
            LocalDate sampled,
            List<Row> rows,
            String egfr,
            String ckdGrade,
            String enteredBy) {}

    @Override
    public void register(Routes routes) {
        Access entry = Access.requiresAny(Permission.EDIT_PATIENT, Permission.RECORD_CARE);
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.page(HandlerType.GET, "/patients/{id}/labs/new", entry, ctx -> {
            var p = patient(ctx.pathParam("id"));
            Map<String, String> v = new LinkedHashMap<>();
            v.put("sampled", LocalDate.now(services.clock()).toString());
            Submission.show(routes.views(), ctx, page(p.id(), "", v));
        });
        routes.page(
                HandlerType.POST,
                "/patients/{id}/labs/new",
                entry,
                ctx -> Submission.page(
                        ctx,
                        routes.views(),
                        page(ctx.pathParam("id"), "", Map.of()),
                        form -> link(create(ctx.pathParam("id"), form, Submission.actor(ctx))
                                .value())));
        routes.page(HandlerType.GET, "/patients/{id}/labs/{panel}", viewers, ctx -> {
            var view = view(stored(ctx));
            routes.views().render(ctx, "lab-panel.jte", "Labs of " + view.patientName(), view);
        });
        routes.page(HandlerType.GET, "/patients/{id}/labs/{panel}/edit", entry, ctx -> {
            var s = stored(ctx);
            Submission.show(routes.views(), ctx, page(ctx.pathParam("id"), ctx.pathParam("panel"), values(s)));
        });
        routes.page(
                HandlerType.POST,
                "/patients/{id}/labs/{panel}/edit",
                entry,
                ctx -> Submission.page(
                        ctx,
                        routes.views(),
                        page(ctx.pathParam("id"), ctx.pathParam("panel"), Map.of()),
                        form -> link(update(ctx.pathParam("id"), ctx.pathParam("panel"), form, Submission.actor(ctx))
                                .value())));
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/labs",
                entry,
                "enter a blood draw: sampled (date) and any of " + String.join(", ", FIELDS.keySet())
                        + ", each with <field>Unit as the lab wrote it (g/dL, g/L, ×10⁹/L, µmol/L, mg/dL, U/L, µg/L …);"
                        + " answers the values in netra's units with CTCAE grades and the eGFR (CKD-EPI 2021)",
                ctx -> Submission.api(
                        ctx, 201, form -> view(create(ctx.pathParam("id"), form, Submission.actor(ctx)))));
        routes.api(
                HandlerType.GET,
                "/api/patients/{id}/labs/{panel}",
                viewers,
                "one blood draw with CTCAE grades and eGFR",
                ctx -> ctx.json(view(stored(ctx))));
        routes.api(
                HandlerType.PUT,
                "/api/patients/{id}/labs/{panel}",
                entry,
                "correct a blood draw: the same fields as entry and the version read",
                ctx -> Submission.api(
                        ctx,
                        200,
                        form -> view(
                                update(ctx.pathParam("id"), ctx.pathParam("panel"), form, Submission.actor(ctx)))));
    }

    Stored<LabPanel> create(String patientId, Form form, String actor) {
        patient(patientId);
        List<LabResult> results = read(form);
        LocalDate sampled = results.getFirst().date();
        var records = services.store().records();
        String id = ClinicalKinds.freeKey(records, ClinicalKinds.LAB_PANEL, patientId, "labs-" + sampled);
        return records.create(ClinicalKinds.LAB_PANEL, new LabPanel(id, patientId, results), actor);
    }

    Stored<LabPanel> update(String patientId, String panel, Form form, String actor) {
        String id = ClinicalKinds.key(patientId, panel);
        services.store().records().get(ClinicalKinds.LAB_PANEL, id);
        int version = form.version();
        List<LabResult> results = read(form);
        return Submission.saving(services.store(), ClinicalKinds.LAB_PANEL, id, () -> services.store()
                .records()
                .update(ClinicalKinds.LAB_PANEL, version, new LabPanel(id, patientId, results), actor));
    }

    /** The results the form gives, each converted by {@link LabResult#of}; at least one value. */
    private List<LabResult> read(Form form) {
        LocalDate sampled = form.date("sampled", "date sampled");
        if (!form.hasError("sampled") && sampled.isAfter(LocalDate.now(services.clock()))) {
            form.fail("sampled", "date sampled " + sampled + " is in the future");
        }
        List<LabResult> results = new ArrayList<>();
        FIELDS.forEach((field, analyte) -> {
            Optional<Double> value = form.optionalNumber(field, analyte.label());
            if (value.isEmpty()) {
                return;
            }
            LabUnit unit = analyte.unit();
            if (form.given(field + "Unit")) {
                try {
                    unit = LabUnit.parse(form.values().get(field + "Unit"), analyte);
                } catch (InvalidLabValueException e) {
                    form.fail(field + "Unit", e.getMessage());
                    return;
                }
            }
            try {
                results.add(LabResult.of(analyte, value.get(), unit, sampled));
            } catch (InvalidLabValueException e) {
                form.fail(field, e.getMessage());
            }
        });
        if (results.isEmpty() && FIELDS.keySet().stream().noneMatch(form::hasError)) {
            form.fail(FIELDS.keySet().iterator().next(), "enter at least one value of the panel");
        }
        form.done();
        return results;
    }

    private PatientRecord patient(String id) {
        return services.store().records().get(ClinicalKinds.PATIENT, id).value();
    }

    private Stored<LabPanel> stored(Context ctx) {
        return services.store()
                .records()
                .get(ClinicalKinds.LAB_PANEL, ClinicalKinds.key(ctx.pathParam("id"), ctx.pathParam("panel")));
    }

    PanelView view(Stored<LabPanel> s) {
        var panel = s.value();
        var p = patient(panel.patientId());
        var reading = LabReading.withDefaults()
                .read(panel.results(), p.patient().sex(), p.patient().birthDate());
        List<Row> rows = reading.values().stream()
                .map(g -> new Row(
                        g.result().analyte().label(),
                        FormPage.number(g.result().value()),
                        g.result().analyte().unit().symbol(),
                        g.grade()
                                .map(gr -> "G" + gr.number() + " ("
                                        + g.term()
                                                .orElseThrow()
                                                .name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', ' ')
                                        + ")")
                                .orElse("–")))
                .toList();
        String egfr = reading.kidney()
                .map(k -> String.format(
                        Locale.ROOT, "%.0f mL/min/1.73m²", k.egfr().mlPerMinPer173m2()))
                .orElse("");
        String ckd = reading.kidney().map(k -> "G" + k.ckdGrade().number()).orElse("");
        String panelKey = ClinicalKinds.localPart(panel.id());
        return new PanelView(p.id(), p.name(), panelKey, s.version(), panel.sampled(), rows, egfr, ckd, s.updatedBy());
    }

    private static String link(LabPanel panel) {
        return "/patients/" + panel.patientId() + "/labs/" + ClinicalKinds.localPart(panel.id()) + "?saved=1";
    }

    static Map<String, String> values(Stored<LabPanel> s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("version", Integer.toString(s.version()));
        v.put("sampled", s.value().sampled().toString());
        FIELDS.forEach((field, analyte) -> s.value().results().stream()
                .filter(r -> r.analyte() == analyte)
                .findFirst()
                .ifPresent(r -> {
                    v.put(field, FormPage.number(r.value()));
                    v.put(field + "Unit", analyte.unit().symbol());
                }));
        return v;
    }

    private FormPage page(String patientId, String panel, Map<String, String> values) {
        boolean edit = !panel.isEmpty();
        List<Field> fields = new ArrayList<>();
        if (edit) {
            fields.add(Field.of("version", "", "hidden"));
        }
        fields.add(Field.of("sampled", "Date sampled", "date"));
        List<Field> blood = new ArrayList<>();
        List<Field> chemistry = new ArrayList<>();
        FIELDS.forEach((field, analyte) -> {
            var f = new Field(
                    field,
                    capital(analyte.label()),
                    "quantity",
                    analyte.units().stream()
                            .map(u -> new Option(u.symbol(), u.symbol()))
                            .toList(),
                    "");
            switch (analyte) {
                case HAEMOGLOBIN, PLATELETS, WHITE_BLOOD_CELLS, NEUTROPHILS, LYMPHOCYTES -> blood.add(f);
                default -> chemistry.add(f);
            }
        });
        return new FormPage(
                edit ? "Correct labs " + panel + " of " + patientId : "Enter labs for " + patientId,
                "Give each value in the unit the lab reported; netra converts it and refuses a value no patient"
                        + " can have. Leave a value empty if it was not measured.",
                edit ? "/patients/" + patientId + "/labs/" + panel + "/edit" : "/patients/" + patientId + "/labs/new",
                List.of(
                        new Section("", "", fields),
                        new Section("Blood count", "", blood),
                        new Section("Chemistry", "", chemistry)),
                values,
                Map.of(),
                "",
                edit ? "Save correction" : "Save labs",
                "/patients/" + patientId + "#follow-up");
    }

    private static Map<String, Analyte> fields() {
        Map<String, Analyte> m = new LinkedHashMap<>();
        m.put("haemoglobin", Analyte.HAEMOGLOBIN);
        m.put("platelets", Analyte.PLATELETS);
        m.put("leukocytes", Analyte.WHITE_BLOOD_CELLS);
        m.put("neutrophils", Analyte.NEUTROPHILS);
        m.put("creatinine", Analyte.CREATININE);
        m.put("bilirubin", Analyte.BILIRUBIN);
        m.put("albumin", Analyte.ALBUMIN);
        m.put("alt", Analyte.ALT);
        m.put("ast", Analyte.AST);
        m.put("chromograninA", Analyte.CHROMOGRANIN_A);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

package org.netra.app.web.settings;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.app.web.Routes;
import org.netra.app.web.Submission;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.input.Form;
import org.netra.app.web.input.FormPage;
import org.netra.app.web.input.FormPage.Field;
import org.netra.app.web.input.FormPage.Section;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.clinical.eligibility.DepartmentLimits;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.EligibilityAssessment;
import org.netra.store.clinical.EligibilityLimits;
import org.netra.store.clinical.EligibilitySettings;
import org.netra.store.record.Stored;

/**
 * The department's eligibility limits, edited by the administrator (versioned and audited as the store's
 * {@code eligibility_settings} record), and the physician's "assess eligibility now", whose verdict names the
 * settings version it used.
 */
public final class EligibilitySettingsFeature implements WebFeature {
    private final WebServices services;
    private final EligibilityLimits limits;

    public EligibilitySettingsFeature(WebServices services) {
        this.services = services;
        this.limits = new EligibilityLimits(services.store().records());
    }

    /** The limits in force as the API shows them, with their version and who saved them. */
    public record SettingsView(int version, String savedBy, DepartmentLimits limits) {}

    @Override
    public void register(Routes routes) {
        Access admins = Access.requires(Permission.MANAGE_USERS);
        routes.nav("Eligibility limits", "/admin/eligibility", admins);
        routes.page(HandlerType.GET, "/admin/eligibility", admins, ctx -> {
            var current = limits.current();
            var page = page(current);
            routes.views()
                    .render(
                            ctx,
                            "form.jte",
                            page.heading(),
                            ctx.queryParam("saved") != null
                                    ? new FormPage(
                                            page.heading(),
                                            "Saved as version " + current.version()
                                                    + ". Every eligibility verdict from now on names it.",
                                            page.action(),
                                            page.sections(),
                                            page.values(),
                                            Map.of(),
                                            "",
                                            page.submit(),
                                            page.back())
                                    : page);
        });
        routes.page(
                HandlerType.POST,
                "/admin/eligibility",
                admins,
                ctx -> Submission.page(ctx, routes.views(), page(limits.current()), form -> {
                    save(form, Submission.actor(ctx));
                    return "/admin/eligibility?saved=1";
                }));
        routes.api(
                HandlerType.GET,
                "/api/settings/eligibility",
                Access.requiresAny(Permission.MANAGE_USERS, Permission.VIEW_PATIENT),
                "the department's eligibility limits in force and their version (0: netra's defaults)",
                ctx -> ctx.json(view(limits.current())));
        routes.api(
                HandlerType.PUT,
                "/api/settings/eligibility",
                admins,
                "set the department's eligibility limits: ki67 (%), platelets (×10⁹/L), haemoglobin (g/dL),"
                        + " optional neutrophils (×10⁹/L), clearance (mL/min), krenning, labAgeDays, ecog, and the"
                        + " version read",
                ctx -> Submission.api(ctx, 200, form -> view(save(form, Submission.actor(ctx)))));

        Access physicians = Access.requires(Permission.EDIT_PATIENT);
        routes.page(HandlerType.POST, "/patients/{id}/eligibility", physicians, ctx -> {
            assess(ctx);
            ctx.redirect("/patients/" + ctx.pathParam("id") + "?saved=eligibility#eligibility", HttpStatus.SEE_OTHER);
        });
        routes.api(
                HandlerType.POST,
                "/api/patients/{id}/eligibility",
                physicians,
                "assess eligibility now from the stored chart with the department's limits; the stored verdict"
                        + " names the settings version it used",
                ctx -> ctx.status(201).json(assess(ctx).value()));
    }

    private Stored<EligibilityAssessment> assess(Context ctx) {
        String id = ctx.pathParam("id");
        services.store().records().get(ClinicalKinds.PATIENT, id);
        return limits.assess(id, LocalDate.now(services.clock()), Submission.actor(ctx));
    }

    Stored<EligibilitySettings> save(Form form, String actor) {
        int version = form.version();
        double ki67 = form.number("ki67", "Ki-67 cut-off");
        double platelets = form.number("platelets", "platelet minimum");
        double haemoglobin = form.number("haemoglobin", "haemoglobin minimum");
        Optional<Double> neutrophils = form.optionalNumber("neutrophils", "neutrophil minimum");
        double clearance = form.number("clearance", "creatinine-clearance minimum");
        int krenning = form.integer("krenning", "Krenning minimum");
        int labAge = form.integer("labAgeDays", "age of labs");
        int ecog = form.integer("ecog", "highest ECOG");
        form.done();
        DepartmentLimits l;
        try {
            l = new DepartmentLimits(ki67, platelets, haemoglobin, neutrophils, clearance, krenning, labAge, ecog);
        } catch (DepartmentLimits.OutOfRange e) {
            e.problems().forEach(form::fail);
            form.done();
            throw e;
        }
        return Submission.saving(
                services.store(),
                ClinicalKinds.ELIGIBILITY_SETTINGS,
                EligibilitySettings.ID,
                () -> limits.save(version, l, actor));
    }

    private static SettingsView view(Stored<EligibilitySettings> s) {
        return new SettingsView(
                s.version(), s.updatedBy(), DepartmentLimits.of(s.value().config()));
    }

    private static FormPage page(Stored<EligibilitySettings> current) {
        var l = DepartmentLimits.of(current.value().config());
        Map<String, String> v = new LinkedHashMap<>();
        v.put("version", Integer.toString(current.version()));
        v.put("ki67", FormPage.number(l.ki67Percent()));
        v.put("platelets", FormPage.number(l.plateletsPerNl()));
        v.put("haemoglobin", FormPage.number(l.haemoglobinGPerDl()));
        l.neutrophilsPerNl().ifPresent(n -> v.put("neutrophils", FormPage.number(n)));
        v.put("clearance", FormPage.number(l.clearanceMlPerMin()));
        v.put("krenning", Integer.toString(l.krenning()));
        v.put("labAgeDays", Integer.toString(l.labAgeDays()));
        v.put("ecog", Integer.toString(l.ecog()));
        String lead = current.version() == 0
                ? "netra's sourced defaults are in force (version 0); saving makes them the department's version 1."
                : "Version " + current.version() + ", saved by " + current.updatedBy() + ". Every eligibility"
                        + " verdict names the version it was made with.";
        return new FormPage(
                "Eligibility limits",
                lead,
                "/admin/eligibility",
                List.of(
                        new Section(
                                "Tumour",
                                "",
                                List.of(
                                        Field.of("version", "", "hidden"),
                                        Field.of("ki67", "Ki-67 cut-off (%): eligible below", "number"),
                                        Field.of("krenning", "Krenning minimum (1–4)", "number"))),
                        new Section(
                                "Blood and kidneys",
                                "",
                                List.of(
                                        Field.of("platelets", "Platelets minimum (×10⁹/L)", "number"),
                                        Field.of("haemoglobin", "Haemoglobin minimum (g/dL)", "number"),
                                        Field.of("neutrophils", "Neutrophils minimum (×10⁹/L, empty: none)", "number"),
                                        Field.of("clearance", "Creatinine clearance minimum (mL/min)", "number"),
                                        Field.of("labAgeDays", "Labs at most this old (days, 14–28)", "number"))),
                        new Section("Patient", "", List.of(Field.of("ecog", "Highest ECOG (0–4)", "number")))),
                v,
                Map.of(),
                "",
                "Save limits",
                "/");
    }
}

package org.netra.app.web.radiopharmacy;

import io.javalin.http.HandlerType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.care.Bedside;
import org.netra.app.web.care.CareFeature;
import org.netra.app.web.care.CyclePages;
import org.netra.app.web.input.Submitted;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.app.web.security.RequestSecurity;
import org.netra.app.web.therapy.TherapyCycle;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.record.Stored;

/**
 * The radiopharmacist's work: the list of cycles to dispense (planned from four weeks back to eight ahead, until
 * given and dispensed)
 * and, per cycle, the batch, the calibrated activity and the syringe residual, on the cycle's page and as
 * the JSON API.
 */
public final class RadiopharmacyFeature implements WebFeature {
    static final int WEEKS_BACK = 4;
    static final int WEEKS_AHEAD = 8;
    private final WebServices services;
    private final Dispensings dispensings;
    private final CyclePages pages;

    public RadiopharmacyFeature(WebServices services) {
        this.services = services;
        this.dispensings = new Dispensings(services.store(), services.clock().getZone());
        this.pages = new CyclePages(services, new Bedside(services.store(), services.clock()));
    }

    /** One cycle on the radiopharmacy's list. */
    public record Row(String patientId, String patientName, int cycle, String planned, String activity, String batch) {}

    public record Worklist(LocalDate from, LocalDate to, List<Row> rows) {}

    @Override
    public void register(Routes routes) {
        Access dispensers = Access.requires(Permission.DISPENSE);
        routes.nav("Radiopharmacy", "/radiopharmacy", dispensers);
        routes.page(HandlerType.GET, "/radiopharmacy", dispensers, ctx -> routes.views()
                .render(ctx, "radiopharmacy.jte", "Radiopharmacy", worklist()));
        routes.api(
                HandlerType.GET,
                "/api/radiopharmacy",
                dispensers,
                "cycles to dispense: planned 4 weeks back to 8 ahead, until given and dispensed",
                ctx -> ctx.json(worklist()));
        routes.page(
                HandlerType.POST,
                "/patients/{id}/cycles/{cycle}/dispensing",
                dispensers,
                ctx -> CareFeature.form(
                        routes,
                        pages,
                        ctx,
                        "dispensing",
                        f -> dispensings.save(
                                TherapyCycle.resolve(services.store(), ctx.pathParam("id"), ctx.pathParam("cycle")),
                                f,
                                RequestSecurity.user(ctx).orElseThrow().username())));
        routes.api(
                HandlerType.PUT,
                "/api/patients/{id}/cycles/{cycle}/dispensing",
                dispensers,
                "record a cycle's dispensing (radiopharmacist): {batch, calibrated, calibratedUnit: GBq|MBq|mCi,"
                        + " calibratedAt, residual, residualUnit, residualMeasuredAt, version}; the administered"
                        + " activity is decay-corrected to the administration time",
                ctx -> ctx.json(dispensings.save(
                        TherapyCycle.resolve(services.store(), ctx.pathParam("id"), ctx.pathParam("cycle")),
                        Submitted.json(
                                ctx,
                                "{batch, calibrated, calibratedUnit, calibratedAt, residual, residualUnit,"
                                        + " residualMeasuredAt, version}"),
                        RequestSecurity.user(ctx).orElseThrow().username())));
    }

    Worklist worklist() {
        var records = services.store().records();
        LocalDate today = LocalDate.now(services.clock());
        LocalDate from = today.minusWeeks(WEEKS_BACK);
        LocalDate to = today.plusWeeks(WEEKS_AHEAD);
        Set<String> given = new HashSet<>();
        records.list(ClinicalKinds.DOSIMETRY)
                .forEach(d -> given.add(
                        d.value().courseId() + "#" + d.value().dosimetry().cycle()));
        records.list(ClinicalKinds.ADMINISTRATION)
                .forEach(a -> given.add(a.value().courseId() + "#" + a.value().cycle()));
        List<Row> rows = new ArrayList<>();
        for (Stored<CourseRecord> s : records.list(ClinicalKinds.COURSE)) {
            CourseRecord c = s.value();
            String name = records.find(ClinicalKinds.PATIENT, c.patientId())
                    .map(p -> p.value().name())
                    .orElse(c.patientId());
            for (var pc : c.plan().cycles()) {
                LocalDate day = pc.administration().toLocalDate();
                if (day.isBefore(from) || day.isAfter(to)) {
                    continue;
                }
                String batch = records.find(
                                ClinicalKinds.DISPENSING,
                                org.netra.store.clinical.DispensingRecord.idOf(c.id(), pc.number()))
                        .map(d -> d.value().dispensing().batch())
                        .orElse("");
                // done when given and dispensed; a given cycle without its dispensing record still needs it
                if (given.contains(c.id() + "#" + pc.number()) && !batch.isEmpty()) {
                    continue;
                }
                rows.add(new Row(
                        c.patientId(),
                        name,
                        pc.number(),
                        pc.administration().toString(),
                        String.format(Locale.ROOT, "%.2f GBq", pc.activity().inGBq()),
                        batch));
            }
        }
        rows.sort(Comparator.comparing(Row::planned));
        return new Worklist(from, to, rows);
    }
}

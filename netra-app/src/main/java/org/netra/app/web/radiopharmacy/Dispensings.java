package org.netra.app.web.radiopharmacy;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.netra.app.web.input.FormFields;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.input.Refused;
import org.netra.app.web.input.StaleEdit;
import org.netra.app.web.therapy.TherapyCycle;
import org.netra.clinical.therapy.Dispensing;
import org.netra.physics.quantity.Activity;
import org.netra.store.Store;
import org.netra.store.clinical.AdministeredActivities;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DispensingRecord;
import org.netra.store.record.Stored;

/**
 * Records a cycle's dispensing from a form or an API body: fields {@code batch}, {@code calibrated} +
 * {@code calibratedUnit}, {@code calibratedAt}, {@code residual} + {@code residualUnit},
 * {@code residualMeasuredAt}, {@code version}. Every field is checked and named when refused; when the nurse
 * has recorded the administration, the administered activity it gives must be positive and the residual
 * measured after it.
 */
public final class Dispensings {
    /** No PRRT dose is near this; a value above it is a typo (MBq for GBq). */
    static final double MAX_GBQ = 30;

    static final int MAX_BATCH = 40;

    private final Store store;
    private final ZoneId zone;

    public Dispensings(Store store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    public Optional<Stored<DispensingRecord>> find(TherapyCycle c) {
        return store.records()
                .find(ClinicalKinds.DISPENSING, DispensingRecord.idOf(c.course().id(), c.number()));
    }

    public Stored<DispensingRecord> save(TherapyCycle c, FormFields f, String actor) {
        var batch = f.required("batch", MAX_BATCH);
        Optional<Activity> calibrated = f.activity("calibrated", MAX_GBQ);
        var calibratedAt = f.dateTime("calibratedAt", true);
        Optional<Activity> residual = f.activity("residual", MAX_GBQ);
        var residualAt = f.dateTime("residualMeasuredAt", true);
        int version = f.version();
        calibrated.ifPresent(a -> f.errors().check(a.inBq() > 0, "calibrated", "must be above zero"));
        f.throwIfAny();
        var dispensing = new Dispensing(
                batch.orElseThrow(),
                calibrated.orElseThrow(),
                calibratedAt.orElseThrow(),
                residual.orElseThrow(),
                residualAt.orElseThrow());
        var administration = store.records()
                .find(
                        ClinicalKinds.ADMINISTRATION,
                        AdministrationRecord.idOf(c.course().id(), c.number()));
        if (administration.isPresent()) {
            var given = administration.get().value().administered();
            if (dispensing.residualMeasuredAt().isBefore(given)) {
                throw new InvalidInputException(Map.of(
                        "residualMeasuredAt",
                        "measured before the administration at " + given
                                + "; measure the residual after the injection"));
            }
            try {
                dispensing.administeredAt(given, zone, AdministeredActivities.halfLife(c.course()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(Map.of("residual", e.getMessage()));
            }
        }
        String id = DispensingRecord.idOf(c.course().id(), c.number());
        var record = new DispensingRecord(id, c.patientId(), c.course().id(), c.number(), dispensing);
        var current = find(c);
        StaleEdit.check(store, ClinicalKinds.DISPENSING, id, current, version);
        try {
            return current.isEmpty()
                    ? store.records().create(ClinicalKinds.DISPENSING, record, actor)
                    : store.records().update(ClinicalKinds.DISPENSING, version, record, actor);
        } catch (org.netra.store.StoreException e) {
            throw Refused.conflict("version: " + e.getMessage());
        }
    }
}

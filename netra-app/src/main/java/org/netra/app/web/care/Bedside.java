package org.netra.app.web.care;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.app.web.input.FormFields;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.input.Refused;
import org.netra.app.web.input.StaleEdit;
import org.netra.app.web.therapy.TherapyCycle;
import org.netra.clinical.safety.ContactScenario;
import org.netra.clinical.safety.Discharge;
import org.netra.clinical.safety.DoseRate;
import org.netra.clinical.safety.DoseRateReading;
import org.netra.clinical.safety.RadiationProtection;
import org.netra.store.Store;
import org.netra.store.StoreException;
import org.netra.store.clinical.AdministeredActivities;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DispensingRecord;
import org.netra.store.clinical.SafetyRecord;
import org.netra.store.record.Change;
import org.netra.store.record.Stored;

/**
 * The nurse's part of a cycle: the administration time and the isolation (fields {@code administered},
 * {@code isolationStart}, {@code isolationEnd}, {@code version}), and dose-rate readings at 1 m ({@code at},
 * {@code rate} + {@code rateUnit}, {@code version}). Each save also recomputes the cycle's release check and
 * restrictions ({@link Discharge}) and stores them as its radiation-safety record, in the same transaction, so
 * the patient's sheet always follows from the readings. Isolation ends only when the last reading releases.
 */
public final class Bedside {
    /** A survey meter at 1 m from a PRRT patient reads tens of µSv/h; above this is a wrong unit or a typo. */
    static final double MAX_MICRO_SV_PER_H = 1000;

    private final Store store;
    private final Clock clock;
    private final RadiationProtection protection = RadiationProtection.defaults();

    public Bedside(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Optional<Stored<AdministrationRecord>> find(TherapyCycle c) {
        return store.records()
                .find(
                        ClinicalKinds.ADMINISTRATION,
                        AdministrationRecord.idOf(c.course().id(), c.number()));
    }

    /** The release check and restrictions from the readings so far; empty before the first reading. */
    public Optional<Discharge> discharge(TherapyCycle c, AdministrationRecord a) {
        if (a.readings().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Discharge.assess(
                a.administered(),
                a.readings(),
                AdministeredActivities.halfLife(c.course()),
                protection,
                ContactScenario.defaults()));
    }

    public Stored<AdministrationRecord> saveAdministration(TherapyCycle c, FormFields f, String actor) {
        var administered = f.dateTime("administered", true);
        var start = f.dateTime("isolationStart", false);
        var end = f.dateTime("isolationEnd", false);
        int version = f.version();
        LocalDateTime now = LocalDateTime.now(clock);
        administered.ifPresent(t -> f.errors()
                .check(
                        !t.isAfter(now.plusMinutes(5)),
                        "administered",
                        "is in the future (now " + now.withNano(0) + "); record the infusion once it is given"));
        if (administered.isPresent() && start.isPresent()) {
            f.errors()
                    .check(
                            !start.get().isAfter(administered.get()),
                            "isolationStart",
                            "after the administration at " + administered.get()
                                    + "; isolation begins before or with the infusion");
        }
        if (end.isPresent()) {
            f.errors().check(start.isPresent(), "isolationStart", "required when the isolation has ended");
            administered.ifPresent(t ->
                    f.errors().check(end.get().isAfter(t), "isolationEnd", "must be after the administration at " + t));
        }
        f.throwIfAny();
        var current = find(c);
        String id = AdministrationRecord.idOf(c.course().id(), c.number());
        StaleEdit.check(store, ClinicalKinds.ADMINISTRATION, id, current, version);
        List<DoseRateReading> readings = current.map(s -> s.value().readings()).orElse(List.of());
        for (DoseRateReading r : readings) {
            if (r.at().isBefore(administered.get())) {
                throw new InvalidInputException(Map.of(
                        "administered",
                        "after the dose-rate reading at " + r.at() + "; the readings follow the infusion"));
            }
        }
        var dispensing = store.records()
                .find(ClinicalKinds.DISPENSING, DispensingRecord.idOf(c.course().id(), c.number()));
        if (dispensing.isPresent()) {
            try {
                dispensing
                        .get()
                        .value()
                        .dispensing()
                        .administeredAt(
                                administered.get(), clock.getZone(), AdministeredActivities.halfLife(c.course()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(Map.of("administered", e.getMessage()));
            }
        }
        // the sender's event UID, route and site (an imported dose report) stay with the record when it is edited
        var sent = current.map(Stored::value);
        var record = new AdministrationRecord(
                id,
                c.patientId(),
                c.course().id(),
                c.number(),
                administered.get(),
                start,
                end,
                readings,
                sent.flatMap(AdministrationRecord::eventUid),
                sent.flatMap(AdministrationRecord::route),
                sent.flatMap(AdministrationRecord::site));
        if (end.isPresent()) {
            var d = discharge(c, record);
            if (d.isEmpty()) {
                throw new InvalidInputException(
                        Map.of("isolationEnd", "record a dose-rate reading at 1 m first: release follows from it"));
            }
            if (!d.get().release().releasable()) {
                throw new InvalidInputException(Map.of(
                        "isolationEnd",
                        "not releasable at the last reading ("
                                + String.join("; ", d.get().release().reasons())
                                + "); record a new dose-rate reading"));
            }
        }
        return save(c, current, version, record, actor);
    }

    public Stored<AdministrationRecord> addReading(TherapyCycle c, FormFields f, String actor) {
        var at = f.dateTime("at", true);
        String unit = f.text("rateUnit");
        double perMicro =
                switch (unit) {
                    case "µSv/h", "uSv/h" -> 1;
                    case "mSv/h" -> 1000;
                    default -> 0;
                };
        f.errors().check(perMicro > 0, "rateUnit", "unit '" + unit + "' is not a dose rate; use µSv/h or mSv/h");
        var rate = perMicro > 0 ? f.number("rate", 0, MAX_MICRO_SV_PER_H / perMicro, unit) : Optional.<Double>empty();
        int version = f.version();
        var current = find(c);
        f.errors().check(current.isPresent(), "at", "record the administration time first: readings follow it");
        if (current.isPresent() && at.isPresent()) {
            var given = current.get().value().administered();
            f.errors().check(!at.get().isBefore(given), "at", "before the administration at " + given);
            f.errors()
                    .check(
                            !at.get().isAfter(LocalDateTime.now(clock).plusMinutes(5)),
                            "at",
                            "is in the future; record a reading once it is taken");
        }
        f.throwIfAny();
        String id = current.get().value().id();
        StaleEdit.check(store, ClinicalKinds.ADMINISTRATION, id, current, version);
        var a = current.get().value();
        List<DoseRateReading> readings = new ArrayList<>(a.readings());
        readings.add(new DoseRateReading(at.get(), DoseRate.ofMicroSvPerHour(rate.get() * perMicro)));
        readings.sort(java.util.Comparator.comparing(DoseRateReading::at));
        var record = new AdministrationRecord(
                id,
                a.patientId(),
                a.courseId(),
                a.cycle(),
                a.administered(),
                a.isolationStart(),
                a.isolationEnd(),
                readings,
                a.eventUid(),
                a.route(),
                a.site());
        return save(c, current, version, record, actor);
    }

    /** The administration and the safety record it implies, in one transaction. */
    private Stored<AdministrationRecord> save(
            TherapyCycle c,
            Optional<Stored<AdministrationRecord>> current,
            int version,
            AdministrationRecord record,
            String actor) {
        List<Change> changes = new ArrayList<>();
        changes.add(
                current.isEmpty()
                        ? Change.create(ClinicalKinds.ADMINISTRATION, record)
                        : Change.update(ClinicalKinds.ADMINISTRATION, version, record));
        discharge(c, record).ifPresent(d -> {
            String safetyId = c.course().id() + "/safety-" + c.number();
            var safety = new SafetyRecord(
                    safetyId,
                    c.patientId(),
                    c.course().id(),
                    c.number(),
                    record.administered(),
                    d.last().at(),
                    d.last().atOneMetre(),
                    d.effectiveHalfLife(),
                    d.release(),
                    d.restrictions());
            var kept = store.records().find(ClinicalKinds.SAFETY, safetyId);
            changes.add(
                    kept.isEmpty()
                            ? Change.create(ClinicalKinds.SAFETY, safety)
                            : Change.update(ClinicalKinds.SAFETY, kept.get().version(), safety));
        });
        try {
            store.records().inOneTransaction(changes, actor);
        } catch (StoreException e) {
            throw Refused.conflict("version: " + e.getMessage());
        }
        return find(c).orElseThrow();
    }
}

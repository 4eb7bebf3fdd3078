package org.netra.app.web.care;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.netra.app.web.input.FormFields;
import org.netra.app.web.input.Refused;
import org.netra.app.web.input.StaleEdit;
import org.netra.app.web.patient.CyclePlanner;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.clinical.therapy.RoomCalendar;
import org.netra.store.Store;
import org.netra.store.StoreException;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.IsolationRooms;
import org.netra.store.record.Change;
import org.netra.store.record.Stored;

/**
 * A patient's isolation-room stays, created, moved and cancelled (fields {@code room}, {@code admission},
 * {@code discharge}, {@code version}). Every change is checked against every other stored stay of the room
 * ({@link RoomCalendar#book}); a clash is a 409 naming the stay in the way. A move is one transaction
 * (the stay's id is its room and day, so a move replaces the record).
 */
public final class Stays {
    static final int MAX_NIGHTS = RoomCalendar.of(CyclePlanner.ROOMS).maxStayDays();

    private final Store store;

    public Stays(Store store) {
        this.store = store;
    }

    public List<Stored<RoomBooking>> of(String patientId) {
        return store.records().forPatient(ClinicalKinds.ROOM_BOOKING, patientId).stream()
                .sorted(java.util.Comparator.comparing(s -> s.value().admission()))
                .toList();
    }

    public Stored<RoomBooking> find(String patientId, String room, String admission) {
        String id;
        try {
            id = ClinicalKinds.key(room, LocalDate.parse(admission).toString());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw Refused.notFound("there is no stay in room '" + room + "' from '" + admission + "'");
        }
        return store.records()
                .find(ClinicalKinds.ROOM_BOOKING, id)
                .filter(s -> s.value().patientId().equals(patientId))
                .orElseThrow(() ->
                        Refused.notFound("patient " + patientId + " has no stay in " + room + " from " + admission));
    }

    public synchronized Stored<RoomBooking> create(String patientId, FormFields f, String actor) {
        RoomBooking b = read(patientId, f);
        check(b, Optional.empty());
        try {
            return store.records().create(ClinicalKinds.ROOM_BOOKING, b, actor);
        } catch (StoreException e) {
            throw Refused.conflict(e.getMessage());
        }
    }

    public synchronized Stored<RoomBooking> move(Stored<RoomBooking> stay, FormFields f, String actor) {
        RoomBooking b = read(stay.value().patientId(), f);
        int version = f.version();
        String id = ClinicalKinds.ROOM_BOOKING.id().apply(stay.value());
        StaleEdit.check(store, ClinicalKinds.ROOM_BOOKING, id, Optional.of(stay), version);
        check(b, Optional.of(stay.value()));
        boolean sameId = ClinicalKinds.ROOM_BOOKING.id().apply(b).equals(id);
        try {
            store.records()
                    .inOneTransaction(
                            sameId
                                    ? List.of(Change.update(ClinicalKinds.ROOM_BOOKING, version, b))
                                    : List.of(
                                            Change.delete(ClinicalKinds.ROOM_BOOKING, id, version),
                                            Change.create(ClinicalKinds.ROOM_BOOKING, b)),
                            actor);
        } catch (StoreException e) {
            throw Refused.conflict("version: " + e.getMessage());
        }
        return store.records()
                .get(ClinicalKinds.ROOM_BOOKING, ClinicalKinds.ROOM_BOOKING.id().apply(b));
    }

    public synchronized void cancel(Stored<RoomBooking> stay, FormFields f, String actor) {
        int version = f.version();
        f.errors().check(version > 0, "version", "required: the version of the stay you cancel");
        f.throwIfAny();
        String id = ClinicalKinds.ROOM_BOOKING.id().apply(stay.value());
        StaleEdit.check(store, ClinicalKinds.ROOM_BOOKING, id, Optional.of(stay), version);
        try {
            store.records().delete(ClinicalKinds.ROOM_BOOKING, id, version, actor);
        } catch (StoreException e) {
            throw Refused.conflict("version: " + e.getMessage());
        }
    }

    private static RoomBooking read(String patientId, FormFields f) {
        String room = f.text("room");
        f.errors().check(CyclePlanner.ROOMS.contains(room), "room", "choose one of " + CyclePlanner.ROOMS);
        var admission = f.date("admission", true);
        var discharge = f.date("discharge", true);
        if (admission.isPresent() && discharge.isPresent()) {
            long nights = ChronoUnit.DAYS.between(admission.get(), discharge.get());
            f.errors()
                    .check(
                            nights >= 1 && nights <= MAX_NIGHTS,
                            "discharge",
                            "a stay is 1–" + MAX_NIGHTS + " nights after the admission, got " + nights);
        }
        f.throwIfAny();
        return new RoomBooking(room, patientId, admission.get(), discharge.get());
    }

    /** Refuses a stay that clashes with another stored stay of its room ({@code replacing} left out). */
    private void check(RoomBooking b, Optional<RoomBooking> replacing) {
        var calendar = new RoomCalendar(CyclePlanner.ROOMS, List.of(), 1, MAX_NIGHTS);
        for (RoomBooking other : IsolationRooms.calendar(store.records(), CyclePlanner.ROOMS, 1, MAX_NIGHTS)
                .bookings()) {
            if (replacing.isEmpty() || !other.equals(replacing.get())) {
                calendar = calendar.book(other);
            }
        }
        try {
            calendar.book(b);
        } catch (IllegalArgumentException e) {
            throw Refused.conflict("room: " + e.getMessage() + "; choose another room or day");
        }
    }
}

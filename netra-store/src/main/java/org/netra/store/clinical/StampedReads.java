package org.netra.store.clinical;

import com.fasterxml.jackson.databind.util.LRUMap;
import java.util.List;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.store.record.ChangeStamps;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * The records a node reads on every page, kept parsed between requests: each patient's chart and the isolation
 * rooms' bookings. Parsing a chart's JSON documents was a third of a node's CPU per chart read (issue 17's
 * two-node load test). Whatever is kept is checked against its scope's change stamp ({@link ChangeStamps}: one
 * primary-key read, made before the records are read) on every use, so a change committed on another node is
 * shown by the very next read here; never a time-based expiry. What is kept is immutable: records are values
 * and their collections are read unmodifiable ({@link org.netra.store.record.FrozenCollections}).
 *
 * <p>Writes must not plan against what this returns: a change is decided on a fresh read inside its own
 * transaction (e.g. an approval's room), which the stored version then guards.
 */
public final class StampedReads {
    /** Charts kept at most, the least recently used dropped first: more than a department has in treatment. */
    static final int MAX_CHARTS = 2000;

    private final Records records;
    private final ChangeStamps stamps;
    private final LRUMap<String, Kept<PatientChart>> charts = new LRUMap<>(64, MAX_CHARTS);
    private volatile Kept<List<Stored<RoomBooking>>> bookings;

    /** A value read when its scope had {@code stamp}. */
    private record Kept<V>(long stamp, V value) {}

    /** {@code records} must read through {@link org.netra.store.record.FrozenCollections}. */
    public StampedReads(Records records, ChangeStamps stamps) {
        this.records = records;
        this.stamps = stamps;
    }

    /** The patient's chart as now stored ({@link PatientChart#load}), parsed again only when it changed. */
    public PatientChart chart(String patientId) {
        String scope = ChangeStamps.patient(patientId);
        return chart(patientId, stamps.read(List.of(scope)).get(scope));
    }

    /** A chart with every room booking of the department: what a chart page and its next-cycle proposal show. */
    public record ChartAndRooms(PatientChart chart, List<Stored<RoomBooking>> roomBookings) {}

    /** {@link #chart} and {@link #roomBookings}, with both stamps checked in one query. */
    public ChartAndRooms chartAndRooms(String patientId) {
        String patient = ChangeStamps.patient(patientId);
        String rooms = ChangeStamps.kind(ClinicalKinds.ROOM_BOOKING);
        var now = stamps.read(List.of(patient, rooms));
        return new ChartAndRooms(chart(patientId, now.get(patient)), roomBookings(now.get(rooms)));
    }

    // the stamp is read first: records read after it are at least as new, so nothing is kept under a newer stamp
    private PatientChart chart(String patientId, Long stamp) {
        if (stamp != null) {
            var kept = charts.get(patientId);
            if (kept != null && kept.stamp() == stamp) {
                return kept.value();
            }
        }
        var chart = PatientChart.load(records, patientId);
        if (stamp != null) {
            charts.put(patientId, new Kept<>(stamp, chart));
        }
        return chart;
    }

    /** Every isolation-room booking of every patient, as now stored, parsed again only when one changed. */
    public List<Stored<RoomBooking>> roomBookings() {
        String scope = ChangeStamps.kind(ClinicalKinds.ROOM_BOOKING);
        return roomBookings(stamps.read(List.of(scope)).get(scope));
    }

    private List<Stored<RoomBooking>> roomBookings(Long stamp) {
        var kept = bookings;
        if (stamp != null && kept != null && kept.stamp() == stamp) {
            return kept.value();
        }
        var all = records.list(ClinicalKinds.ROOM_BOOKING);
        if (stamp != null) {
            bookings = new Kept<>(stamp, all);
        }
        return all;
    }
}

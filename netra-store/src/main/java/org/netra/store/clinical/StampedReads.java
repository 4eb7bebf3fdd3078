package org.netra.store.clinical;

import com.fasterxml.jackson.databind.util.LRUMap;
import java.util.List;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.store.record.ChangeStamps;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * The records a node reads on every page, kept parsed between requests: each patient's chart with its courses'
 * virtual cycle 0, the isolation rooms' bookings and the department's population model. Parsing a chart's JSON documents was a third of a node's CPU per chart read (issue 17's
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
    private final LRUMap<String, Kept<PatientRead>> charts = new LRUMap<>(64, MAX_CHARTS);
    private volatile Kept<List<Stored<RoomBooking>>> bookings;
    private volatile KeptModel populationModel;

    /** A value read when its scope had {@code stamp}. */
    private record Kept<V>(long stamp, V value) {}

    /** The population model read when its kind's stamp was {@code stamp}, null: no stamp (none saved yet). */
    private record KeptModel(Long stamp, Stored<PopulationModelSettings> value) {}

    /** What one read of a patient's records gives: the chart and its courses' virtual cycle 0 (same stamp). */
    private record PatientRead(PatientChart chart, List<Stored<CycleZeroRecord>> cycleZero) {}

    /** The kinds of that read: the chart's and the cycle-0 predictions. */
    private static final List<org.netra.store.record.RecordKind<?>> PATIENT_KINDS = java.util.stream.Stream.concat(
                    ClinicalKinds.CHART.stream(), java.util.stream.Stream.of(ClinicalKinds.CYCLE_ZERO))
            .toList();

    /** {@code records} must read through {@link org.netra.store.record.FrozenCollections}. */
    public StampedReads(Records records, ChangeStamps stamps) {
        this.records = records;
        this.stamps = stamps;
    }

    /** The patient's chart as now stored ({@link PatientChart#load}), parsed again only when it changed. */
    public PatientChart chart(String patientId) {
        String scope = ChangeStamps.patient(patientId);
        return patient(patientId, stamps.read(List.of(scope)).get(scope)).chart();
    }

    /**
     * What a chart page shows: the chart, every room booking of the department (for the next-cycle proposal), the
     * virtual cycle 0 of the patient's courses (newest last, by id) and the population model in force (version 0:
     * the published defaults).
     */
    public record ChartAndRooms(
            PatientChart chart,
            List<Stored<RoomBooking>> roomBookings,
            List<Stored<CycleZeroRecord>> cycleZero,
            Stored<PopulationModelSettings> populationModel) {}

    /** {@link #chart}, {@link #roomBookings} and the rest of {@link ChartAndRooms}, with every stamp checked in one query. */
    public ChartAndRooms chartAndRooms(String patientId) {
        String patient = ChangeStamps.patient(patientId);
        String rooms = ChangeStamps.kind(ClinicalKinds.ROOM_BOOKING);
        String model = ChangeStamps.kind(ClinicalKinds.POPULATION_MODEL);
        var now = stamps.read(List.of(patient, rooms, model));
        var read = patient(patientId, now.get(patient));
        return new ChartAndRooms(
                read.chart(), roomBookings(now.get(rooms)), read.cycleZero(), populationModel(now.get(model)));
    }

    // the stamp is read first: records read after it are at least as new, so nothing is kept under a newer stamp
    private PatientRead patient(String patientId, Long stamp) {
        if (stamp != null) {
            var kept = charts.get(patientId);
            if (kept != null && kept.stamp() == stamp) {
                return kept.value();
            }
        }
        var all = records.forPatient(patientId, PATIENT_KINDS);
        var read = new PatientRead(PatientChart.of(all), all.of(ClinicalKinds.CYCLE_ZERO));
        if (stamp != null) {
            charts.put(patientId, new Kept<>(stamp, read));
        }
        return read;
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

    /**
     * The population model in force ({@link PopulationModelBook#current}). Until the department first saves one its
     * kind has no stamp; the published defaults read then are kept under "no stamp" too, which is sound because a
     * scope that has records always has a stamp (a record is created with its stamp, in one transaction, and a
     * restore stamps every scope that has records): the first save makes a stamp, which differs from none.
     */
    private Stored<PopulationModelSettings> populationModel(Long stamp) {
        var kept = populationModel;
        if (kept != null && java.util.Objects.equals(kept.stamp(), stamp)) {
            return kept.value();
        }
        var current = new PopulationModelBook(records).current();
        if (stamp != null || current.version() == 0) {
            populationModel = new KeptModel(stamp, current);
        }
        return current;
    }
}

package org.netra.store.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.store.Store;
import org.netra.store.record.Stored;

/**
 * What a node keeps parsed ({@link StampedReads}) never hides a change: a second store on the same database
 * stands for the other node, and every change it commits is shown by the first store's very next read.
 */
abstract class StampedReadsContract extends OnFreshStore {
    /** The other node: its own pool, its own kept charts, the same database. */
    Store otherNode;

    @BeforeEach
    void openOtherNode() {
        otherNode = Store.open(store.config());
        otherNode.records().create(ClinicalKinds.PATIENT, Samples.patient(), "dr.berg");
    }

    @AfterEach
    void closeOtherNode() {
        otherNode.close();
    }

    @Test
    void anUnchangedChartIsKeptAndAChangeOnTheOtherNodeIsShownAtOnce() {
        var first = store.stampedReads().chart(Samples.PID);
        assertThat(store.stampedReads().chart(Samples.PID))
                .as("nothing changed: the parsed chart is kept")
                .isSameAs(first);

        // the other node renames the patient: the next read here shows the new name
        var stored = otherNode.records().get(ClinicalKinds.PATIENT, Samples.PID);
        var renamed = new PatientRecord(
                stored.value().patient(),
                "Ingrid Renamed",
                stored.value().tumour(),
                stored.value().priorTreatments(),
                stored.value().performance(),
                stored.value().pregnant(),
                stored.value().breastfeeding(),
                stored.value().identifiers());
        otherNode.records().update(ClinicalKinds.PATIENT, stored.version(), renamed, "dr.other");
        var afterRename = store.stampedReads().chart(Samples.PID);
        assertThat(afterRename.patient().value().name()).isEqualTo("Ingrid Renamed");
        assertThat(afterRename.patient().version()).isEqualTo(stored.version() + 1);

        // a record of another kind created there, then deleted there
        var labs = Samples.labs(Samples.START, "b", 95);
        otherNode.records().create(ClinicalKinds.LAB_PANEL, labs, "dr.other");
        assertThat(store.stampedReads().chart(Samples.PID).labs())
                .extracting(s -> s.value().id())
                .containsExactly(labs.id());
        otherNode.records().delete(ClinicalKinds.LAB_PANEL, labs.id(), 1, "dr.other");
        assertThat(store.stampedReads().chart(Samples.PID).labs()).isEmpty();
    }

    @Test
    void aChangeToAnotherPatientKeepsThisChart() {
        var first = store.stampedReads().chart(Samples.PID);
        otherNode.records().create(ClinicalKinds.ROOM_BOOKING, otherPatientsStay(), "dr.other");
        assertThat(store.stampedReads().chart(Samples.PID)).isSameAs(first);
    }

    @Test
    void roomBookingsOfEveryPatientFollowTheOtherNode() {
        assertThat(store.stampedReads().roomBookings()).isEmpty();
        otherNode.records().create(ClinicalKinds.ROOM_BOOKING, Samples.room(), "dr.other");
        assertThat(store.stampedReads().roomBookings())
                .extracting(Stored::value)
                .containsExactly(Samples.room());
        var kept = store.stampedReads().roomBookings();
        assertThat(store.stampedReads().roomBookings()).isSameAs(kept);

        otherNode.records().create(ClinicalKinds.ROOM_BOOKING, otherPatientsStay(), "dr.other");
        assertThat(store.stampedReads().roomBookings())
                .extracting(Stored::value)
                .containsExactlyInAnyOrder(Samples.room(), otherPatientsStay());
    }

    @Test
    void aChartAndTheRoomsReadTogetherFollowTheOtherNode() {
        var before = store.stampedReads().chartAndRooms(Samples.PID);
        assertThat(before.roomBookings()).isEmpty();
        assertThat(before.chart().roomBookings()).isEmpty();
        // this patient's stay moves both stamps; another patient's stay only the rooms'
        otherNode.records().create(ClinicalKinds.ROOM_BOOKING, Samples.room(), "dr.other");
        var afterOwn = store.stampedReads().chartAndRooms(Samples.PID);
        assertThat(afterOwn.chart().roomBookings()).extracting(Stored::value).containsExactly(Samples.room());
        assertThat(afterOwn.roomBookings()).extracting(Stored::value).containsExactly(Samples.room());
        otherNode.records().create(ClinicalKinds.ROOM_BOOKING, otherPatientsStay(), "dr.other");
        var afterOther = store.stampedReads().chartAndRooms(Samples.PID);
        assertThat(afterOther.chart()).isSameAs(afterOwn.chart());
        assertThat(afterOther.roomBookings()).hasSize(2);
    }

    @Test
    void aChartPagesCycleZeroAndPopulationModelFollowTheOtherNode() {
        var before = store.stampedReads().chartAndRooms(Samples.PID);
        assertThat(before.cycleZero()).isEmpty();
        assertThat(before.populationModel().version())
                .as("the published defaults")
                .isZero();

        // a virtual cycle 0 saved there is in the patient's scope: the next read here has it, and keeps it
        otherNode.records().create(ClinicalKinds.CYCLE_ZERO, Samples.cycleZero(), "dr.other");
        var withCycleZero = store.stampedReads().chartAndRooms(Samples.PID);
        assertThat(withCycleZero.cycleZero()).extracting(Stored::value).containsExactly(Samples.cycleZero());
        assertThat(store.stampedReads().chartAndRooms(Samples.PID).cycleZero()).isSameAs(withCycleZero.cycleZero());

        // the department's risk level saved there: the model read here is the new version, then kept
        new PopulationModelBook(otherNode.records()).saveRiskLevel(0, 0.05, "dr.other");
        var afterSave = store.stampedReads().chartAndRooms(Samples.PID);
        assertThat(afterSave.populationModel().version()).isEqualTo(1);
        assertThat(afterSave.populationModel().value().riskLevel()).isEqualTo(0.05);
        assertThat(afterSave.chart()).as("the patient's records did not change").isSameAs(withCycleZero.chart());
        assertThat(store.stampedReads().chartAndRooms(Samples.PID).populationModel())
                .isSameAs(afterSave.populationModel());
        new PopulationModelBook(otherNode.records()).saveRiskLevel(1, 0.1, "dr.other");
        assertThat(store.stampedReads()
                        .chartAndRooms(Samples.PID)
                        .populationModel()
                        .value()
                        .riskLevel())
                .isEqualTo(0.1);
    }

    @Test
    void aFailedChangeLeavesTheKeptChartValid() {
        var first = store.stampedReads().chart(Samples.PID);
        // a duplicate create is refused and rolled back: nothing changed, so nothing is read again
        assertThatThrownBy(() -> otherNode.records().create(ClinicalKinds.PATIENT, Samples.patient(), "dr.other"))
                .hasMessageContaining("already exists");
        assertThat(store.stampedReads().chart(Samples.PID)).isSameAs(first);
    }

    @Test
    void aKeptChartCannotBeChangedByTheRequestThatReadsIt() {
        var chart = store.stampedReads().chart(Samples.PID);
        // Patient keeps the list Jackson made: only the kept chart's reader makes it unmodifiable
        var weights = chart.patient().value().patient().weights();
        assertThatThrownBy(weights::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(store.stampedReads()
                        .chart(Samples.PID)
                        .patient()
                        .value()
                        .patient()
                        .weights())
                .hasSize(1);
    }

    @Test
    void aRestoredDatabaseHasStampsAndItsChartsAreKept(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        var zip = dir.resolve("backup.zip");
        store.backups().write(zip);
        try (var restored = Store.open(freshConfig())) {
            restored.backups().restore(zip);
            var first = restored.stampedReads().chart(Samples.PID);
            assertThat(restored.stampedReads().chart(Samples.PID)).isSameAs(first);
            restored.records().create(ClinicalKinds.LAB_PANEL, Samples.labs(Samples.START, "r", 150), "dr.berg");
            assertThat(restored.stampedReads().chart(Samples.PID).labs()).hasSize(1);
        }
    }

    @Test
    void aMissingPatientIsStillAnError() {
        assertThatThrownBy(() -> store.stampedReads().chart("P-NOBODY"))
                .isInstanceOf(org.netra.store.record.RecordNotFoundException.class);
    }

    private static RoomBooking otherPatientsStay() {
        LocalDate day = Samples.START.plusDays(14);
        return new RoomBooking("iso-1", "P-0043", day, day.plusDays(4));
    }
}

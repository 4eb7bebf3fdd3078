package org.netra.store.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.population.RegionKind;
import org.netra.dosimetry.population.SinglePointEvidence;
import org.netra.physics.quantity.Times;
import org.netra.store.record.Change;

/**
 * The evidence a single scan's population method reads from the store: the patient's earlier cycles of the latest
 * course (their stored curves), never the cycle itself or a later one.
 */
abstract class SinglePointEvidenceBookContract extends OnFreshStore {

    private void storeThreeCycles() {
        List<Change> changes = new java.util.ArrayList<>(List.of(
                new Change.Create<>(ClinicalKinds.PATIENT, Samples.patient()),
                new Change.Create<>(ClinicalKinds.COURSE, Samples.course())));
        for (int c = 1; c <= 3; c++) {
            changes.add(new Change.Create<>(ClinicalKinds.DOSIMETRY, Samples.dosimetry(c)));
            changes.add(new Change.Create<>(ClinicalKinds.CYCLE_CURVES, Samples.curves(c)));
        }
        store.records().inOneTransaction(changes, "physicist");
    }

    @Test
    void theEarlierCyclesOfTheCourseNarrowTheKidneyPrior() {
        storeThreeCycles();
        var book = new SinglePointEvidenceBook(store.records());
        var third = book.forCycle(Samples.PID, 3).priorFor(RegionKind.KIDNEY, "Kidneys");
        assertThat(third.basis()).isEqualTo("population, individualised on cycles 1–2");
        // the stored kidney curve (110, 40, 14 MBq at 24, 96, 168 h) clears with T_eff 48.4 h: the patient's prior
        // moves from the population's 50 h towards it, and is narrower than the population's SD 0.20
        double teff = Times.hours(third.prior().typicalEffectiveHalfLife());
        assertThat(teff).isBetween(48.4, 50.0);
        assertThat(third.prior().betweenPatientLogSd()).isLessThan(0.20).isGreaterThan(0.10);
        assertThat(third.prior().source()).contains("individualised on the patient's cycles 1–2");

        assertThat(book.forCycle(Samples.PID, 2)
                        .priorFor(RegionKind.KIDNEY, "Kidneys")
                        .basis())
                .isEqualTo("population, individualised on cycle 1");
        var first = book.forCycle(Samples.PID, 1).priorFor(RegionKind.KIDNEY, "Kidneys");
        assertThat(first.basis()).isEqualTo(SinglePointEvidence.POPULATION_PRIOR);
        assertThat(first.note()).contains("no earlier cycle of Kidneys").contains(Samples.PID);
        // without a patient: the department's model in force (nothing fitted here: the published priors)
        assertThat(book.evidence(Optional.empty(), Optional.empty())).isEqualTo(SinglePointEvidence.PUBLISHED);
    }

    @Test
    void anUnknownPatientOrAHalfGivenCycleIsRefusedNamingIt() {
        storeThreeCycles();
        var book = new SinglePointEvidenceBook(store.records());
        assertThatThrownBy(() -> book.forCycle("P-9999", 2))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("P-9999");
        assertThatThrownBy(() -> book.evidence(Optional.of(Samples.PID), Optional.empty()))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("cycle");
        assertThatThrownBy(() -> book.forCycle(Samples.PID, 0))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("1 or more");
    }
}

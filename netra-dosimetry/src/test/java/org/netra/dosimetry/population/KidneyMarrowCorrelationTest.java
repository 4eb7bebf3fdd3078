package org.netra.dosimetry.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kidney–marrow correlation fit against simulated patients with known correlations (300 patients × 4 cycles,
 * ρ between patients 0.5, between cycles 0.2, the published SDs).
 */
class KidneyMarrowCorrelationTest {
    static final DosePerActivityModel K = DosePerActivityModel.KIDNEY_PUBLISHED;
    static final DosePerActivityModel M = DosePerActivityModel.MARROW_PUBLISHED;

    record Simulated(Map<String, List<Double>> kidney, Map<String, List<Double>> marrow) {}

    static Simulated simulate(int patients, int cycles, double rhoB, double rhoC, long seed) {
        Random r = new Random(seed);
        Map<String, List<Double>> kidney = new LinkedHashMap<>();
        Map<String, List<Double>> marrow = new LinkedHashMap<>();
        for (int i = 0; i < patients; i++) {
            double z1 = r.nextGaussian();
            double z2 = rhoB * z1 + Math.sqrt(1 - rhoB * rhoB) * r.nextGaussian();
            double bk = K.betweenPatientLogSd() * z1;
            double bm = M.betweenPatientLogSd() * z2;
            List<Double> k = new ArrayList<>();
            List<Double> m = new ArrayList<>();
            for (int c = 0; c < cycles; c++) {
                double e1 = r.nextGaussian();
                double e2 = rhoC * e1 + Math.sqrt(1 - rhoC * rhoC) * r.nextGaussian();
                k.add(K.typicalGyPerGBq() * Math.exp(bk + K.betweenCycleLogSd() * e1));
                m.add(M.typicalGyPerGBq() * Math.exp(bm + M.betweenCycleLogSd() * e2));
            }
            kidney.put("P" + i, k);
            marrow.put("P" + i, m);
        }
        return new Simulated(kidney, marrow);
    }

    /** The fit recovers ρ_b = 0.5 within 0.15 and ρ_c = 0.2 within 0.12 (about 3 SE each at 300 patients). */
    @Test
    void recoversKnownCorrelations() {
        Simulated s = simulate(300, 4, 0.5, 0.2, 31);
        var kidney = DosePerActivityModel.fit("kidney", s.kidney(), "simulated");
        var marrow = DosePerActivityModel.fit("marrow", s.marrow(), "simulated");
        var c = KidneyMarrowCorrelation.fit(kidney, marrow, s.kidney(), s.marrow(), "simulated");
        assertThat(c.betweenPatients()).isCloseTo(0.5, within(0.15));
        assertThat(c.betweenCycles()).isCloseTo(0.2, within(0.12));
        assertThat(c.patients()).isEqualTo(300);
        assertThat(c.cycles()).isEqualTo(1200);
        assertThat(c.enoughToReplaceDefault()).isTrue();
    }

    /** With no correlation in the data the fit finds none (|ρ| < 0.15). */
    @Test
    void findsNoneWhereThereIsNone() {
        Simulated s = simulate(300, 3, 0, 0, 32);
        var kidney = DosePerActivityModel.fit("kidney", s.kidney(), "simulated");
        var marrow = DosePerActivityModel.fit("marrow", s.marrow(), "simulated");
        var c = KidneyMarrowCorrelation.fit(kidney, marrow, s.kidney(), s.marrow(), "simulated");
        assertThat(Math.abs(c.betweenPatients())).isLessThan(0.15);
        assertThat(Math.abs(c.betweenCycles())).isLessThan(0.15);
    }

    @Test
    void tooLittleDataIsATypedErrorAndTheDefaultIsNone() {
        Simulated s = simulate(4, 2, 0.5, 0, 33);
        assertThatThrownBy(() -> KidneyMarrowCorrelation.fit(K, M, s.kidney(), s.marrow(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 5 patients");
        assertThat(DepartmentPopulationModel.PUBLISHED.kidneyMarrowInForce().betweenPatients())
                .isZero();
        assertThatThrownBy(() -> new KidneyMarrowCorrelation(1.0, 0, 1, 1, "x"))
                .hasMessageContaining("strictly between");
    }
}

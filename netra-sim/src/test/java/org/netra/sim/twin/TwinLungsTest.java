package org.netra.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Region;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.Lu177Dotatate.Group;
import org.netra.sim.kinetics.TrueKinetics;

/** Twins with lungs: seeded lung tumours, everything else as drawn without lungs, lung activity per gram. */
class TwinLungsTest {
    /** Every compartment but the lung tumour has the curve it had without lungs, in every cycle. */
    @Test
    void lungsChangeNoOtherCompartmentOfTheTwin() {
        for (long seed = 1; seed <= 12; seed++) {
            TwinSpec plain = TwinSpec.draw(seed, 4, 7400);
            TwinSpec lungs = plain.withLungs();
            assertThat(plain.phantom().lungs()).isEmpty();
            // the body, the other tumours and the grid as drawn without lungs
            assertThat(lungs.phantom())
                    .isEqualTo(plain.phantom().withLungs(lungs.phantom().lungs().orElseThrow()));
            for (int c = 0; c < 4; c++) {
                for (var e : plain.cycleKinetics().get(c).entrySet()) {
                    assertThat(lungs.cycleKinetics().get(c).get(e.getKey()))
                            .as("seed %d cycle %d %s", seed, c + 1, e.getKey())
                            .isEqualTo(e.getValue());
                }
                assertThat(lungs.cycleKinetics().get(c).containsKey(Group.LUNG_TUMOUR))
                        .isEqualTo(
                                lungs.phantom().lungs().orElseThrow().tumourMl().isPresent());
            }
        }
    }

    /**
     * About one twin in three has a lung tumour: over 90 seeds the count lies within ±3 binomial SD of 30; the
     * tumours are 1–8 mL. The seeds with one are printed (the Monte Carlo test uses one of them).
     */
    @Test
    void aboutOneTwinInThreeHasALungTumour() {
        List<String> withTumour = new ArrayList<>();
        for (long seed = 1; seed <= 90; seed++) {
            var lungs =
                    TwinSpec.draw(seed, 1, 7400).withLungs().phantom().lungs().orElseThrow();
            if (lungs.tumourMl().isPresent()) {
                double ml = lungs.tumourMl().getAsDouble();
                assertThat(ml).isBetween(1.0, 8.0);
                withTumour.add(seed + ": " + String.format(java.util.Locale.ROOT, "%.2f mL", ml));
            }
        }
        System.out.println("twins with a lung tumour: " + withTumour);
        double sd = Math.sqrt(90 * (1.0 / 3) * (2.0 / 3));
        assertThat((double) withTumour.size()).isBetween(30 - 3 * sd, 30 + 3 * sd);
    }

    /** The lungs hold the remainder's activity per gram: per mL, soft tissue's × ρ_lung/ρ_soft, at any time. */
    @Test
    void lungActivityPerGramIsTheSoftTissues() {
        TwinSpec spec = TwinSpec.draw(3, 1, 7400).withLungs();
        Phantom phantom = Phantom.build(spec.phantom());
        TrueKinetics k = TrueKinetics.of(phantom, spec.cycleKinetics().get(0), 7400);
        for (double hours : new double[] {1, 24, 96}) {
            double soft = k.region(Region.SOFT_TISSUE).valueMBq(hours)
                    / phantom.volumeMl(Region.SOFT_TISSUE)
                    / Phantom.density(Region.SOFT_TISSUE);
            for (Region lung : new Region[] {Region.LUNG_L, Region.LUNG_R}) {
                double perGram = k.region(lung).valueMBq(hours) / phantom.volumeMl(lung) / Phantom.density(lung);
                assertThat(perGram).isCloseTo(soft, within(soft * 1e-9));
            }
        }
        assertThat(Voi.of(spec.phantom()).stream().map(Voi::name)).contains("Lung_L", "Lung_R");
    }
}

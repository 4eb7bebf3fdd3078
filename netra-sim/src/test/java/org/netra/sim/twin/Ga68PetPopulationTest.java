package org.netra.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.Lu177Dotatate.Group;
import org.netra.sim.kinetics.TrueKinetics;
import org.netra.sim.truth.DoseTruth;

/** The twins' 68Ga PET against the published normal-organ order and the PET–therapy correlation. */
class Ga68PetPopulationTest {

    /**
     * 300 twins: median SUVmean spleen > kidneys > liver > 2 > marrow (Özgüven 2021; Sürer Budak 2023), and
     * the between-patient correlation of ln tumour SUV with ln true 177Lu tumour Gy/GBq near 0.7.
     */
    @Test
    void organOrderAndTumourCorrelationFollowThePublishedPopulation() {
        List<double[]> tumour = new ArrayList<>();
        double[] spleen = new double[300];
        double[] kidney = new double[300];
        double[] liver = new double[300];
        double[] marrow = new double[300];
        List<double[]> kidneyPairs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            TwinCurves c = TwinCurves.of(3001 + i);
            spleen[i] = c.petSuv().get(Group.SPLEEN);
            kidney[i] = c.petSuv().get(Group.KIDNEYS);
            liver[i] = c.petSuv().get(Group.LIVER);
            marrow[i] = c.petSuv().get(Group.MARROW);
            kidneyPairs.add(new double[] {Math.log(kidney[i]), Math.log(c.kidneyGyPerGBq())});
            // one tumour per twin (the largest liver metastasis), so the pairs are between patients
            var lesion = c.tumours().stream()
                    .filter(l -> l.group() == Group.LIVER_MET_1)
                    .findFirst()
                    .orElseThrow();
            tumour.add(new double[] {Math.log(c.petSuv().get(lesion.group())), Math.log(c.gyPerGBq(lesion))});
        }
        assertThat(median(spleen)).isGreaterThan(median(kidney));
        assertThat(median(kidney)).isGreaterThan(median(liver));
        assertThat(median(liver)).isGreaterThan(2.0);
        assertThat(median(marrow)).isLessThan(2.0);
        double r = pearson(tumour);
        double rKidney = pearson(kidneyPairs);
        System.out.printf(
                "PET medians spleen %.1f kidneys %.1f liver %.1f marrow %.2f; r(ln SUV, ln Gy/GBq) tumour %.2f kidney %.2f%n",
                median(spleen), median(kidney), median(liver), median(marrow), r, rKidney);
        assertThat(r).isBetween(0.6, 0.8);
    }

    /**
     * The local-deposition Gy/GBq {@link TwinCurves} uses against the voxel-kernel truth of the same twin's
     * images: the kidneys and the tumours ≥ 5 mL within 6 %.
     */
    @Test
    void localDepositionAgreesWithTheVoxelKernelTruth() {
        TwinSpec spec = TwinSpec.draw(21, 1, 7400);
        TwinCurves c = TwinCurves.of(spec);
        Phantom phantom = Phantom.build(spec.phantom());
        var truth =
                DoseTruth.of(1, TrueKinetics.of(phantom, spec.cycleKinetics().get(0), 7400), Voi.STANDARD);
        var l = truth.voi("Kidney_L");
        var rr = truth.voi("Kidney_R");
        double kernel = (l.doseGyPerGBq() * l.mass().inGrams()
                        + rr.doseGyPerGBq() * rr.mass().inGrams())
                / (l.mass().inGrams() + rr.mass().inGrams());
        assertThat(c.kidneyGyPerGBq()).isCloseTo(kernel, within(0.06 * kernel));
        var met1 = truth.voi("Tumour_liver_1");
        var lesion = c.tumours().stream()
                .filter(x -> x.group() == Group.LIVER_MET_1)
                .findFirst()
                .orElseThrow();
        assertThat(lesion.volumeMl()).isGreaterThan(5);
        assertThat(c.gyPerGBq(lesion)).isCloseTo(met1.doseGyPerGBq(), within(0.06 * met1.doseGyPerGBq()));
        System.out.printf(
                "twin 21: kidney local %.3f vs kernel %.3f Gy/GBq; liver met 1 local %.3f vs kernel %.3f%n",
                c.kidneyGyPerGBq(), kernel, c.gyPerGBq(lesion), met1.doseGyPerGBq());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double pearson(List<double[]> pairs) {
        double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
        return new PearsonsCorrelation().correlation(x, y);
    }
}

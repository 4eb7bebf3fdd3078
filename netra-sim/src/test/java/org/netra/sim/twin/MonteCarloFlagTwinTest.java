package org.netra.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.cycle.MonteCarloComparison;

/**
 * The Monte Carlo's flag on a digital twin: twin 1 (without lungs) through {@link TwinMethodComparison}, once with
 * the twin's CT and once in soft tissue. The bone metastasis sits in the top vertebra, inside cortical
 * bone; the liver and pancreas tumours are in soft tissue, far from bone (this twin has no lung; LungTumourFlagTwinTest has).
 *
 * <p>What this shows since the kernel method carries the photons from beyond its 11³ voxels (the long-range photon
 * kernel) and the Monte Carlo transports the electrons: on a whole twin the two methods agree, so the flag stays
 * quiet — on every organ and on the tumour in bone too. Before the long-range kernel the Monte Carlo read +5 to +8 %
 * on most organs and tumours (+37 % on the marrow) and flagged nearly all of them: the far photons, not the bone.
 * The bone's own effect is small because the kernel scales its short-range dose by ρ_tissue/ρ_voxel, which is
 * O'Connor's scaling for the electrons; what is left (the photo-electric excess of bone for 177Lu's X-rays, the
 * electrons crossing the bone's edge) measured +1.7 points on the bone tumour (+0.3 % with the CT against −1.4 % in
 * soft tissue, the Monte Carlo's SD ± 1 %). A rib of cortical bone beside a tumour, a thin bone whose edge effects
 * dominate, is still flagged (+8.7 %, MonteCarloCycleTest in netra-dosimetry).
 */
class MonteCarloFlagTwinTest {
    private static Map<String, MonteCarloComparison.Row> withCt;
    private static Map<String, MonteCarloComparison.Row> softTissue;

    @BeforeAll
    static void run() {
        var twin1 = TwinMethodComparison.of(TwinSpec.draw(1, 1, 7400));
        withCt = twin1.withCt();
        softTissue = twin1.softTissue();
    }

    /** Every organ and tumour within the flag's 5 %, with the CT and in soft tissue: no false alarm on a twin. */
    @Test
    void noRegionOfTheTwinIsFlaggedOnceTheKernelCarriesTheFarPhotons() {
        for (var rows : List.of(withCt, softTissue)) {
            rows.forEach((voi, r) -> {
                if (voi.equals("Body") || r.adjoining().isPresent()) {
                    // the outline's edge lacks back-scatter the kernel assumes (docs/dosimetry.md); the automatic
                    // regions have their own rule, below
                    return;
                }
                assertThat(r.flagged()).as(voi).isFalse();
                assertThat(Math.abs(r.difference().orElseThrow())).as(voi).isLessThan(0.05);
            });
        }
    }

    /**
     * With the CT netra draws the tissue around each tumour and kidney (twin 1 has no lung): soft tissue around all of
     * them, bone around the vertebral tumour. None is flagged. The kidneys' borders, well sampled (SD ≈ 0.6 %), agree
     * within 2 %. The bone around the vertebral tumour reads above the kernel (measured +6.1 %, SD of the difference
     * 3.4 %: bone's photo-electric excess for 177Lu's X-rays, as the rib's +8.7 % in MonteCarloCycleTest), beyond 5 %
     * but not by its SD: not flagged, and shown as "uncertain" rather than as agreement.
     */
    @Test
    void theBoneAroundTheVertebralTumourIsFlaggedAndNoOtherAutomaticRegion() {
        var automatic =
                withCt.values().stream().filter(r -> r.adjoining().isPresent()).toList();
        assertThat(automatic)
                .extracting(MonteCarloComparison.Row::voi)
                .contains(
                        "Kidney_L · adjoining soft tissue",
                        "Kidney_R · adjoining soft tissue",
                        "Tumour_liver_1 · adjoining soft tissue",
                        "Tumour_bone · adjoining bone")
                .noneMatch(n -> n.contains("adjoining lung"))
                .noneMatch(n -> n.startsWith("Kidney_L_cortex"));
        // measured on the merged main (λ₁ with the Mott factor): the bone border +8.1 % with a 2.0 % SD of the
        // difference, beyond 5 % + 1 SD; before the λ₁ change +6.1 % (3.2), only "uncertain"
        var bone = withCt.get("Tumour_bone · adjoining bone");
        assertThat(bone.flagged()).as(bone.toString()).isTrue();
        assertThat(bone.difference().orElseThrow()).isGreaterThan(0.05);
        assertThat(automatic)
                .filteredOn(r -> r != bone)
                .allSatisfy(r -> assertThat(r.flagged()).as(r.voi()).isFalse());
        for (String kidney : List.of("Kidney_L · adjoining soft tissue", "Kidney_R · adjoining soft tissue")) {
            assertThat(Math.abs(withCt.get(kidney).difference().orElseThrow()))
                    .as(kidney)
                    .isLessThan(0.03);
        }
        assertThat(softTissue.values())
                .allSatisfy(r -> assertThat(r.adjoining()).isEmpty());
    }

    /**
     * The agreement is not the Monte Carlo's noise hiding a difference: the kidneys, liver and spleen, where the
     * Monte Carlo's SD is below 1 %, agree within 2 %, where before the long-range kernel they read +5 to +8 %.
     */
    @Test
    void theWellSampledOrgansAgreeWithinTwoPercent() {
        for (String voi : List.of("Kidney_L", "Kidney_R", "Liver", "Spleen")) {
            var r = withCt.get(voi);
            assertThat(r.monteCarloRelativeSd()).as(voi).isLessThan(0.01);
            assertThat(Math.abs(r.difference().orElseThrow())).as(voi).isLessThan(0.02);
        }
    }
}

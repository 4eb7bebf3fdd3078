package org.netra.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.cycle.MonteCarloComparison;
import org.netra.dosimetry.montecarlo.AdjoiningTissue;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Region;

/**
 * The Monte Carlo's flag on a twin with lungs: twin 2 with its lung bases and a 1.68 mL tumour deep in the right lower
 * lobe (a 15 mm nodule, 20 voxels of 4.42 mm), through {@link TwinMethodComparison}, with the CT and in soft
 * tissue, plus one VOI the twin does not have: the shell of lung voxels touching the tumour (26-neighbours), where
 * the kernel's voxel-by-voxel density scaling is least right.
 *
 * <p>What it shows (docs/dosimetry.md, "The flag on a twin with lungs"; measured, not tuned): the flag does <b>not</b>
 * fire on the lung tumour (+2.1 % ± 1.6 % with the CT, +2.3 % in soft tissue). A VOI's mean dose is its energy over
 * its mass, and 177Lu's electrons (≤ 2 mm in tissue, ≤ 8 mm in lung) carry only a few per cent of their energy out
 * of a 15 mm nodule whatever lies outside it. What the kernel gets wrong is where that energy lands in the lung: it
 * puts it in the first lung voxel, as in water, and scales that voxel's dose by ρ_soft/ρ_lung ≈ 4, while in lung the
 * electrons run four times further and spread it over the next voxels too. So the shell of lung touching the tumour
 * is flagged: −14.4 % ± 5.4 % with the CT against +3.5 % for the same shell in soft tissue. The lungs as a whole read
 * −3.7 % and −4.3 % (± 0.7), below the flag; about 2 points of that is the lung (−1.5 % and −2.5 % in soft tissue).
 *
 * <p>Since the automatic interface regions netra draws that shell itself ("Tumour_lung · adjoining lung", the same
 * 100 voxels, −13.7 % ± 3.4 %, flagged), and the bone around the vertebral tumour ("Tumour_bone · adjoining bone",
 * +7.9 % ± 0.8 %, flagged); the soft tissue around every tumour and kidney is not flagged (−0.9 to −2.2 %).
 */
class LungTumourFlagTwinTest {
    static final String SHELL = "Lung_R_touching_tumour";
    static final String AUTOMATIC_LUNG = "Tumour_lung · adjoining lung";
    private static TwinMethodComparison twin2;
    private static int shellVoxels;

    @BeforeAll
    static void run() {
        TwinSpec spec = TwinSpec.draw(2, 1, 7400).withLungs();
        assertThat(spec.phantom().lungs().orElseThrow().tumourMl()).isPresent();
        twin2 = TwinMethodComparison.of(spec, phantom -> {
            Mask shell = shell(phantom);
            shellVoxels = shell.voxelCount();
            return List.of(shell);
        });
    }

    /** The lung voxels with a tumour voxel among their 26 neighbours. */
    static Mask shell(Phantom phantom) {
        Geometry g = phantom.geometry();
        BitSet bits = new BitSet(g.voxelCount());
        for (int k = 1; k < g.nz() - 1; k++) {
            for (int j = 1; j < g.ny() - 1; j++) {
                for (int i = 1; i < g.nx() - 1; i++) {
                    if (phantom.region(g.index(i, j, k)) == Region.LUNG_R && touchesTumour(phantom, g, i, j, k)) {
                        bits.set(g.index(i, j, k));
                    }
                }
            }
        }
        return Mask.of(SHELL, g, bits);
    }

    private static boolean touchesTumour(Phantom phantom, Geometry g, int i, int j, int k) {
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    if (phantom.region(g.index(i + di, j + dj, k + dk)) == Region.LUNG_TUMOUR) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The lung tumour is not flagged, with the CT or without: its mean dose is the kernel's within 5 %. */
    @Test
    void theLungTumourItselfIsNotFlagged() {
        for (var rows : List.of(twin2.withCt(), twin2.softTissue())) {
            var tumour = rows.get("Tumour_lung");
            assertThat(tumour.flagged()).isFalse();
            assertThat(Math.abs(tumour.difference().orElseThrow())).isLessThan(0.05);
        }
        // nor does the lung move it: with the CT and in soft tissue within 2 SD of each other
        var ct = twin2.withCt().get("Tumour_lung");
        var soft = twin2.softTissue().get("Tumour_lung");
        assertThat(Math.abs(ct.difference().orElseThrow() - soft.difference().orElseThrow()))
                .isLessThan(2 * Math.hypot(ct.monteCarloRelativeSd(), soft.monteCarloRelativeSd()));
    }

    /**
     * The lung touching the tumour is flagged with the CT, the Monte Carlo more than one SD beyond 5 % below the
     * kernel, and lower than the same shell in soft tissue. The soft-tissue shell is not asserted unflagged: with the
     * electrons' control variate its own reading is about −5 to −6 % (SD ≈ 3 %). Not the condensed history's old
     * end-of-range deficit: fixing λ₁ (docs/dosimetry.md, the 90Y voxel S-values) moved it by under a point.
     */
    @Test
    void theLungTouchingTheTumourIsFlaggedBelowTheKernel() {
        var ct = twin2.withCt().get(SHELL);
        var soft = twin2.softTissue().get(SHELL);
        assertThat(ct.flagged()).isTrue();
        assertThat(ct.difference().orElseThrow() + ct.monteCarloRelativeSd()).isLessThan(-0.05);
        assertThat(ct.difference().orElseThrow()).isLessThan(soft.difference().orElseThrow());
    }

    /**
     * netra draws the shell itself: with the CT the run has the automatic region "Tumour_lung · adjoining lung", the
     * same voxels as the shell drawn here from the phantom's labels (so the same doses), and it is flagged; without a
     * CT there are no automatic regions (no tissue to tell apart).
     */
    @Test
    void theAutomaticLungRegionIsTheHandDrawnShellAndIsFlagged() {
        var auto = twin2.withCt().get(AUTOMATIC_LUNG);
        var shell = twin2.withCt().get(SHELL);
        assertThat(auto.adjoining()).isPresent();
        assertThat(auto.adjoining().orElseThrow().voi()).isEqualTo("Tumour_lung");
        assertThat(auto.adjoining().orElseThrow().tissue()).isEqualTo(AdjoiningTissue.LUNG);
        assertThat(auto.adjoining().orElseThrow().voxels()).isEqualTo(shellVoxels);
        assertThat(auto.monteCarlo().inGy())
                .isCloseTo(
                        shell.monteCarlo().inGy(),
                        within(1e-9 * shell.monteCarlo().inGy()));
        assertThat(auto.kernel().orElseThrow().inGy())
                .isCloseTo(
                        shell.kernel().orElseThrow().inGy(),
                        within(1e-9 * shell.kernel().orElseThrow().inGy()));
        // beyond 5 % by more than its SD, the automatic regions' rule
        assertThat(auto.flagged()).isTrue();
        assertThat(auto.difference().orElseThrow() + auto.differenceSd().orElseThrow())
                .isLessThan(-0.05);
        assertThat(twin2.softTissue().values())
                .allSatisfy(r -> assertThat(r.adjoining()).isEmpty());
        // the hand-drawn shell's name reads as a tumour by netra's role rules, so netra draws around it too: its
        // "soft tissue" is the lung tumour's own 20 voxels, with the tumour's doses
        var inside = twin2.withCt().get(SHELL + " · adjoining soft tissue");
        var tumour = twin2.withCt().get("Tumour_lung");
        assertThat(inside.adjoining().orElseThrow().voxels()).isEqualTo(20);
        assertThat(inside.monteCarlo().inGy())
                .isCloseTo(
                        tumour.monteCarlo().inGy(),
                        within(1e-9 * tumour.monteCarlo().inGy()));
    }

    /**
     * The bone around twin 2's vertebral tumour (T12) is flagged: the Monte Carlo above the kernel (measured +7.9 %,
     * SD 0.8 %), bone's photo-electric excess for 177Lu's 55–65 keV X-rays that the kernel's soft-tissue photons
     * leave out, as on MonteCarloCycleTest's rib (+8.7 %). The tumour's own mean is not (+0.6 %). This is the
     * issue's flag "where the twin has bone next to a tumour", without a VOI drawn on the bone.
     */
    @Test
    void theBoneAroundTheVertebralTumourIsFlaggedAboveTheKernel() {
        var bone = twin2.withCt().get("Tumour_bone · adjoining bone");
        assertThat(bone.adjoining().orElseThrow().tissue()).isEqualTo(AdjoiningTissue.BONE);
        assertThat(bone.flagged()).isTrue();
        assertThat(bone.difference().orElseThrow() - bone.differenceSd().orElseThrow())
                .isGreaterThan(0.05);
        assertThat(twin2.withCt().get("Tumour_bone").flagged()).isFalse();
    }

    /**
     * Where the lung tumour and the kidneys meet soft tissue, the automatic regions are not flagged: the flag on
     * the lung is the lung's, not the method's at every border.
     */
    @Test
    void theSoftTissueBordersAreNotFlagged() {
        var soft = twin2.withCt().values().stream()
                .filter(r -> r.adjoining().isPresent()
                        && r.adjoining().orElseThrow().tissue() == AdjoiningTissue.SOFT_TISSUE)
                .toList();
        assertThat(soft).extracting(MonteCarloComparison.Row::voi).contains("Kidney_L · adjoining soft tissue");
        assertThat(soft).allSatisfy(r -> assertThat(r.flagged()).as(r.voi()).isFalse());
    }

    /**
     * The lungs as wholes: the Monte Carlo 2–6 % below the kernel with the CT, lower than in soft tissue, the
     * organs and tumours elsewhere (kidneys, liver, spleen, the vertebral tumour) unflagged as on twin 1.
     */
    @Test
    void theLungsReadBelowTheKernelAndTheRestOfTheTwinIsUnflagged() {
        for (String lung : List.of("Lung_L", "Lung_R")) {
            var ct = twin2.withCt().get(lung);
            assertThat(ct.difference().orElseThrow()).as(lung).isBetween(-0.06, -0.02);
            assertThat(ct.difference().orElseThrow())
                    .as(lung)
                    .isLessThan(twin2.softTissue().get(lung).difference().orElseThrow());
        }
        for (String voi : List.of("Kidney_L", "Kidney_R", "Liver", "Spleen", "Tumour_bone", "Tumour_pancreas")) {
            assertThat(twin2.withCt().get(voi).flagged()).as(voi).isFalse();
        }
    }
}

package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/**
 * The regions netra draws around a VOI for the Monte Carlo's comparison, on a 7×7×7 phantom whose counts are worked
 * out by hand: lung in the planes x ≤ 2, soft tissue in x = 3, cortical bone in x ≥ 4.
 */
class InterfaceRegionTest {
    private static final PhotonCrossSections XS = PhotonCrossSections.shipped();
    private static final Geometry G = Geometry.of(7, 7, 7, new double[] {2, 2, 2}, new double[] {0, 0, 0});

    /**
     * The tumour is the 2×3×3 block x 3–4, y 2–4, z 2–4 (18 voxels). Its 26-neighbour border is the 4×5×5 block x
     * 2–5, y 1–5, z 1–5 without it: 100 − 18 = 82 voxels. By plane: x = 2 all 25 lung; x = 3 25 − 9 = 16 soft
     * tissue, of which (3, 1, 1) is made air (left out) and (3, 5, 5) a marrow-bone medium at a soft tissue's
     * density (bone by its calcium): 14 soft tissue; x = 4 (16) and x = 5 (25) bone, 41 + 1 = 42.
     */
    @Test
    void theBorderIsSplitByTissueWithCountsWorkedOutByHand() {
        VoxelPhantom phantom = phantom();
        BitSet tumour = new BitSet();
        for (int k = 2; k <= 4; k++) {
            for (int j = 2; j <= 4; j++) {
                for (int i = 3; i <= 4; i++) {
                    tumour.set(G.index(i, j, k));
                }
            }
        }
        var regions = InterfaceRegion.around(List.of(Mask.of("Tumour_1", G, tumour)), phantom);

        assertThat(regions)
                .extracting(InterfaceRegion::name)
                .containsExactly(
                        "Tumour_1 · adjoining lung", "Tumour_1 · adjoining soft tissue", "Tumour_1 · adjoining bone");
        assertThat(regions).extracting(InterfaceRegion::voxels).containsExactly(25, 14, 42);
        assertThat(regions).allSatisfy(r -> assertThat(r.voi()).isEqualTo("Tumour_1"));
        for (InterfaceRegion r : regions) {
            for (int v = r.mask().next(0); v >= 0; v = r.mask().next(v + 1)) {
                assertThat(tumour.get(v))
                        .as("%s holds a voxel of the VOI", r.name())
                        .isFalse();
            }
        }
        assertThat(regions.get(1).mask().contains(3, 1, 1)).as("air").isFalse();
        assertThat(regions.get(2).mask().contains(3, 5, 5))
                .as("marrow bone at 1.1 g/mL")
                .isTrue();
    }

    /**
     * A one-voxel VOI in the grid's corner has 2×2×2 − 1 = 7 neighbours inside the grid, all lung: fewer than
     * {@link InterfaceRegion#MIN_VOXELS}, so no region; one in the middle of the lung has its 26.
     */
    @Test
    void theGridsEdgeBoundsTheBorderAndASmallClassIsLeftOut() {
        BitSet corner = new BitSet();
        corner.set(G.index(0, 0, 0));
        assertThat(InterfaceRegion.border(Mask.of("corner", G, corner), G).cardinality())
                .isEqualTo(7);
        assertThat(InterfaceRegion.around(List.of(Mask.of("corner", G, corner)), phantom()))
                .isEmpty();

        BitSet middle = new BitSet();
        middle.set(G.index(1, 3, 3));
        var regions = InterfaceRegion.around(List.of(Mask.of("Kidney_L", G, middle)), phantom());
        assertThat(regions).extracting(InterfaceRegion::name).containsExactly("Kidney_L · adjoining lung");
        assertThat(regions.get(0).voxels()).isEqualTo(26);
    }

    @Test
    void tissueClassesFollowTheStatedThresholds() {
        PhotonMedium soft = XS.medium(PhotonCrossSections.SOFT_TISSUE);
        assertThat(AdjoiningTissue.of(soft, 0.0012)).isEmpty();
        assertThat(AdjoiningTissue.of(soft, 0.099)).isEmpty();
        assertThat(AdjoiningTissue.of(soft, 0.1)).contains(AdjoiningTissue.LUNG);
        assertThat(AdjoiningTissue.of(XS.medium(PhotonCrossSections.LUNG), 0.26))
                .contains(AdjoiningTissue.LUNG);
        assertThat(AdjoiningTissue.of(soft, 0.499)).contains(AdjoiningTissue.LUNG);
        assertThat(AdjoiningTissue.of(soft, 0.5)).contains(AdjoiningTissue.SOFT_TISSUE);
        assertThat(AdjoiningTissue.of(XS.medium(PhotonCrossSections.ADIPOSE), 0.95))
                .contains(AdjoiningTissue.SOFT_TISSUE);
        assertThat(AdjoiningTissue.of(soft, 1.199)).contains(AdjoiningTissue.SOFT_TISSUE);
        assertThat(AdjoiningTissue.of(soft, 1.2)).contains(AdjoiningTissue.BONE);
        assertThat(AdjoiningTissue.of(XS.atHounsfield(150), 1.1)).contains(AdjoiningTissue.BONE);
        assertThat(AdjoiningTissue.of(XS.medium(PhotonCrossSections.CORTICAL_BONE), 1.92))
                .contains(AdjoiningTissue.BONE);
    }

    @Test
    void aVoiOnAnotherGridIsRefused() {
        Geometry other = Geometry.of(7, 7, 7, new double[] {4, 4, 4}, new double[] {0, 0, 0});
        BitSet one = new BitSet();
        one.set(0);
        assertThatThrownBy(() -> InterfaceRegion.around(List.of(Mask.of("Tumour_1", other, one)), phantom()))
                .hasMessageContaining("Tumour_1")
                .hasMessageContaining("resample");
    }

    /** Lung (0.26 g/mL) in x ≤ 2, soft tissue (1.04) in x = 3, cortical bone (1.92) in x ≥ 4; two exceptions. */
    private static VoxelPhantom phantom() {
        List<PhotonMedium> palette = List.of(
                XS.medium(PhotonCrossSections.LUNG),
                XS.medium(PhotonCrossSections.SOFT_TISSUE),
                XS.medium(PhotonCrossSections.CORTICAL_BONE),
                XS.atHounsfield(-1000),
                XS.atHounsfield(150));
        byte[] medium = new byte[G.voxelCount()];
        float[] rho = new float[G.voxelCount()];
        for (int k = 0; k < 7; k++) {
            for (int j = 0; j < 7; j++) {
                for (int i = 0; i < 7; i++) {
                    int v = G.index(i, j, k);
                    medium[v] = (byte) (i <= 2 ? 0 : i == 3 ? 1 : 2);
                    rho[v] = i <= 2 ? 0.26f : i == 3 ? 1.04f : 1.92f;
                }
            }
        }
        medium[G.index(3, 1, 1)] = 3;
        rho[G.index(3, 1, 1)] = 0.0012f;
        medium[G.index(3, 5, 5)] = 4;
        rho[G.index(3, 5, 5)] = 1.1f;
        return new VoxelPhantom(G, palette, medium, rho, "hand-built: lung, soft tissue, bone planes");
    }
}

package org.netra.sim.anatomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netra.clinical.patient.Sex;
import org.netra.physics.material.CtDensity;

class PhantomTest {
    private static final Phantom MALE = Phantom.build(PhantomSpec.standard(BodySize.REFERENCE_MALE));

    @Test
    void organVolumesAreTheReferenceAdultsWithinVoxelisation() {
        // ICRP 89 reference male: liver 1800, spleen 150, kidneys 310 mL; a 4.42 mm grid voxelises an
        // ellipsoid's volume within a few per cent
        double liverWithMets = MALE.volumeMl(Region.LIVER)
                + MALE.volumeMl(Region.LIVER_MET_1)
                + MALE.volumeMl(Region.LIVER_MET_2)
                + MALE.volumeMl(Region.LIVER_MET_3);
        assertThat(liverWithMets).isCloseTo(1800, within(1800 * 0.05));
        assertThat(MALE.volumeMl(Region.SPLEEN)).isCloseTo(150, within(150 * 0.08));
        double kidneys = MALE.volumeMl(Voi.STANDARD.get(0)) + MALE.volumeMl(Voi.STANDARD.get(1));
        assertThat(kidneys).isCloseTo(310, within(310 * 0.06));
        double medulla = MALE.volumeMl(Region.KIDNEY_L_MEDULLA) / MALE.volumeMl(Voi.STANDARD.get(0));
        assertThat(medulla).isCloseTo(Phantom.MEDULLA_FRACTION, within(0.06));
    }

    @Test
    void tumoursHaveTheirSpecifiedVolumes() {
        PhantomSpec s = MALE.spec();
        assertThat(MALE.volumeMl(Region.LIVER_MET_1)).isCloseTo(s.liverMet1Ml(), within(s.liverMet1Ml() * 0.1));
        assertThat(MALE.volumeMl(Region.LIVER_MET_2)).isCloseTo(s.liverMet2Ml(), within(s.liverMet2Ml() * 0.15));
        assertThat(MALE.volumeMl(Region.PANCREAS_PRIMARY)).isCloseTo(s.pancreasMl(), within(s.pancreasMl() * 0.1));
        assertThat(MALE.volumeMl(Region.BONE_MET)).isCloseTo(s.boneMetMl(), within(s.boneMetMl() * 0.2));
        assertThat(MALE.volumeMl(Region.LIVER_MET_3)).isPositive();
        assertThat(MALE.volumeMl(Region.MARROW)).isBetween(50.0, 100.0);
        assertThat(MALE.volumeMl(Region.BLADDER)).isCloseTo(150, within(15.0));
    }

    @Test
    void biggerPatientsHaveBiggerOrgansAndWomenSmallerOnes() {
        Phantom big = Phantom.build(PhantomSpec.standard(new BodySize(Sex.MALE, 110, 190)));
        Phantom female = Phantom.build(PhantomSpec.standard(BodySize.REFERENCE_FEMALE));
        assertThat(big.volumeMl(Region.LIVER)).isGreaterThan(MALE.volumeMl(Region.LIVER) * 1.15);
        assertThat(female.volumeMl(Region.LIVER)).isLessThan(MALE.volumeMl(Region.LIVER) * 0.85);
        assertThat(big.volumeMl(Region.FAT) + big.volumeMl(Region.SOFT_TISSUE))
                .isGreaterThan(MALE.volumeMl(Region.FAT) + MALE.volumeMl(Region.SOFT_TISSUE));
    }

    @Test
    void ctAndDensityFollowTheSchneiderCalibration() {
        var ct = MALE.ct();
        var rho = MALE.density();
        var schneider = CtDensity.schneider2000();
        for (int i = 0; i < ct.voxels().length; i += 997) {
            assertThat((double) rho.voxels()[i]).isCloseTo(schneider.gramsPerMl(ct.voxels()[i]), within(1e-5));
        }
        assertThat(Phantom.density(Region.CORTICAL_BONE)).isGreaterThan(1.4);
        assertThat(Phantom.density(Region.LIVER)).isBetween(1.03, 1.08);
        assertThat(ct.voxels()[0]).isEqualTo(-1000f);
    }

    @Test
    void impossibleSizesAreRefusedInTheUsersWords() {
        assertThatThrownBy(() -> new BodySize(Sex.FEMALE, 70000, 165)).hasMessageContaining("kilograms");
        assertThatThrownBy(() -> PhantomSpec.standard(BodySize.REFERENCE_MALE).withTumours(25, 8, 3, 20, 30))
                .hasMessageContaining("vertebral body");
    }
}

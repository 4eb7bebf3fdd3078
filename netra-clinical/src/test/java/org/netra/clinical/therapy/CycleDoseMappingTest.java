package org.netra.clinical.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.RegionRole;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Volume;

/** A cycle's region doses mapped to the course's record, against figures worked out by hand. */
class CycleDoseMappingTest {
    private static CycleDoseMapping.RegionDose region(
            String name, RegionRole role, double ml, double gy, Double bedGy, double teffH) {
        return new CycleDoseMapping.RegionDose(
                name,
                role,
                Volume.ofMl(ml),
                AbsorbedDose.ofGy(gy),
                AbsorbedDose.ofGy(0.1 * gy),
                Optional.ofNullable(bedGy).map(AbsorbedDose::ofGy),
                Optional.of(Duration.ofMinutes(Math.round(teffH * 60))));
    }

    private static final List<CycleDoseMapping.RegionDose> KIDNEYS_AND_LESION = List.of(
            region("Kidney_L", RegionRole.KIDNEY, 100, 3.0, 3.2, 40),
            region("Kidney_R", RegionRole.KIDNEY, 150, 4.0, 4.4, 50),
            region("Kidney_L_cortex", RegionRole.KIDNEY_CORTEX, 70, 3.5, 3.8, 40),
            region("lesion1", RegionRole.TUMOUR, 12, 20.0, 25.0, 90),
            region("Body", RegionRole.BODY, 60_000, 0.5, 0.5, 50));

    @Test
    void theWholeKidneysAreWeightedByVolumeAndTheCortexLeftOut() {
        var k = CycleDoseMapping.kidneys(KIDNEYS_AND_LESION, "job t1");
        // by hand: (100·3 + 150·4) / 250 = 3.6 Gy; BED (100·3.2 + 150·4.4) / 250 = 3.92 Gy;
        // T_eff (100·40 + 150·50) / 250 = 46 h
        assertThat(k.dose().inGy()).isCloseTo(3.6, within(1e-12));
        assertThat(k.bed().orElseThrow().inGy()).isCloseTo(3.92, within(1e-12));
        assertThat(k.effectiveHalfLife()).isEqualTo(Duration.ofHours(46));
        assertThat(k.vois()).containsExactly("Kidney_L", "Kidney_R");
        var record = CycleDoseMapping.cycleDosimetry(
                1,
                LocalDate.of(2026, 3, 2),
                Activity.ofGBq(7.4),
                k,
                CycleDoseMapping.marrow(KIDNEYS_AND_LESION, Optional.of(AbsorbedDose.ofGy(0.3)), 1, "job t1"));
        assertThat(record.kidneyDose().inGy()).isCloseTo(3.6, within(1e-12));
        assertThat(record.kidneyBed().orElseThrow().inGy()).isCloseTo(3.92, within(1e-12));
        assertThat(record.kidneyEffectiveHalfLife().toMinutes()).isEqualTo(46 * 60);
        assertThat(record.marrowDose().inGy()).isEqualTo(0.3);
    }

    @Test
    void aKidneyWithoutBedLeavesTheRecordsBedToTheLqModel() {
        var regions = List.of(
                region("Kidney_L", RegionRole.KIDNEY, 100, 3.0, 3.2, 40),
                region("Kidney_R", RegionRole.KIDNEY, 150, 4.0, null, 50));
        var k = CycleDoseMapping.kidneys(regions, "job t2");
        assertThat(k.bed()).isEmpty();
        var record = CycleDoseMapping.cycleDosimetry(
                1,
                LocalDate.of(2026, 3, 2),
                Activity.ofGBq(7.4),
                k,
                new CycleDoseMapping.Marrow(AbsorbedDose.ofGy(0.3), "blood"));
        // the course's mono-exponential LQ model then gives it: BED > dose for any positive dose
        assertThat(record.kidneyBed(KidneyRadiobiology.DEFAULTS).inGy()).isGreaterThan(3.6);
    }

    @Test
    void theTumoursCarryTheirDoseSdAndVolume() {
        assertThat(CycleDoseMapping.tumours(KIDNEYS_AND_LESION)).singleElement().satisfies(t -> {
            assertThat(t.lesion()).isEqualTo("lesion1");
            assertThat(t.mean().inGy()).isEqualTo(20.0);
            assertThat(t.standardDeviation().inGy()).isCloseTo(2.0, within(1e-12));
            assertThat(t.volume()).isEqualTo(org.netra.physics.quantity.Volume.ofMl(12));
        });
    }

    @Test
    void theRecordedMarrowIsKeptElseAMarrowVoiIsTakenAndSaidSo() {
        var recorded = CycleDoseMapping.marrow(KIDNEYS_AND_LESION, Optional.of(AbsorbedDose.ofGy(0.3)), 1, "job t3");
        assertThat(recorded.dose().inGy()).isEqualTo(0.3);
        assertThat(recorded.how()).contains("blood-based");
        var withVoi = List.of(
                region("Kidney_L", RegionRole.KIDNEY, 100, 3.0, 3.2, 40),
                region("L2-L4 marrow", RegionRole.MARROW, 80, 0.25, null, 60));
        var image = CycleDoseMapping.marrow(withVoi, Optional.empty(), 2, "job t3");
        assertThat(image.dose().inGy()).isEqualTo(0.25);
        assertThat(image.how()).contains("image-based").contains("L2-L4 marrow");
    }

    @Test
    void refusalsNameWhatIsMissingAndTheFix() {
        assertThatThrownBy(() -> CycleDoseMapping.kidneys(
                        List.of(region("lesion1", RegionRole.TUMOUR, 12, 20, 25.0, 90)), "job t4"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("job t4 has no kidney VOI among [lesion1]")
                .hasMessageContaining("Kidney_L");
        var noTeff = new CycleDoseMapping.RegionDose(
                "Kidney_L",
                RegionRole.KIDNEY,
                Volume.ofMl(100),
                AbsorbedDose.ofGy(3),
                AbsorbedDose.ofGy(0.3),
                Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> CycleDoseMapping.kidneys(List.of(noTeff), "job t4"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("no kidney effective half-life");
        assertThatThrownBy(() -> CycleDoseMapping.marrow(KIDNEYS_AND_LESION, Optional.empty(), 5, "job t4"))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("cycle 5 has no marrow dose on record")
                .hasMessageContaining("blood-based marrow dose");
    }
}

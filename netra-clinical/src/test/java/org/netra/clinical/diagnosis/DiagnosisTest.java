package org.netra.clinical.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.clinical.diagnosis.TracerCatalogue.Role;
import org.netra.clinical.patient.Grade;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.AbsorbedDose;

/** The imaging protocols, tracer choice, bone work-up and palliative radiotherapy of docs/DOMAIN.md §1. */
class DiagnosisTest {
    private static final LocalDateTime DAY_1 = LocalDateTime.of(2025, 4, 7, 8, 30);

    private static Lesion lesion(String id, boolean skeletal, Integer krenning) {
        return new Lesion(
                id,
                skeletal ? "bone" : "liver",
                skeletal,
                Optional.ofNullable(krenning).map(KrenningScore::of),
                Optional.empty(),
                Optional.empty());
    }

    /** SRS: 111In-pentetreotide on day 1, scans at ≈ 4 h, 24 h and 48 h. */
    @Test
    void srsIsScannedAtFourTwentyFourAndFortyEightHours() {
        var srs = new ImagingStudy(
                "srs",
                ImagingProtocol.SomatostatinReceptorScintigraphy.standard(),
                DAY_1,
                List.of(lesion("l1", false, 4), lesion("l2", false, 2)),
                List.of());
        assertThat(srs.protocol().tracer()).isEqualTo(Tracer.IN111_PENTETREOTIDE);
        assertThat(srs.scanSchedule()).containsExactly(DAY_1.plusHours(4), DAY_1.plusDays(1), DAY_1.plusDays(2));
        assertThat(srs.highestKrenning()).contains(KrenningScore.ABOVE_SPLEEN_KIDNEYS);
        assertThatThrownBy(() -> new ImagingProtocol.SomatostatinReceptorScintigraphy(List.of(Duration.ofHours(-1))))
                .hasMessageContaining("after the injection");
    }

    /** The Krenning scale: 0 none … 4 above spleen/kidneys; it grades SSTR imaging only. */
    @Test
    void krenningGradesSomatostatinReceptorImagingOnly() {
        assertThat(Arrays.stream(KrenningScore.values()).map(KrenningScore::score))
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(KrenningScore.of(3).meaning()).isEqualTo("higher than liver");
        assertThatThrownBy(() -> KrenningScore.of(5)).hasMessageContaining("0–4");
        assertThatThrownBy(() -> new ImagingStudy(
                        "fdg",
                        ImagingProtocol.PetCt.of(Tracer.F18_FDG),
                        DAY_1,
                        List.of(lesion("l", false, 3)),
                        List.of()))
                .hasMessageContaining("Krenning scores grade somatostatin-receptor imaging");
        // SSTR PET is graded like SRS
        new ImagingStudy(
                "ga", ImagingProtocol.PetCt.of(Tracer.GA68_DOTATATE), DAY_1, List.of(lesion("l", false, 3)), List.of());
    }

    /** The tracer catalogue of DOMAIN.md §1, one NET type at a time. */
    @Test
    void tracerCatalogueFollowsTheNetType() {
        assertThat(TracerCatalogue.forType(NetType.of(Grade.G2)))
                .filteredOn(r -> r.role() == Role.FIRST_CHOICE)
                .extracting(TracerCatalogue.Recommendation::tracer)
                .containsExactlyInAnyOrder(
                        Tracer.GA68_DOTATATE, Tracer.GA68_DOTATOC, Tracer.GA68_DOTANOC, Tracer.CU64_DOTATATE);
        assertThat(TracerCatalogue.suits(Tracer.IN111_PENTETREOTIDE, NetType.WELL_DIFFERENTIATED_NET))
                .isTrue();
        assertThat(TracerCatalogue.forType(NetType.of(Grade.NEC)).get(0).tracer())
                .isEqualTo(Tracer.F18_FDG);
        assertThat(TracerCatalogue.suits(Tracer.GA68_DOTATATE, NetType.HIGH_GRADE))
                .as("dual tracer")
                .isTrue();
        assertThat(TracerCatalogue.suits(Tracer.F18_DOPA, NetType.PHAEOCHROMOCYTOMA_PARAGANGLIOMA))
                .isTrue();
        assertThat(TracerCatalogue.suits(Tracer.I123_MIBG, NetType.PHAEOCHROMOCYTOMA_PARAGANGLIOMA))
                .isTrue();
        assertThat(TracerCatalogue.forType(NetType.MEDULLARY_THYROID_CARCINOMA))
                .extracting(TracerCatalogue.Recommendation::tracer)
                .containsExactly(Tracer.F18_DOPA);
        assertThat(TracerCatalogue.forType(NetType.BENIGN_INSULINOMA))
                .extracting(TracerCatalogue.Recommendation::tracer)
                .containsExactly(Tracer.GA68_EXENDIN4);
        assertThat(TracerCatalogue.suits(Tracer.F18_FDG, NetType.WELL_DIFFERENTIATED_NET))
                .isFalse();
        for (NetType t : NetType.values()) {
            assertThat(TracerCatalogue.forType(t)).as(t.name()).isNotEmpty();
            assertThat(TracerCatalogue.forType(t).get(0).role()).isEqualTo(Role.FIRST_CHOICE);
        }
        // every tracer names a nuclide the physics catalogue knows
        for (Tracer tr : Tracer.values()) {
            assertThat(NuclideCatalog.icrp107().get(tr.nuclide()))
                    .as(tr.label())
                    .isNotNull();
        }
    }

    /** PET takes PET tracers, MIBG scintigraphy only 123I/131I-MIBG. */
    @Test
    void protocolsTakeOnlyTheirTracers() {
        assertThatThrownBy(() -> ImagingProtocol.PetCt.of(Tracer.IN111_PENTETREOTIDE))
                .hasMessageContaining("not a PET tracer");
        assertThatThrownBy(() -> new ImagingProtocol.MibgScintigraphy(Tracer.F18_DOPA, List.of(Duration.ofHours(24))))
                .hasMessageContaining("123I- or 131I-MIBG");
        assertThat(ImagingProtocol.MibgScintigraphy.i123().tracer()).isEqualTo(Tracer.I123_MIBG);
    }

    /** A suspicious bone focus calls for CT, MRI or biopsy; degenerative and traumatic ones for nothing. */
    @Test
    void boneFindingsCallForWorkUp() {
        var study = new ImagingStudy(
                "bone",
                ImagingProtocol.BoneScintigraphy.standard(),
                DAY_1,
                List.of(),
                List.of(
                        new BoneFinding("T9", BoneFinding.Kind.SUSPICIOUS),
                        new BoneFinding("right knee", BoneFinding.Kind.DEGENERATIVE),
                        new BoneFinding("rib 5 left", BoneFinding.Kind.TRAUMATIC),
                        new BoneFinding("pelvis", BoneFinding.Kind.METASTASIS)));
        assertThat(study.findingsNeedingWorkUp())
                .extracting(BoneFinding::location)
                .containsExactly("T9", "pelvis");
        assertThat(new BoneFinding("T9", BoneFinding.Kind.SUSPICIOUS).workUp())
                .containsExactly(BoneFinding.WorkUp.CT, BoneFinding.WorkUp.MRI, BoneFinding.WorkUp.BIOPSY);
        assertThat(study.scanSchedule()).containsExactly(DAY_1.plusHours(3));
        assertThatThrownBy(() -> new ImagingStudy(
                        "srs",
                        ImagingProtocol.SomatostatinReceptorScintigraphy.standard(),
                        DAY_1,
                        List.of(),
                        List.of(new BoneFinding("T9", BoneFinding.Kind.SUSPICIOUS))))
                .hasMessageContaining("bone findings belong to a bone scintigraphy");
    }

    /** External-beam radiotherapy only as palliation of a skeletal metastasis. */
    @Test
    void radiotherapyIsPalliationOfASkeletalLesion() {
        var rt = new PalliativeRadiotherapy(
                LocalDate.of(2025, 5, 2), lesion("T9", true, null), AbsorbedDose.ofGy(20), 5, null);
        assertThat(rt.dosePerFraction().inGy()).isCloseTo(4.0, within(1e-12));
        assertThat(rt.indication()).isEqualTo("pain from skeletal metastasis");
        assertThatThrownBy(() -> new PalliativeRadiotherapy(
                        LocalDate.of(2025, 5, 2), lesion("liver-1", false, null), AbsorbedDose.ofGy(8), 1, "pain"))
                .hasMessageContaining("not skeletal");
    }

    @Test
    void suvPeakCannotExceedSuvMax() {
        assertThatThrownBy(() -> new Lesion("l", "liver", false, Optional.empty(), Optional.of(5.0), Optional.of(6.0)))
                .hasMessageContaining("SUVpeak 6.0 exceeds SUVmax 5.0");
        assertThatThrownBy(() -> new Lesion("l", "liver", false, Optional.empty(), Optional.of(-1.0), Optional.empty()))
                .hasMessageContaining("impossible");
    }
}

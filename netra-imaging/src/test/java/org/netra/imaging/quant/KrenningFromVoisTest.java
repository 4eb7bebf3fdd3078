package org.netra.imaging.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.testkit.TestData;

/**
 * The suggested Krenning grade on the real 177Lu SPECT (27.7 h scan) and its RTSTRUCT, which holds two liver
 * lesions and no liver or spleen reference VOI; and the grading rule on values at each boundary.
 */
class KrenningFromVoisTest {
    /** roi_reference.py (pydicom + NumPy) on SCAN_002 and its RTSTRUCT: mean Bq/mL at scan start. */
    static final double LESION1_MEAN = 1282601.99603117;

    static final double LESION2_MEAN = 1913975.6266344865;

    @Test
    void theRealStudyHasNoLiverOrSpleenVoiSoNothingIsSuggested() throws Exception {
        var scan = scan002();
        var s = KrenningFromVois.suggest(scan.image(), scan.vois(), "lesion1 liver R lobe", KrenningScale.DEFAULT);
        assertThat(s).isInstanceOf(KrenningFromVois.Suggestion.NotSuggested.class);
        assertThat(((KrenningFromVois.Suggestion.NotSuggested) s).reason())
                .contains("no liver and no spleen VOI")
                .contains("lesion1 liver R lobe, lesion2 liver L lateral");
    }

    @Test
    void aLesionNamedAfterTheLiverIsNoLiverReference() {
        assertThat(KrenningFromVois.isLiverReference("lesion1 liver R lobe")).isFalse();
        assertThat(KrenningFromVois.isLiverReference("Liver")).isTrue();
        assertThat(KrenningFromVois.isLiverReference("normal_liver")).isTrue();
        assertThat(KrenningFromVois.isLiverReference("LIVER-REF")).isTrue();
    }

    /**
     * The wiring on real voxels: the first lesion's voxels copied as the "Liver" reference and the second's as
     * "Spleen" (the data set has no organ VOIs). Means agree with pydicom; lesion 2 (1.91 MBq/mL) graded
     * against a "liver" of 1.28 and a "spleen" of itself: above liver, not above spleen → 3.
     */
    @Test
    void referenceVoisOnTheRealImageGiveTheGradeOfTheirMeans() throws Exception {
        var scan = scan002();
        Mask l1 = scan.vois().get(0);
        Mask l2 = scan.vois().get(1);
        List<Mask> vois =
                List.of(l2, Mask.of("Liver", l1.geometry(), l1.bits()), Mask.of("Spleen", l2.geometry(), l2.bits()));
        var s = (KrenningFromVois.Suggestion.Suggested)
                KrenningFromVois.suggest(scan.image(), vois, l2.name(), KrenningScale.DEFAULT);
        assertThat(s.tumourBqPerMl()).isCloseTo(LESION2_MEAN, within(0.005 * LESION2_MEAN));
        assertThat(s.liverBqPerMl()).isCloseTo(LESION1_MEAN, within(0.005 * LESION1_MEAN));
        assertThat(s.spleenBqPerMl()).isEqualTo(s.tumourBqPerMl());
        assertThat(s.grade().grade()).isEqualTo(3);
    }

    /** Liver 1000, spleen 2000 Bq/mL: the scale's boundaries (none below 10 %, much lower below 50 % of liver). */
    @ParameterizedTest(name = "tumour {0} → {1}")
    @CsvSource({"99.9, 0", "100, 1", "499.9, 1", "500, 2", "1000, 2", "1000.1, 3", "2000, 3", "2000.1, 4"})
    void theGradingRuleAtItsBoundaries(double tumour, int grade) {
        assertThat(KrenningScale.DEFAULT.grade(tumour, 1000, 2000).grade()).isEqualTo(grade);
    }

    private record Scan(org.netra.imaging.volume.ImageVolume image, List<Mask> vois) {}

    private static Scan scan002() throws Exception {
        Path root = TestData.path("dicom/lu177-dotatate-spect/SCAN_002");
        Path rtstruct;
        try (Stream<Path> s = Files.list(root.resolve("mask"))) {
            rtstruct = s.findFirst().orElseThrow();
        }
        var q = RealWorldValues.bqPerMlAtScanStart(SeriesAssembler.assemble(root.resolve("image")));
        return new Scan(q.image(), RtStruct.read(rtstruct).rasterise(q.image().geometry()));
    }
}

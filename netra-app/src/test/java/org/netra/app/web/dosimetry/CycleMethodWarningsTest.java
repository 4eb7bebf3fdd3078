package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cycle page shows the method line without the job's warnings, and the warnings one per item below it. */
class CycleMethodWarningsTest {

    // the shape CourseAttachment writes (a real demo record's, shortened): messages carry "; " inside them
    private static final String METHOD = "dosimetry job 2cca6b0d on twin SPECT: scans at 4, 24 h, Monte Carlo"
            + " (beside the voxel kernel); kidneys the volume-weighted mean of [Kidney_L, Kidney_R]; marrow dose as"
            + " recorded; job warnings [Tumour_lung: Monte Carlo 21.4 Gy against 20.2 Gy, +5.6 %; the kernel assumes"
            + " soft tissue; Tumour_lung · adjoining lung: Monte Carlo 19.4 Gy against 21.3 Gy, -8.9 %; look at the"
            + " tissue; Bladder: clears fast; add a scan; the calibration is older than 30 days]; attached by"
            + " netra-demo";
    private static final List<String> REGIONS = List.of("Kidney_L", "Kidney_R", "Tumour_lung", "Bladder");

    @Test
    void theMethodLineLosesOnlyTheWarningsClause() {
        assertThat(CycleDosimetryView.methodSummary(METHOD))
                .isEqualTo("dosimetry job 2cca6b0d on twin SPECT: scans at 4, 24 h, Monte Carlo (beside the voxel"
                        + " kernel); kidneys the volume-weighted mean of [Kidney_L, Kidney_R]; marrow dose as"
                        + " recorded; attached by netra-demo");
    }

    @Test
    void eachWarningStartsAtItsRegionAndAMessageWithoutOneStaysWithTheOneBefore() {
        assertThat(CycleDosimetryView.olderRecordsWarnings(METHOD, REGIONS))
                .containsExactly(
                        "Tumour_lung: Monte Carlo 21.4 Gy against 20.2 Gy, +5.6 %; the kernel assumes soft tissue",
                        "Tumour_lung · adjoining lung: Monte Carlo 19.4 Gy against 21.3 Gy, -8.9 %; look at the"
                                + " tissue",
                        "Bladder: clears fast; add a scan; the calibration is older than 30 days");
    }

    @Test
    void aRecordWithoutWarningsOrWithNoneRaisedShowsNone() {
        String plain = "dosimetry job 1 on x: scans at 4 h, voxel kernel; attached by a";
        assertThat(CycleDosimetryView.methodSummary(plain)).isEqualTo(plain);
        assertThat(CycleDosimetryView.olderRecordsWarnings(plain, REGIONS)).isEmpty();
        String none = "dosimetry job 1 on x: scans at 4 h; job warnings [none raised]; attached by a";
        assertThat(CycleDosimetryView.olderRecordsWarnings(none, REGIONS)).isEmpty();
        assertThat(CycleDosimetryView.methodSummary(none))
                .isEqualTo("dosimetry job 1 on x: scans at 4 h; attached by a");
    }
}

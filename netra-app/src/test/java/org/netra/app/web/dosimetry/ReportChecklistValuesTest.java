package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.Activity;
import org.netra.store.clinical.RegionCurves;

class ReportChecklistValuesTest {
    @Test
    void theTerminalEffectiveHalfLifeIsLn2OverTheClearanceRate() {
        // A(t) = 61 MBq·exp(−0.041 t): T_eff = ln 2 / 0.041 h⁻¹ = 16.906 h, whichever two points are last
        var points = List.of(24.0, 96.0, 168.0).stream()
                .map(h -> RegionCurves.CurvePoint.atHours(h, Activity.ofMBq(61 * Math.exp(-0.041 * h))))
                .toList();
        assertThat(ReportChecklistValues.terminalHalfLife(points))
                .isEqualTo("effective half-life 16.9 h (last two time points)");
    }

    @Test
    void riseAtTheEndAndASinglePointGiveNoHalfLife() {
        var rising = List.of(
                RegionCurves.CurvePoint.atHours(24, Activity.ofMBq(10)),
                RegionCurves.CurvePoint.atHours(96, Activity.ofMBq(12)));
        assertThat(ReportChecklistValues.terminalHalfLife(rising)).contains("not decreasing");
        assertThat(ReportChecklistValues.terminalHalfLife(rising.subList(0, 1))).contains("not recorded");
    }

    /** A clause with commas inside its parentheses (a DICOM tag) is taken whole, not cut at the tag's comma. */
    @Test
    void aMethodClauseIsNotCutInsideItsParentheses() {
        String method = "dosimetry job 2aba4793 on a twin: scans at 4, 24, 96, 168 h, voxel kernel, GTM partial-volume"
                + " correction (Rousset 1998), PSF FWHM 10.0 ± 1.0 mm (stated by the series (Spatial Resolution,"
                + " 0018,1050)); kidneys the volume-weighted mean of [Kidney_L, Kidney_R]";
        assertThat(ReportChecklistValues.partOf(method, "gtm", "psf"))
                .isEqualTo("GTM partial-volume correction (Rousset 1998); PSF FWHM 10.0 ± 1.0 mm (stated by the series"
                        + " (Spatial Resolution, 0018,1050))");
        assertThat(ReportChecklistValues.partOf(method, "calibration")).isNull();
    }
}

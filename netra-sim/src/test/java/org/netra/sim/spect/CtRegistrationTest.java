package org.netra.sim.spect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.cycle.Alignment;
import org.netra.dosimetry.cycle.TimePointImage;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.RigidTransform;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.twin.DigitalTwin;
import org.netra.sim.twin.Twin;

/**
 * netra-dosimetry's CT-based alignment against the motion netra-sim drew for each scan (the truth comes from
 * the simulator's random draw, not from any registration): each later scan's CT, registered onto the first
 * scan's CT, gives back that motion within 1 mm and 0.5°.
 */
class CtRegistrationTest {
    private static final LocalDateTime INJECTION = LocalDateTime.of(2026, 3, 2, 9, 0);

    /**
     * Twins 1, 2 and 10 (three bodies): before the coarse levels compared smoothed images, their CTs locked on a
     * vertebra one or two 35 mm pitches away; twin 1 is the benchmark's seed 1.
     */
    @Test
    void ctRegistrationRecoversTheSimulatedMotion() {
        for (long seed : new long[] {1, 2, 10}) {
            Twin twin = DigitalTwin.simulate(seed, 1, SpectSettings.DEFAULTS.withMisalignment(5));
            Phantom phantom = twin.phantom();
            List<SpectScan> scans = twin.cycles().get(0).scans();
            List<TimePointImage> tps = new ArrayList<>();
            List<ImageVolume> cts = new ArrayList<>();
            // given latest first: the alignment sorts by acquisition and keeps each CT with its scan
            for (SpectScan s : scans.reversed()) {
                tps.add(new TimePointImage(
                        s.hoursAfterInjection() + " h",
                        s.image(),
                        INJECTION.plusMinutes(Math.round(s.hoursAfterInjection() * 60))));
                cts.add(s.ct(phantom));
            }
            Alignment.Aligned aligned = Alignment.alignByCt(tps, cts);
            for (int i = 1; i < scans.size(); i++) {
                RigidTransform truth = scans.get(i).motion();
                RigidTransform found =
                        aligned.registrations().get(i).orElseThrow().transform();
                assertThat(aligned.timePoints().get(i).source())
                        .isEqualTo(scans.get(i).hoursAfterInjection() + " h");
                // the truth moved the patient by more than the tolerance: the test can fail
                assertThat(phantom.largestDisplacementMm(RigidTransform.identity(), truth))
                        .isGreaterThan(4);
                assertThat(phantom.largestDisplacementMm(found, truth))
                        .as("seed %d scan %d: %s vs truth %s", seed, i, found, truth)
                        .isLessThan(1.0);
                assertThat(rotationErrorDeg(found, truth))
                        .as("seed %d scan %d", seed, i)
                        .isLessThan(0.5);
            }
        }
    }

    /** The angle (degrees) of the rotation that takes one transform's rotation to the other's. */
    private static double rotationErrorDeg(RigidTransform a, RigidTransform b) {
        double[] ra = a.rotation(), rb = b.rotation();
        // trace(Ra·Rbᵀ) = Σ ra_ij·rb_ij for row-major 3×3 matrices; angle = acos((trace − 1) / 2)
        double trace = 0;
        for (int i = 0; i < 9; i++) {
            trace += ra[i] * rb[i];
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (trace - 1) / 2))));
    }
}

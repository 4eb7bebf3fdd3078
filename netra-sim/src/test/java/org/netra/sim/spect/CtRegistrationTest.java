package org.netra.sim.spect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.cycle.Alignment;
import org.netra.dosimetry.cycle.TimePointImage;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.Volume;
import org.netra.sim.anatomy.BodySize;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.PhantomSpec;
import org.netra.sim.kinetics.Lu177Dotatate;
import org.netra.sim.kinetics.TrueKinetics;

/**
 * netra-dosimetry's CT-based alignment against the motion netra-sim drew for each scan (the truth comes from
 * the simulator's random draw, not from any registration): each later scan's CT, registered onto the first
 * scan's CT, gives back that motion within 1 mm and 0.5°.
 */
class CtRegistrationTest {
    private static final Phantom PHANTOM = Phantom.build(PhantomSpec.standard(BodySize.REFERENCE_FEMALE));
    private static final TrueKinetics TRUTH = TrueKinetics.of(PHANTOM, Lu177Dotatate.standard(), 7400);
    private static final LocalDateTime INJECTION = LocalDateTime.of(2026, 3, 2, 9, 0);

    @Test
    void ctRegistrationRecoversTheSimulatedMotion() {
        for (long seed : new long[] {3, 11}) {
            List<SpectScan> scans = SpectSimulator.simulate(
                    TRUTH, SpectSettings.DEFAULTS.withMisalignment(5).withFwhm(0), seed);
            List<TimePointImage> tps = new ArrayList<>();
            List<Volume> cts = new ArrayList<>();
            // given latest first: the alignment sorts by acquisition and keeps each CT with its scan
            for (SpectScan s : scans.reversed()) {
                tps.add(new TimePointImage(
                        s.hoursAfterInjection() + " h",
                        s.image(),
                        INJECTION.plusMinutes(Math.round(s.hoursAfterInjection() * 60))));
                cts.add(s.ct(PHANTOM));
            }
            Alignment.Aligned aligned = Alignment.alignByCt(tps, cts);
            for (int i = 1; i < scans.size(); i++) {
                RigidTransform truth = scans.get(i).motion();
                RigidTransform found =
                        aligned.registrations().get(i).orElseThrow().transform();
                assertThat(aligned.timePoints().get(i).source())
                        .isEqualTo(scans.get(i).hoursAfterInjection() + " h");
                // the truth moved the patient by more than the tolerance: the test can fail
                assertThat(displacementError(RigidTransform.identity(), truth)).isGreaterThan(4);
                assertThat(displacementError(found, truth))
                        .as("seed %d scan %d: %s vs truth %s", seed, i, found, truth)
                        .isLessThan(1.0);
                assertThat(rotationErrorDeg(found, truth))
                        .as("seed %d scan %d", seed, i)
                        .isLessThan(0.5);
            }
        }
    }

    /** The largest distance (mm) between where the two transforms send the body's voxels. */
    private static double displacementError(RigidTransform a, RigidTransform b) {
        Geometry g = PHANTOM.geometry();
        float[] ct = PHANTOM.ct().voxels();
        double worst = 0;
        double[] w = new double[3], p = new double[3], q = new double[3];
        for (int k = 0; k < g.nz(); k += 3) {
            for (int j = 0; j < g.ny(); j += 3) {
                for (int i = 0; i < g.nx(); i += 3) {
                    if (ct[g.index(i, j, k)] > -900) {
                        g.indexToWorld(i, j, k, w);
                        a.apply(w[0], w[1], w[2], p);
                        b.apply(w[0], w[1], w[2], q);
                        worst = Math.max(worst, Math.hypot(Math.hypot(p[0] - q[0], p[1] - q[1]), p[2] - q[2]));
                    }
                }
            }
        }
        return worst;
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

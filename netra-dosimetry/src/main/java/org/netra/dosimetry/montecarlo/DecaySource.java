package org.netra.dosimetry.montecarlo;

import java.util.ArrayList;
import java.util.List;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.EmissionLine;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.RadiationType;
import org.netra.physics.quantity.Energy;
import org.netra.physics.quantity.TimeIntegratedActivity;

/**
 * Where the decays happen and what they emit. Decays are sampled in proportion to each voxel's time-integrated
 * activity, uniformly inside the voxel; each history carries one photon line, chosen in proportion to its yield,
 * with the weight of all the decay's photons above the cut (so the expected energy per history is the decay's
 * transported photon energy). Electrons, alphas and photons below the cut are not sampled: their energy is
 * deposited in the decay's voxel by the expected value ({@link #localEnergyPerDecay}), which carries no
 * statistical noise.
 *
 * @param voxels the voxels with activity, in index order
 * @param cumulative the running sum of their TIA, ending at the total (Bq·s)
 * @param lineKeV the transported photon lines' energies
 * @param lineCumulative running sums of their yields, ending at {@code photonsPerDecay}
 */
public record DecaySource(
        String nuclide,
        int[] voxels,
        double[] cumulative,
        double[] lineKeV,
        double[] lineCumulative,
        double photonsPerDecay,
        Energy localEnergyPerDecay,
        Energy photonCut) {

    /** A nuclide's ICRP-107 emissions on a TIA map (Bq·s per voxel). */
    public static DecaySource of(ImageVolume tia, Nuclide nuclide, Energy photonCut) {
        EnergyPartition split = EnergyPartition.of(nuclide, photonCut);
        List<double[]> lines = new ArrayList<>();
        for (EmissionLine line : nuclide.emissionLines()) {
            if (line.type().kind() == RadiationType.Kind.PHOTON
                    && line.energy().compareTo(photonCut) >= 0
                    && line.yieldPerDecay() > 0) {
                lines.add(new double[] {line.energy().inKeV(), line.yieldPerDecay()});
            }
        }
        return of(tia, nuclide.name(), lines, split.nonPenetrating(), photonCut);
    }

    /**
     * Any spectrum: {@code lines} as (keV, photons per decay), {@code local} deposited in the decay's voxel — for
     * mono-energetic sources and the tests.
     */
    public static DecaySource of(ImageVolume tia, String name, List<double[]> lines, Energy local, Energy photonCut) {
        tia.requireUnit(VoxelUnit.BQ_S, "the time-integrated activity map");
        float[] a = tia.voxels();
        int count = 0;
        for (float x : a) {
            if (x < 0 || Float.isNaN(x)) {
                throw new IllegalArgumentException("the TIA map has a negative or undefined voxel (" + x
                        + " Bq·s); clip the map to ≥ 0 before the Monte Carlo");
            }
            if (x > 0) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the TIA map has no activity: nothing to transport");
        }
        int[] voxels = new int[count];
        double[] cumulative = new double[count];
        double sum = 0;
        int k = 0;
        for (int v = 0; v < a.length; v++) {
            if (a[v] > 0) {
                sum += a[v];
                voxels[k] = v;
                cumulative[k++] = sum;
            }
        }
        double[] keV = new double[lines.size()];
        double[] yc = new double[lines.size()];
        double y = 0;
        for (int i = 0; i < keV.length; i++) {
            keV[i] = lines.get(i)[0];
            y += lines.get(i)[1];
            yc[i] = y;
        }
        return new DecaySource(name, voxels, cumulative, keV, yc, y, local, photonCut);
    }

    /** The same decays and photons with another energy per decay deposited where the decay is. */
    public DecaySource withLocalEnergy(Energy local) {
        return new DecaySource(nuclide, voxels, cumulative, lineKeV, lineCumulative, photonsPerDecay, local, photonCut);
    }

    /** All decays on the map. */
    public TimeIntegratedActivity totalDecays() {
        return TimeIntegratedActivity.ofBqSeconds(cumulative[cumulative.length - 1]);
    }

    /** The transported photon energy per decay, keV. */
    public double photonKeVPerDecay() {
        double e = 0;
        for (int i = 0; i < lineKeV.length; i++) {
            e += lineKeV[i] * (lineCumulative[i] - (i == 0 ? 0 : lineCumulative[i - 1]));
        }
        return e;
    }

    /** The index into {@link #voxels} of the decay for a uniform {@code u} in [0, 1). */
    int sampleVoxel(double u) {
        return firstAbove(cumulative, u * cumulative[cumulative.length - 1]);
    }

    /** The index into {@link #lineKeV} for a uniform {@code u} in [0, 1). */
    int sampleLine(double u) {
        return firstAbove(lineCumulative, u * photonsPerDecay);
    }

    private static int firstAbove(double[] running, double x) {
        int lo = 0, hi = running.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (running[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}

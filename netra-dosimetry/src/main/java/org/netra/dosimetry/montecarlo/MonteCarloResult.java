package org.netra.dosimetry.montecarlo;

import java.time.Duration;
import java.util.List;
import org.netra.imaging.volume.ImageVolume;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Energy;

/**
 * A Monte Carlo dose map and how far to trust it.
 *
 * @param dose Gy per voxel: electrons (and photons below the cut) deposited locally plus transported photons
 * @param relativeSd per voxel, 1 SD of the mean dose over its value (batch method; 0 where the dose is 0)
 * @param regions per region the mean dose and its statistical SD
 * @param photonKeVEmitted transported photon energy per decay as sampled (keV)
 * @param photonKeVAbsorbed of it, absorbed in the phantom
 * @param photonKeVEscaped of it, leaving the phantom
 * @param geometry how the media were assigned (CT, density or uniform tissue)
 * @param electronKeVEmitted transported electron energy per decay as sampled (keV; 0 when electrons are local)
 * @param electronKeVAbsorbed of it, absorbed in the phantom
 * @param electronKeVEscaped of it, leaving the phantom
 * @param electrons how the electrons were handled, for the report
 */
public record MonteCarloResult(
        ImageVolume dose,
        ImageVolume relativeSd,
        List<RegionDose> regions,
        long histories,
        int batches,
        Stop stop,
        Duration elapsed,
        Energy localEnergyPerDecay,
        double photonKeVEmitted,
        double photonKeVAbsorbed,
        double photonKeVEscaped,
        String geometry,
        double electronKeVEmitted,
        double electronKeVAbsorbed,
        double electronKeVEscaped,
        String electrons) {
    public MonteCarloResult {
        regions = List.copyOf(regions);
    }

    /** Why the run ended. */
    public enum Stop {
        TARGET_REACHED,
        BATCH_LIMIT,
        TIME_LIMIT
    }

    /**
     * A region's dose: the mean over its voxels, as the kernel method's is.
     *
     * @param sd 1 SD of the mean (statistical only)
     * @param photonShare the photons' share of the dose (the electrons', transported or local, is the rest)
     */
    public record RegionDose(String name, AbsorbedDose mean, AbsorbedDose sd, double photonShare) {
        public double relativeSd() {
            return mean.inGy() > 0 ? sd.inGy() / mean.inGy() : 0;
        }
    }

    public RegionDose region(String name) {
        return regions.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no region '" + name + "' in the Monte Carlo run"));
    }

    /** Histories per second of wall time. */
    public double historiesPerSecond() {
        return histories / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}

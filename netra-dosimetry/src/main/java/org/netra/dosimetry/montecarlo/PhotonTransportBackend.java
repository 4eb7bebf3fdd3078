package org.netra.dosimetry.montecarlo;

import java.util.random.RandomGenerator;

/**
 * What runs one batch of histories. The CPU loop ({@link CpuPhotonTransport}) is one; a GPU backend would be
 * another. A batch is self-contained: it reads only the immutable phantom, source and tables given at
 * construction, draws only from its own generator and writes only its own tally, so batches can run anywhere in
 * any order and merge afterwards (docs/dosimetry.md, "Monte Carlo", for what a GPU port needs).
 */
public interface PhotonTransportBackend {
    /**
     * Transports {@code histories} decays' photons and adds the energy each voxel absorbs (keV, weighted by the
     * photons per decay) to {@code tally}, which has one entry per voxel of the phantom.
     */
    BatchEnergy run(int histories, RandomGenerator random, double[] tally);

    /** A batch's photon energy bookkeeping, keV: emitted = absorbed + escaped, to rounding. */
    record BatchEnergy(double emittedKeV, double absorbedKeV, double escapedKeV) {}
}

package org.netra.dosimetry.montecarlo;

import java.util.random.RandomGenerator;
import org.netra.imaging.volume.Geometry;

/**
 * Electron and β⁻ transport on the CPU: a class II condensed-history scheme (Berger 1963's classification)
 * through the same voxel phantom as the photons.
 *
 * <p>Energy loss is split at {@link ElectronMedium#HARD_COLLISION_CUT_MEV} (10 keV). Transfers below it are a
 * continuous loss at the restricted stopping power L, fluctuating about its mean by Bohr's Gaussian (its variance
 * for transfers up to the cut); transfers above it are hard collisions sampled one by one from Møller's cross
 * section, each setting a δ-ray in motion that is tracked like the primary. Without them (the CSDA scheme this
 * replaced) every electron of one energy had the same path length, so ranges ended too sharply: 90Y's voxel
 * S-values at the end of its range read 4–8 % low against Lanconelli 2012 (docs/dosimetry.md). The distance to
 * the next hard collision is drawn as a number of mean free paths and spent along the slowing-down under L, so
 * the cross section's change with energy along a step is exact (no majorant needed).
 *
 * <p>Each step loses at most a fixed fraction of the energy ({@link #ENERGY_LOSS_PER_STEP}) and is at most half
 * the smallest voxel side long; its length follows from the restricted range in the voxel's medium at the voxel's
 * density, so a step in lung is four times longer than in water and one in cortical bone half as long. The step
 * is split at a uniformly random hinge point (the random-hinge method of PENELOPE and EGSnrc): the electron flies
 * to the hinge, deposits the step's energy loss there, is deflected by the step's multiple-scattering angle and
 * flies on. The angle is drawn from a screened-Rutherford-shaped distribution whose mean ⟨1 − cos θ⟩ is 1 −
 * e^(−s/λ₁), the Goudsmit–Saunderson (exact) first moment after a path s for the medium's transport mean free
 * path λ₁ — the moment that sets how far electrons penetrate (Lewis 1950). No bremsstrahlung photons (their
 * energy is deposited along the track: 1 % of 90Y's energy in water).
 *
 * <p>An electron whose restricted range (the longest path it can have: hard collisions only shorten it) is
 * shorter than the distance to the nearest face of its voxel cannot leave it, and is deposited there at once
 * (range rejection). At 4.8 mm voxels this ends 177Lu's electrons at once for all but a few per cent of them;
 * below {@link ElectronEmissions#cut} an electron is deposited where it is.
 *
 * <p>{@link #withLocalExpectation} makes the tally a control variate: each history also takes its sampled
 * energy back out of its voxel of origin, the caller depositing the expected electron energy there instead (as
 * local electrons are). The expectation is unchanged, but an electron that stays in its voxel — most of 177Lu's —
 * now adds exactly nothing, so the noise of where decays fall and of the β spectrum's energy no longer reaches
 * the dose; only the energy that moves between voxels is statistical.
 */
public final class CpuElectronTransport implements PhotonTransportBackend {
    /** 5 % of the energy per step: ≈ 100 steps from 90Y's 2.3 MeV end point to the 10 keV cut. */
    static final double ENERGY_LOSS_PER_STEP = 0.05;

    private final VoxelPhantom phantom;
    private final DecaySource source;
    private final ElectronEmissions electrons;
    private final ElectronMedium[] media;
    private final ScatteringAngles angles = ScatteringAngles.INSTANCE;
    private final int nx, ny, nz;
    private final double dx, dy, dz, maxStepMm, cutMeV;
    private final boolean subtractAtOrigin;

    /** Plain analogue tallies: every deposit as it happens (the caller keeps no electron energy local). */
    public CpuElectronTransport(VoxelPhantom phantom, DecaySource source, ElectronEmissions electrons) {
        this(phantom, source, electrons, false);
    }

    private CpuElectronTransport(
            VoxelPhantom phantom, DecaySource source, ElectronEmissions electrons, boolean subtractAtOrigin) {
        Geometry g = phantom.geometry();
        this.phantom = phantom;
        this.source = source;
        this.electrons = electrons;
        this.subtractAtOrigin = subtractAtOrigin;
        media = phantom.palette().stream().map(ElectronMedium::new).toArray(ElectronMedium[]::new);
        nx = g.nx();
        ny = g.ny();
        nz = g.nz();
        dx = g.spacing(0);
        dy = g.spacing(1);
        dz = g.spacing(2);
        maxStepMm = 0.5 * Math.min(dx, Math.min(dy, dz));
        cutMeV = electrons.cut().inMeV();
    }

    /**
     * The control-variate transport: the tally holds what each history moved away from its voxel of origin, so
     * the caller must deposit {@code electrons.transportedPerDecay()} per decay in place (the source's local
     * energy, with the electrons left in it).
     */
    public static CpuElectronTransport withLocalExpectation(
            VoxelPhantom phantom, DecaySource source, ElectronEmissions electrons) {
        return new CpuElectronTransport(phantom, source, electrons, true);
    }

    /** Whether the tally is the control variate of {@link #withLocalExpectation}. */
    public boolean subtractsAtOrigin() {
        return subtractAtOrigin;
    }

    /** Electrons waiting to be tracked in one history (the primary's δ-rays): position, direction, energy. */
    private static final class Stack {
        double[] s = new double[8 * 7];
        int n;

        void push(double x, double y, double z, double u, double v, double w, double e) {
            if (7 * (n + 1) > s.length) {
                s = java.util.Arrays.copyOf(s, 2 * s.length);
            }
            int o = 7 * n++;
            s[o] = x;
            s[o + 1] = y;
            s[o + 2] = z;
            s[o + 3] = u;
            s[o + 4] = v;
            s[o + 5] = w;
            s[o + 6] = e;
        }
    }

    /** Energy (keV) a batch absorbed and let escape. */
    private static final class Ledger {
        double absorbed, escaped;
    }

    /** Transports {@code histories} decays' electrons; the returned energies (keV) are the electrons'. */
    @Override
    public BatchEnergy run(int histories, RandomGenerator random, double[] tally) {
        if (electrons.isEmpty()) {
            return new BatchEnergy(0, 0, 0);
        }
        double weightKeV = 1000 * electrons.electronsPerDecay();
        double emitted = 0;
        Ledger ledger = new Ledger();
        Stack stack = new Stack();
        for (int h = 0; h < histories; h++) {
            int voxel = source.voxels()[source.sampleVoxel(random.nextDouble())];
            int i = voxel % nx, j = (voxel / nx) % ny, k = voxel / (nx * ny);
            double x = (i + random.nextDouble()) * dx;
            double y = (j + random.nextDouble()) * dy;
            double z = (k + random.nextDouble()) * dz;
            double e = electrons.pick(random.nextDouble()).sampleMeV(random);
            emitted += e * weightKeV;
            if (subtractAtOrigin) {
                tally[voxel] -= e * weightKeV;
            }
            double w = 2 * random.nextDouble() - 1;
            double phi = 2 * Math.PI * random.nextDouble();
            double s = Math.sqrt(1 - w * w);
            stack.push(x, y, z, s * Math.cos(phi), s * Math.sin(phi), w, e);
            while (stack.n > 0) {
                int o = 7 * --stack.n;
                double[] t = stack.s;
                track(
                        t[o], t[o + 1], t[o + 2], t[o + 3], t[o + 4], t[o + 5], t[o + 6], random, tally, weightKeV,
                        stack, ledger);
            }
        }
        return new BatchEnergy(emitted, ledger.absorbed, ledger.escaped);
    }

    /** One electron from (x, y, z) along (u, v, w) with {@code e} MeV, until it stops or leaves the phantom. */
    private void track(
            double x,
            double y,
            double z,
            double u,
            double v,
            double w,
            double e,
            RandomGenerator random,
            double[] tally,
            double weightKeV,
            Stack stack,
            Ledger ledger) {
        byte[] mediumIndex = phantom.mediumIndex();
        float[] density = phantom.density();
        double width = nx * dx, height = ny * dy, depth = nz * dz;
        int i = (int) (x / dx), j = (int) (y / dy), k = (int) (z / dz);
        int voxel = i + nx * (j + ny * k);
        // hard-collision mean free paths to go before the next δ-ray
        double pathsLeft = -Math.log(1 - random.nextDouble());
        while (true) {
            ElectronMedium m = media[mediumIndex[voxel]];
            double rho = density[voxel];
            if (e <= cutMeV) {
                deposit(tally, voxel, e * weightKeV, ledger);
                return;
            }
            double rangeGcm2 = m.restrictedRange(e);
            double toFace = Math.min(
                    Math.min(Math.min(x - i * dx, (i + 1) * dx - x), Math.min(y - j * dy, (j + 1) * dy - y)),
                    Math.min(z - k * dz, (k + 1) * dz - z));
            if (rangeGcm2 * 10 / rho < toFace) {
                // the soft-loss fluctuation could lengthen a path by a few per cent of a range this short; the
                // δ-rays it would set free start inside the voxel with less energy still
                deposit(tally, voxel, e * weightKeV, ledger);
                return;
            }
            double startE = e;
            // the step: a fixed fraction of the energy, less to stay within half a voxel, or up to a hard collision
            double endE = e * (1 - ENERGY_LOSS_PER_STEP);
            double pathsHere = m.hardCollisionPaths(e);
            double hardE = m.energyAtHardCollisionPaths(pathsHere - pathsLeft);
            boolean hard = false;
            if (hardE > endE) {
                endE = hardE;
                hard = true;
            }
            double stepGcm2 = endE <= cutMeV ? rangeGcm2 : rangeGcm2 - m.restrictedRange(endE);
            double stepMm = stepGcm2 * 10 / rho;
            if (stepMm > maxStepMm) {
                stepMm = maxStepMm;
                stepGcm2 = maxStepMm * rho / 10;
                endE = m.energyAtRestrictedRange(rangeGcm2 - stepGcm2);
                hard = false;
            } else if (endE <= cutMeV) {
                endE = 0;
                hard = false;
            }
            pathsLeft -= pathsHere - m.hardCollisionPaths(endE);
            double lostMeV = e - endE;
            if (endE > 0) {
                // Bohr's fluctuation of the soft loss about its mean, kept within [0, 2 × mean] (mean unchanged)
                double sd = Math.sqrt(m.softLossVariance(0.5 * (e + endE), stepGcm2));
                lostMeV = Math.min(Math.max(lostMeV + sd * random.nextGaussian(), 0), Math.min(2 * lostMeV, e));
            }
            double hinge = random.nextDouble() * stepMm;
            x += u * hinge;
            y += v * hinge;
            z += w * hinge;
            if (x < 0 || y < 0 || z < 0 || x >= width || y >= height || z >= depth) {
                ledger.escaped += e * weightKeV;
                return;
            }
            i = (int) (x / dx);
            j = (int) (y / dy);
            k = (int) (z / dz);
            voxel = i + nx * (j + ny * k);
            deposit(tally, voxel, lostMeV * weightKeV, ledger);
            e -= lostMeV;
            if (e <= 0) {
                return;
            }
            // the step's multiple scattering, at the mean of the step's λ₁ at its start and end energy
            double lambda = 0.5 * (m.transportMeanFreePath(startE) + m.transportMeanFreePath(e));
            double cosTheta = angles.sample(stepGcm2 / lambda, random);
            double[] d = CpuPhotonTransport.rotate(u, v, w, cosTheta, 2 * Math.PI * random.nextDouble());
            u = d[0];
            v = d[1];
            w = d[2];
            double rest = stepMm - hinge;
            x += u * rest;
            y += v * rest;
            z += w * rest;
            if (x < 0 || y < 0 || z < 0 || x >= width || y >= height || z >= depth) {
                ledger.escaped += e * weightKeV;
                return;
            }
            i = (int) (x / dx);
            j = (int) (y / dy);
            k = (int) (z / dz);
            voxel = i + nx * (j + ny * k);
            if (hard) {
                pathsLeft = -Math.log(1 - random.nextDouble());
                if (e > 2 * ElectronMedium.HARD_COLLISION_CUT_MEV) {
                    double delta = e * sampleMollerFraction(e, random);
                    double[] dir = hardCollisionDirections(u, v, w, e, delta, random);
                    stack.push(x, y, z, dir[3], dir[4], dir[5], delta);
                    e -= delta;
                    u = dir[0];
                    v = dir[1];
                    w = dir[2];
                }
            }
        }
    }

    private static void deposit(double[] tally, int voxel, double keV, Ledger ledger) {
        tally[voxel] += keV;
        ledger.absorbed += keV;
    }

    /**
     * The δ-ray's share ε of a hard collision's energy T, from Møller's cross section on (cut/T, ½): ε drawn from
     * 1/ε² and kept with probability ε² · dσ/dε / 2.25 (the bracket times ε² is at most 1 + 1 + ¼ on ε ≤ ½).
     */
    static double sampleMollerFraction(double kineticMeV, RandomGenerator random) {
        double k = ElectronMedium.HARD_COLLISION_CUT_MEV / kineticMeV;
        double gamma = kineticMeV / ElectronMedium.ELECTRON_REST_MEV + 1;
        double g = (gamma - 1) / gamma;
        double interference = (2 * gamma - 1) / (gamma * gamma);
        while (true) {
            double eps = k / (1 - random.nextDouble() * (1 - 2 * k));
            double r = eps / (1 - eps);
            double f = 1 + r * r + eps * eps * g * g - interference * r;
            if (2.25 * random.nextDouble() <= f) {
                return eps;
            }
        }
    }

    /**
     * Directions after a hard collision of an electron of T MeV giving W to a free electron at rest (two-body
     * kinematics): cos θ = √(T′(T + 2mc²)/(T(T′ + 2mc²))) for each outgoing kinetic energy T′, on opposite sides.
     * Returns the primary's (u, v, w) then the δ-ray's.
     */
    private static double[] hardCollisionDirections(
            double u, double v, double w, double kineticMeV, double deltaMeV, RandomGenerator random) {
        double mc2 = ElectronMedium.ELECTRON_REST_MEV;
        double after = kineticMeV - deltaMeV;
        double cosPrimary = Math.sqrt(after * (kineticMeV + 2 * mc2) / (kineticMeV * (after + 2 * mc2)));
        double cosDelta = Math.sqrt(deltaMeV * (kineticMeV + 2 * mc2) / (kineticMeV * (deltaMeV + 2 * mc2)));
        double phi = 2 * Math.PI * random.nextDouble();
        double[] p = CpuPhotonTransport.rotate(u, v, w, Math.min(1, cosPrimary), phi);
        double[] d = CpuPhotonTransport.rotate(u, v, w, Math.min(1, cosDelta), phi + Math.PI);
        return new double[] {p[0], p[1], p[2], d[0], d[1], d[2]};
    }
}

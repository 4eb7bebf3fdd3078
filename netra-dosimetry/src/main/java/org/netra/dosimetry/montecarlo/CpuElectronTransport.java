package org.netra.dosimetry.montecarlo;

import java.util.random.RandomGenerator;
import org.netra.imaging.volume.Geometry;

/**
 * Electron and β⁻ transport on the CPU: a class I condensed-history scheme (Berger 1963's classification) in the
 * continuous-slowing-down approximation, through the same voxel phantom as the photons.
 *
 * <p>Each step loses a fixed fraction of the electron's energy ({@link #ENERGY_LOSS_PER_STEP}), at most half the
 * smallest voxel side in length; its length follows from the CSDA range of the voxel's medium at the voxel's
 * density, so a step in lung is four times longer than in water and one in cortical bone half as long. The step
 * is split at a uniformly random hinge point (the random-hinge method of PENELOPE and EGSnrc): the electron flies
 * to the hinge, deposits the step's energy loss there, is deflected by the step's multiple-scattering angle and
 * flies on. The angle is drawn from a screened-Rutherford-shaped distribution whose mean ⟨1 − cos θ⟩ is 1 −
 * e^(−s/λ₁), the Goudsmit–Saunderson (exact) first moment after a path s for the medium's transport mean free
 * path λ₁ — the moment that sets how far electrons penetrate (Lewis 1950). No energy straggling, no δ-rays, no
 * bremsstrahlung photons (their energy is deposited along the track: 1 % of 90Y's energy in water).
 *
 * <p>An electron whose whole CSDA range in its voxel's medium is shorter than the distance to the nearest face of
 * that voxel cannot leave it, and is deposited there at once (range rejection, exact under CSDA). At 4.8 mm voxels
 * this ends 177Lu's electrons at once for all but a few per cent of them; below {@link ElectronEmissions#cut} an
 * electron is deposited where it is.
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

    public CpuElectronTransport(VoxelPhantom phantom, DecaySource source, ElectronEmissions electrons) {
        Geometry g = phantom.geometry();
        this.phantom = phantom;
        this.source = source;
        this.electrons = electrons;
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

    /** Transports {@code histories} decays' electrons; the returned energies (keV) are the electrons'. */
    @Override
    public BatchEnergy run(int histories, RandomGenerator random, double[] tally) {
        if (electrons.isEmpty()) {
            return new BatchEnergy(0, 0, 0);
        }
        byte[] mediumIndex = phantom.mediumIndex();
        float[] density = phantom.density();
        double weightKeV = 1000 * electrons.electronsPerDecay();
        double emitted = 0, absorbed = 0, escaped = 0;
        double width = nx * dx, height = ny * dy, depth = nz * dz;
        for (int h = 0; h < histories; h++) {
            int voxel = source.voxels()[source.sampleVoxel(random.nextDouble())];
            int i = voxel % nx, j = (voxel / nx) % ny, k = voxel / (nx * ny);
            double x = (i + random.nextDouble()) * dx;
            double y = (j + random.nextDouble()) * dy;
            double z = (k + random.nextDouble()) * dz;
            double e = electrons.pick(random.nextDouble()).sampleMeV(random);
            emitted += e * weightKeV;
            double w = 2 * random.nextDouble() - 1;
            double phi = 2 * Math.PI * random.nextDouble();
            double s = Math.sqrt(1 - w * w);
            double u = s * Math.cos(phi), v = s * Math.sin(phi);
            while (true) {
                ElectronMedium m = media[mediumIndex[voxel]];
                double rho = density[voxel];
                if (e <= cutMeV) {
                    tally[voxel] += e * weightKeV;
                    absorbed += e * weightKeV;
                    break;
                }
                double rangeGcm2 = m.csdaRange(e);
                double toFace = Math.min(
                        Math.min(Math.min(x - i * dx, (i + 1) * dx - x), Math.min(y - j * dy, (j + 1) * dy - y)),
                        Math.min(z - k * dz, (k + 1) * dz - z));
                if (rangeGcm2 * 10 / rho < toFace) {
                    tally[voxel] += e * weightKeV;
                    absorbed += e * weightKeV;
                    break;
                }
                double startE = e;
                // the step: a fixed fraction of the energy, or less to stay within half a voxel
                double endE = e * (1 - ENERGY_LOSS_PER_STEP);
                double stepGcm2 = endE <= cutMeV ? rangeGcm2 : rangeGcm2 - m.csdaRange(endE);
                double stepMm = stepGcm2 * 10 / rho;
                if (stepMm > maxStepMm) {
                    stepMm = maxStepMm;
                    stepGcm2 = maxStepMm * rho / 10;
                    endE = m.energyAtRange(rangeGcm2 - stepGcm2);
                } else if (endE <= cutMeV) {
                    endE = 0;
                }
                double hinge = random.nextDouble() * stepMm;
                x += u * hinge;
                y += v * hinge;
                z += w * hinge;
                if (x < 0 || y < 0 || z < 0 || x >= width || y >= height || z >= depth) {
                    escaped += e * weightKeV;
                    break;
                }
                i = (int) (x / dx);
                j = (int) (y / dy);
                k = (int) (z / dz);
                voxel = i + nx * (j + ny * k);
                double lost = (e - endE) * weightKeV;
                tally[voxel] += lost;
                absorbed += lost;
                e = endE;
                if (e <= 0) {
                    break;
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
                    escaped += e * weightKeV;
                    break;
                }
                i = (int) (x / dx);
                j = (int) (y / dy);
                k = (int) (z / dz);
                voxel = i + nx * (j + ny * k);
            }
        }
        return new BatchEnergy(emitted, absorbed, escaped);
    }
}

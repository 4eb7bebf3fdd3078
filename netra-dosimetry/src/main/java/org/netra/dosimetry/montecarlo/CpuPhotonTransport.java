package org.netra.dosimetry.montecarlo;

import java.util.random.RandomGenerator;
import org.netra.imaging.volume.Geometry;

/**
 * The photon transport loop on the CPU: Woodcock (delta) tracking through the voxel phantom with photoelectric
 * absorption, Compton scattering (angles from Klein–Nishina × the incoherent scattering function S) and Rayleigh
 * scattering (angles from Thomson × the squared atomic form factor F²), both with binding as the total cross
 * sections are ({@link BoundScattering}). The electron a photon sets free deposits its energy in the
 * voxel of the interaction; a photon below the cut deposits what is left there too. Fluorescence after
 * photoelectric absorption is deposited locally (K-shell energies of tissue elements are at most 4 keV; only the
 * amalgam and implant media, silver and tin at 25–29 keV, would need it transported).
 *
 * <p>Woodcock tracking samples steps with the largest attenuation coefficient of the whole phantom at the
 * photon's energy and accepts an interaction with probability μ(voxel)/μ_max, so no voxel boundary is ever
 * computed: the loop is the same for any geometry, which is what makes it easy to move to a GPU.
 */
public final class CpuPhotonTransport implements PhotonTransportBackend {
    /** Fine logarithmic grid of the transport tables: 1 keV–3 MeV in 4096 steps (0.2 % apart). */
    private static final int GRID = 4096;

    private static final double E_MIN_KEV = 1;
    private static final double E_MAX_KEV = 3000;
    private static final double ELECTRON_REST_KEV = 510.99895;

    private final VoxelPhantom phantom;
    private final DecaySource source;
    private final int nx, ny, nz;
    private final double dx, dy, dz;
    private final double cutKeV;
    private final double lnMin, step;
    /** [medium·(GRID+1) + j], cm²/g. */
    private final double[] photo, incoh, coh;
    /** Per fine-grid interval, the largest μ of the phantom, 1/mm. */
    private final double[] majorant;
    /** Per medium of the palette, its Compton and Rayleigh angles with binding; null: free-electron angles. */
    private final BoundScattering[] binding;
    /**
     * What the photons' first real interactions gave the electrons, keV (weighted), over every batch run: the
     * primary (uncollided) absorbed energy, the one part of a photon absorbed fraction computable exactly.
     */
    private final java.util.concurrent.atomic.DoubleAdder firstInteractionKeV =
            new java.util.concurrent.atomic.DoubleAdder();

    public CpuPhotonTransport(VoxelPhantom phantom, DecaySource source) {
        this(phantom, source, true);
    }

    /**
     * @param bindingInAngles false samples the free-electron angles (Klein–Nishina, Thomson) with the same total
     *     cross sections — only to measure what binding changes (docs/dosimetry.md)
     */
    CpuPhotonTransport(VoxelPhantom phantom, DecaySource source, boolean bindingInAngles) {
        Geometry g = phantom.geometry();
        this.phantom = phantom;
        this.source = source;
        nx = g.nx();
        ny = g.ny();
        nz = g.nz();
        dx = g.spacing(0);
        dy = g.spacing(1);
        dz = g.spacing(2);
        cutKeV = Math.max(E_MIN_KEV, source.photonCut().inKeV());
        lnMin = Math.log(E_MIN_KEV);
        step = Math.log(E_MAX_KEV / E_MIN_KEV) / GRID;
        int media = phantom.palette().size();
        photo = new double[media * (GRID + 1)];
        incoh = new double[media * (GRID + 1)];
        coh = new double[media * (GRID + 1)];
        double[] maxRho = new double[media];
        byte[] index = phantom.mediumIndex();
        float[] rho = phantom.density();
        for (int v = 0; v < index.length; v++) {
            maxRho[index[v]] = Math.max(maxRho[index[v]], rho[v]);
        }
        majorant = new double[GRID];
        binding = bindingInAngles
                ? phantom.palette().stream()
                        .map(PhotonCrossSections.shipped()::boundScattering)
                        .toArray(BoundScattering[]::new)
                : null;
        for (int m = 0; m < media; m++) {
            PhotonMedium medium = phantom.palette().get(m);
            for (int j = 0; j <= GRID; j++) {
                double e = Math.exp(lnMin + j * step);
                photo[m * (GRID + 1) + j] = medium.photoelectric(e);
                incoh[m * (GRID + 1) + j] = medium.incoherent(e);
                coh[m * (GRID + 1) + j] = medium.coherent(e);
            }
            for (int j = 0; j < GRID; j++) {
                int a = m * (GRID + 1) + j;
                double total = Math.max(photo[a] + incoh[a] + coh[a], photo[a + 1] + incoh[a + 1] + coh[a + 1]);
                // linear interpolation inside the interval never exceeds the larger end: a true majorant
                majorant[j] = Math.max(majorant[j], total * maxRho[m] / 10);
            }
        }
    }

    @Override
    public BatchEnergy run(int histories, RandomGenerator random, double[] tally) {
        byte[] mediumIndex = phantom.mediumIndex();
        float[] density = phantom.density();
        double weight = source.photonsPerDecay();
        double emitted = 0, absorbed = 0, escaped = 0, first = 0;
        double width = nx * dx, height = ny * dy, depth = nz * dz;
        for (int h = 0; h < histories; h++) {
            int at = source.voxels()[source.sampleVoxel(random.nextDouble())];
            double uDecay = random.nextDouble();
            if (source.lineKeV().length == 0) {
                continue;
            }
            int i0 = at % nx, j0 = (at / nx) % ny, k0 = at / (nx * ny);
            double x = (i0 + random.nextDouble()) * dx;
            double y = (j0 + random.nextDouble()) * dy;
            double z = (k0 + random.nextDouble()) * dz;
            double e = source.lineKeV()[source.sampleLine(uDecay)];
            emitted += e * weight;
            // isotropic emission
            double w = 2 * random.nextDouble() - 1;
            double phi = 2 * Math.PI * random.nextDouble();
            double s = Math.sqrt(1 - w * w);
            double u = s * Math.cos(phi), v = s * Math.sin(phi);
            int voxel = at;
            boolean uncollided = true;
            while (true) {
                if (e < cutKeV) {
                    tally[voxel] += e * weight;
                    absorbed += e * weight;
                    break;
                }
                double t = (Math.log(e) - lnMin) / step;
                int j = Math.min(GRID - 1, Math.max(0, (int) t));
                double f = Math.min(1, Math.max(0, t - j));
                double muMax = majorant[j];
                double distance = -Math.log(1 - random.nextDouble()) / muMax;
                x += u * distance;
                y += v * distance;
                z += w * distance;
                if (x < 0 || y < 0 || z < 0 || x >= width || y >= height || z >= depth) {
                    escaped += e * weight;
                    break;
                }
                voxel = (int) (x / dx) + nx * ((int) (y / dy) + ny * (int) (z / dz));
                int a = mediumIndex[voxel] * (GRID + 1) + j;
                double perMm = density[voxel] / 10.0;
                double muPhoto = (photo[a] + f * (photo[a + 1] - photo[a])) * perMm;
                double muIncoh = (incoh[a] + f * (incoh[a + 1] - incoh[a])) * perMm;
                double muCoh = (coh[a] + f * (coh[a + 1] - coh[a])) * perMm;
                double r = random.nextDouble() * muMax;
                if (r < muPhoto) {
                    tally[voxel] += e * weight;
                    absorbed += e * weight;
                    first += uncollided ? e * weight : 0;
                    break;
                }
                double cosTheta;
                BoundScattering bound = binding == null ? null : binding[mediumIndex[voxel]];
                if (r < muPhoto + muIncoh) {
                    double epsilon = bound == null
                            ? comptonEpsilon(e / ELECTRON_REST_KEV, random)
                            : bound.comptonEpsilon(e, random);
                    double scattered = epsilon * e;
                    tally[voxel] += (e - scattered) * weight;
                    absorbed += (e - scattered) * weight;
                    first += uncollided ? (e - scattered) * weight : 0;
                    cosTheta = 1 - (1 / epsilon - 1) / (e / ELECTRON_REST_KEV);
                    e = scattered;
                } else if (r < muPhoto + muIncoh + muCoh) {
                    cosTheta = bound == null ? thomsonCosine(random) : bound.rayleighCosine(e, random);
                } else {
                    continue; // a virtual (delta) collision: the photon flies on unchanged
                }
                uncollided = false;
                double[] d = rotate(u, v, w, cosTheta, 2 * Math.PI * random.nextDouble());
                u = d[0];
                v = d[1];
                w = d[2];
            }
        }
        firstInteractionKeV.add(first);
        return new BatchEnergy(emitted, absorbed, escaped);
    }

    /** The energy the photons' first interactions gave the electrons, keV, summed over every batch run so far. */
    double firstInteractionKeV() {
        return firstInteractionKeV.sum();
    }

    /**
     * The ratio ε = E'/E of a Compton-scattered photon, sampled from the Klein–Nishina cross section by the
     * composition–rejection method of Butcher and Messel (Nucl Phys 1960;20:15) as described in the EGS4 manual
     * (SLAC-265, 1985, section 2.9): ε from 1/ε on [ε₀, 1] or from ε on it, accepted by the remaining factor.
     *
     * @param k the photon energy in electron rest masses
     */
    static double comptonEpsilon(double k, RandomGenerator random) {
        double eps0 = 1 / (1 + 2 * k);
        double alpha1 = -Math.log(eps0);
        double alpha2 = (1 - eps0 * eps0) / 2;
        while (true) {
            double epsilon;
            if (random.nextDouble() * (alpha1 + alpha2) < alpha1) {
                epsilon = Math.exp(-alpha1 * random.nextDouble());
            } else {
                epsilon = Math.sqrt(eps0 * eps0 + (1 - eps0 * eps0) * random.nextDouble());
            }
            double oneMinusCos = (1 - epsilon) / (k * epsilon);
            double sin2 = oneMinusCos * (2 - oneMinusCos);
            double rejection = 1 - epsilon * sin2 / (1 + epsilon * epsilon);
            if (random.nextDouble() <= rejection) {
                return epsilon;
            }
        }
    }

    /** cos θ from the Thomson distribution (1 + cos²θ)/2, by rejection. */
    static double thomsonCosine(RandomGenerator random) {
        while (true) {
            double c = 2 * random.nextDouble() - 1;
            if (2 * random.nextDouble() <= 1 + c * c) {
                return c;
            }
        }
    }

    /** The direction (u, v, w) turned by polar angle θ (given as cos θ) and azimuth φ. */
    static double[] rotate(double u, double v, double w, double cosTheta, double phi) {
        double sinTheta = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
        double cp = Math.cos(phi), sp = Math.sin(phi);
        double nu, nv, nw;
        if (Math.abs(w) > 0.99999) {
            nu = sinTheta * cp;
            nv = sinTheta * sp;
            nw = Math.signum(w) * cosTheta;
        } else {
            double r = Math.sqrt(1 - w * w);
            nu = u * cosTheta + sinTheta * (u * w * cp - v * sp) / r;
            nv = v * cosTheta + sinTheta * (v * w * cp + u * sp) / r;
            nw = w * cosTheta - r * sinTheta * cp;
        }
        double norm = Math.sqrt(nu * nu + nv * nv + nw * nw);
        return new double[] {nu / norm, nv / norm, nw / norm};
    }
}

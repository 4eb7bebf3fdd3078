package org.netra.dosimetry.voxel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a nuclide's photons deposit their energy around a point source in soft tissue (ICRU 44, 1.04 g/mL, the
 * medium of Lanconelli's soft-tissue kernels): the fraction F(r) of the emitted photon energy (ICRP-107 lines
 * ≥ 10 keV) absorbed within radius r, to 450 mm. The table was made by netra's own Monte Carlo
 * ({@code org.netra.dosimetry.montecarlo}: photoelectric absorption, Compton, Rayleigh, with xraylib's cross
 * sections; {@code bench/run-montecarlo.sh photon-kernel}), a point source at the centre of a large soft-tissue
 * cube, because the Monte Carlo is the reference the kernel method is checked against on every run and its
 * transport is itself checked against NIST μ/ρ, Klein–Nishina and energy balance (docs/dosimetry.md). It replaces
 * an analytic kernel with buildup factors (Berger's form for water is off by up to 40 % between 60 keV and 1 MeV,
 * Chilton et al., Nucl Sci Eng 1980;73:97), exactly the range of 177Lu's and 131I's lines.
 *
 * <p>The energy beyond 450 mm (4.8 % for 177Lu, 8 % for 131I in an infinite medium) is not in the table: no
 * patient's tissue extends that far from a source, and in a patient it escapes.
 */
public final class PhotonPointKernel {
    static final String RESOURCE = "photon-point-kernels.tsv";
    private static final double JOULES_PER_KEV = 1.602176634e-16;
    /** ICRU 44 soft tissue, kg/mm³. */
    private static final double KG_PER_MM3 = KernelMedium.SOFT_TISSUE.density().inGramsPerMl() * 1e-6;

    private static final Map<String, PhotonPointKernel> KERNELS = load();

    private final String nuclide;
    private final double emittedKeV;
    /** Radii (mm) from 0, ascending, and the absorbed fraction within each (0 at r = 0). */
    private final double[] radius, fraction;

    private PhotonPointKernel(String nuclide, double emittedKeV, double[] radius, double[] fraction) {
        this.nuclide = nuclide;
        this.emittedKeV = emittedKeV;
        this.radius = radius;
        this.fraction = fraction;
    }

    /** The kernel of a nuclide, or empty where its photons carry too little energy to tabulate (Y-90). */
    public static Optional<PhotonPointKernel> of(String nuclide) {
        return Optional.ofNullable(KERNELS.get(nuclide));
    }

    public String nuclide() {
        return nuclide;
    }

    /** Photon energy emitted per decay in lines ≥ 10 keV (keV), as the Monte Carlo sampled it. */
    public double emittedKeV() {
        return emittedKeV;
    }

    /** The largest radius tabulated (mm): beyond it the kernel is 0. */
    public double reachMm() {
        return radius[radius.length - 1];
    }

    /** The fraction of the emitted photon energy absorbed within {@code mm} of the source (linear in the table). */
    public double absorbedWithin(double mm) {
        if (mm <= 0) {
            return 0;
        }
        if (mm >= reachMm()) {
            return fraction[fraction.length - 1];
        }
        int hi = java.util.Arrays.binarySearch(radius, mm);
        if (hi >= 0) {
            return fraction[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double t = (mm - radius[lo]) / (radius[hi] - radius[lo]);
        return fraction[lo] + t * (fraction[hi] - fraction[lo]);
    }

    /**
     * The mean absorbed dose per decay (Gy, i.e. Gy/(Bq·s)) in the spherical shell from {@code innerMm} to
     * {@code outerMm} around the source: the energy the table puts there over the shell's mass.
     */
    public double shellDose(double innerMm, double outerMm) {
        double lo = Math.max(0, innerMm);
        double volume = 4.0 / 3.0 * Math.PI * (outerMm * outerMm * outerMm - lo * lo * lo);
        double joules = (absorbedWithin(outerMm) - absorbedWithin(lo)) * emittedKeV * JOULES_PER_KEV;
        return joules / (volume * KG_PER_MM3);
    }

    private static Map<String, PhotonPointKernel> load() {
        InputStream in = PhotonPointKernel.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE + " is missing from netra-dosimetry");
        }
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        Map<String, Double> emitted = new LinkedHashMap<>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t");
                emitted.put(c[0], Double.parseDouble(c[1]));
                rows.computeIfAbsent(c[0], k -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(c[2]), Double.parseDouble(c[3])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        Map<String, PhotonPointKernel> out = new LinkedHashMap<>();
        rows.forEach((name, list) -> {
            double[] r = new double[list.size() + 1];
            double[] f = new double[list.size() + 1];
            for (int i = 0; i < list.size(); i++) {
                r[i + 1] = list.get(i)[0];
                // a cumulative fraction cannot fall: Monte Carlo noise in a shell is held at the previous value
                f[i + 1] = Math.max(f[i], list.get(i)[1]);
            }
            out.put(name, new PhotonPointKernel(name, emitted.get(name), r, f));
        });
        return Map.copyOf(out);
    }
}

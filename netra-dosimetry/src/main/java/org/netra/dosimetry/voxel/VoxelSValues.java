package org.netra.dosimetry.voxel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.NuclideCatalog;

/**
 * The voxel S-values of Lanconelli et al. (Phys Med Biol 2012;57:517) for Lu-177, Y-90 and I-131, at
 * their 13 tabulated voxel sizes (2.21–9.28 mm), in soft tissue and bone; and their resampling to other
 * voxel sizes (see {@link #forVoxel}).
 */
public final class VoxelSValues {
    static final String RESOURCE = "lanconelli2012-voxel-s-values.tsv";
    /** mGy/(MBq·s) → Gy/(Bq·s). */
    private static final double GY_PER_BQ_S = 1e-9;
    /** A voxel size counts as tabulated within this (mm). */
    private static final double SIZE_TOLERANCE_MM = 1e-3;

    /** One tabulated octant, 6×6×6, [i][j][k] as i·36 + j·6 + k, Gy/(Bq·s). */
    private record Table(String nuclide, double sizeMm, KernelMedium medium, double[] octant) {}

    private static final List<Table> TABLES = load();

    private VoxelSValues() {}

    /** The tabulated voxel sizes (mm) for a nuclide and medium, ascending. */
    public static double[] sizes(String nuclide, KernelMedium medium) {
        double[] s = tables(nuclide, medium).stream().mapToDouble(Table::sizeMm).toArray();
        Arrays.sort(s);
        return s;
    }

    /** The nuclides with kernels. */
    public static List<String> nuclides() {
        return TABLES.stream().map(Table::nuclide).distinct().sorted().toList();
    }

    /** The tabulated kernel of cubic voxels of {@code sizeMm}, 11×11×11, mirrored from its octant. */
    public static DoseKernel tabulated(String nuclide, double sizeMm, KernelMedium medium) {
        for (Table t : tables(nuclide, medium)) {
            if (Math.abs(t.sizeMm - sizeMm) <= SIZE_TOLERANCE_MM) {
                float[] v = new float[11 * 11 * 11];
                for (int k = -5; k <= 5; k++) {
                    for (int j = -5; j <= 5; j++) {
                        for (int i = -5; i <= 5; i++) {
                            v[(i + 5) + 11 * ((j + 5) + 11 * (k + 5))] =
                                    (float) t.octant[Math.abs(i) * 36 + Math.abs(j) * 6 + Math.abs(k)];
                        }
                    }
                }
                return new DoseKernel(nuclide, medium, new double[] {t.sizeMm, t.sizeMm, t.sizeMm}, 5, 5, 5, v);
            }
        }
        throw new IllegalArgumentException(String.format(
                Locale.ROOT,
                "no %s kernel in %s tabulated at %.3f mm; the sizes are %s mm (use forVoxel to resample)",
                nuclide,
                medium.code(),
                sizeMm,
                Arrays.toString(sizes(nuclide, medium))));
    }

    /**
     * The kernel netra computes dose with for voxels of (sx, sy, sz) mm: {@link #asPublished} and, in soft tissue,
     * renormalised so that it deposits the nuclide's non-penetrating energy per decay (ICRP-107: electrons and
     * photons below 10 keV; 0.14821 MeV for Lu-177) at the medium's density. The published soft-tissue tables
     * deposit less than that: Lu-177 140.1 keV per decay at 2.21 mm rising to 146.0 keV at 9.28 mm (the rise is
     * photon energy falling inside the larger 11³ kernel), against 147.9 keV of electron energy alone, whose
     * range (< 2 mm) keeps all of it inside the kernel; the bone tables deposit 147–161 keV. The deficit is
     * therefore in the soft-tissue table itself (its source spectrum or density cannot be recovered from it),
     * and without the correction a large uniform region's dose falls ≈ 5 % below its energy balance Ã·E/m
     * and below local deposition. The bone kernel is used as published. The renormalisation leaves the
     * kernel's shape (how the energy spreads) as Lanconelli et al. simulated it.
     */
    public static DoseKernel forVoxel(String nuclide, KernelMedium medium, double sx, double sy, double sz) {
        DoseKernel k = asPublished(nuclide, medium, sx, sy, sz);
        if (medium != KernelMedium.SOFT_TISSUE) {
            return k;
        }
        double target = EnergyPartition.of(NuclideCatalog.icrp107().get(nuclide))
                .nonPenetrating()
                .inJoules();
        return k.scaled(target / k.energyPerDecayJoules());
    }

    /**
     * The published kernel for voxels of (sx, sy, sz) mm: the tabulated one where the voxel is a tabulated
     * cube, otherwise the tabulated kernel of the nearest voxel volume resampled by {@link KernelResampling}.
     */
    public static DoseKernel asPublished(String nuclide, KernelMedium medium, double sx, double sy, double sz) {
        if (Math.abs(sx - sy) <= SIZE_TOLERANCE_MM && Math.abs(sx - sz) <= SIZE_TOLERANCE_MM) {
            for (double s : sizes(nuclide, medium)) {
                if (Math.abs(s - sx) <= SIZE_TOLERANCE_MM) {
                    return tabulated(nuclide, s, medium);
                }
            }
        }
        double side = Math.cbrt(sx * sy * sz);
        double best = Double.NaN;
        for (double s : sizes(nuclide, medium)) {
            if (Double.isNaN(best) || Math.abs(Math.log(s / side)) < Math.abs(Math.log(best / side))) {
                best = s;
            }
        }
        return KernelResampling.resample(tabulated(nuclide, best, medium), sx, sy, sz);
    }

    private static List<Table> tables(String nuclide, KernelMedium medium) {
        List<Table> found = TABLES.stream()
                .filter(t -> t.nuclide.equals(nuclide) && t.medium == medium)
                .toList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException(
                    "netra has no voxel S-values for " + nuclide + "; it has them for " + nuclides());
        }
        return found;
    }

    private static List<Table> load() {
        InputStream in = VoxelSValues.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE + " is missing from netra-dosimetry");
        }
        var tables = new ArrayList<Table>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t");
                double[] octant = new double[216];
                for (int v = 0; v < 216; v++) {
                    octant[v] = Double.parseDouble(c[3 + v]) * GY_PER_BQ_S;
                }
                tables.add(new Table(c[0], Double.parseDouble(c[1]), KernelMedium.ofCode(c[2]), octant));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return List.copyOf(tables);
    }
}

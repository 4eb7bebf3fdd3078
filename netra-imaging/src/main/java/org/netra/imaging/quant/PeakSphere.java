package org.netra.imaging.quant;

import java.util.ArrayList;
import java.util.List;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;

/**
 * The peak concentration of a VOI (PERCIST's SUVpeak, Wahl et al. J Nucl Med 2009;50:122S): the
 * highest mean over a sphere of {@code volumeMl} (1 mL by default, radius (3/(4π))^⅓ cm = 6.20 mm),
 * the sphere centred on the centre of any voxel of the VOI and taking every image voxel whose centre
 * lies within it (voxels outside the VOI included, voxels outside the image left out). No partial
 * voxel weights: on coarse grids the sphere is the set of whole voxels whose centres it covers.
 */
public final class PeakSphere {
    /** PERCIST's sphere: 1 cm³. */
    public static final double DEFAULT_VOLUME_ML = 1.0;

    private PeakSphere() {}

    /** The result: the peak mean, where its sphere is centred, and how many voxels it averaged. */
    public record Peak(double value, int centreIndex, int voxels) {}

    public static Peak peak(ImageVolume image, Mask voi) {
        return peak(image, voi, DEFAULT_VOLUME_ML);
    }

    public static Peak peak(ImageVolume image, Mask voi, double volumeMl) {
        voi.requireOn(image.geometry(), "the image");
        if (voi.isEmpty()) {
            throw new IllegalArgumentException("VOI '" + voi.name() + "' is empty: it has no peak");
        }
        Geometry g = image.geometry();
        double radius = Math.cbrt(3 * volumeMl * 1000 / (4 * Math.PI));
        List<int[]> offsets = offsets(g, radius);
        float[] v = image.voxels();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        double best = Double.NEGATIVE_INFINITY;
        int bestCentre = -1;
        int bestCount = 0;
        for (int c = voi.next(0); c >= 0; c = voi.next(c + 1)) {
            int i = c % nx;
            int j = (c / nx) % ny;
            int k = c / (nx * ny);
            double sum = 0;
            int n = 0;
            for (int[] o : offsets) {
                int x = i + o[0];
                int y = j + o[1];
                int z = k + o[2];
                if (x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz) {
                    sum += v[x + nx * (y + ny * z)];
                    n++;
                }
            }
            double mean = sum / n;
            if (mean > best) {
                best = mean;
                bestCentre = c;
                bestCount = n;
            }
        }
        return new Peak(best, bestCentre, bestCount);
    }

    /** Index offsets whose voxel centres lie within {@code radius} mm of a voxel centre. */
    static List<int[]> offsets(Geometry g, double radius) {
        double sx = g.spacing(0);
        double sy = g.spacing(1);
        double sz = g.spacing(2);
        int rx = (int) Math.floor(radius / sx);
        int ry = (int) Math.floor(radius / sy);
        int rz = (int) Math.floor(radius / sz);
        List<int[]> out = new ArrayList<>();
        for (int dz = -rz; dz <= rz; dz++) {
            for (int dy = -ry; dy <= ry; dy++) {
                for (int dx = -rx; dx <= rx; dx++) {
                    double d2 = dx * sx * dx * sx + dy * sy * dy * sy + dz * sz * dz * sz;
                    if (d2 <= radius * radius) {
                        out.add(new int[] {dx, dy, dz});
                    }
                }
            }
        }
        return out;
    }
}

package org.netra.dosimetry.montecarlo;

import java.util.ArrayList;
import java.util.List;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.material.CtDensity;
import org.netra.physics.quantity.Density;

/**
 * The patient as the transport sees it: per voxel a medium (an index into a small palette) and a mass density.
 * Transport works in the grid's index space scaled by the voxel spacing, so the image's orientation does not
 * matter (distances are preserved by its rotation).
 *
 * @param description how the media were assigned, for the report ("soft tissue, no CT", "CT through Schneider")
 */
public record VoxelPhantom(
        Geometry geometry, List<PhotonMedium> palette, byte[] mediumIndex, float[] density, String description) {
    public VoxelPhantom {
        palette = List.copyOf(palette);
        if (palette.isEmpty() || palette.size() > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("a phantom needs 1–127 media, got " + palette.size());
        }
        int n = geometry.voxelCount();
        if (mediumIndex.length != n || density.length != n) {
            throw new IllegalArgumentException("a phantom needs one medium and one density per voxel of " + geometry);
        }
        for (int v = 0; v < n; v++) {
            if (!(density[v] > 0) || Float.isInfinite(density[v])) {
                throw new IllegalArgumentException("voxel " + v + " has density " + density[v]
                        + " g/mL; the transport needs a positive density everywhere (air is 0.0012)");
            }
        }
    }

    /** One medium at one density everywhere (no CT: the output says so). */
    public static VoxelPhantom uniform(Geometry geometry, PhotonMedium medium, Density density) {
        int n = geometry.voxelCount();
        float[] rho = new float[n];
        java.util.Arrays.fill(rho, (float) density.inGramsPerMl());
        return new VoxelPhantom(
                geometry,
                List.of(medium),
                new byte[n],
                rho,
                "uniform " + medium.name() + " at " + density.inGramsPerMl() + " g/mL (no CT)");
    }

    /** From a CT: the Schneider 2000 medium of each voxel's HU bin and its Schneider density. */
    public static VoxelPhantom fromHounsfield(ImageVolume ct) {
        ct.requireUnit(VoxelUnit.HU, "the CT for the Monte Carlo geometry");
        float[] hu = ct.voxels();
        float[] rho = CtDensity.schneider2000().gramsPerMl(hu);
        return assign(ct.geometry(), hu, rho, "CT: Schneider 2000 media and densities by HU");
    }

    /**
     * From a density map (g/mL, as the cycle pipeline carries the CT): each density is turned back into the CT
     * number Schneider's calibration gives it, and that number's medium is taken. The calibration falls from
     * 1.120 g/mL at 100 HU to 1.076 g/mL at 101 HU, so densities in 1.076–1.120 g/mL have a soft-tissue and a
     * marrow-bone reading; the soft-tissue one (55–100 HU, connective tissue) is taken. Were the voxel the
     * lightest marrow bone (120–200 HU) instead, its μ/ρ would be 0.4 % higher at 200 keV, 2.5 % at 100 keV and
     * 15 % at 50 keV (xraylib): a CT in HU ({@link #fromHounsfield}) avoids the ambiguity.
     */
    public static VoxelPhantom fromDensity(ImageVolume density) {
        density.requireUnit(VoxelUnit.G_PER_ML, "the density map for the Monte Carlo geometry");
        float[] rho = density.voxels();
        CtDensity cal = CtDensity.schneider2000();
        double[] nodeHu = cal.nodesHu();
        double[] nodeRho = cal.nodesGramsPerMl();
        float[] hu = new float[rho.length];
        for (int v = 0; v < rho.length; v++) {
            hu[v] = (float) hounsfieldOf(rho[v], nodeHu, nodeRho);
        }
        return assign(
                density.geometry(), hu, rho.clone(), "CT density: Schneider 2000 media of the HU each density maps to");
    }

    /** The first rising calibration segment (in HU order) that holds ρ; beyond the ends, the end nodes. */
    static double hounsfieldOf(double rho, double[] nodeHu, double[] nodeRho) {
        if (rho <= nodeRho[0]) {
            return nodeHu[0];
        }
        for (int i = 1; i < nodeHu.length; i++) {
            double lo = nodeRho[i - 1], hi = nodeRho[i];
            if (hi > lo && rho >= lo && rho <= hi) {
                return nodeHu[i - 1] + (rho - lo) / (hi - lo) * (nodeHu[i] - nodeHu[i - 1]);
            }
        }
        return nodeHu[nodeHu.length - 1];
    }

    private static VoxelPhantom assign(Geometry g, float[] hu, float[] rho, String description) {
        PhotonCrossSections xs = PhotonCrossSections.shipped();
        List<PhotonMedium> palette = new ArrayList<>();
        byte[] index = new byte[hu.length];
        for (int v = 0; v < hu.length; v++) {
            if (Float.isNaN(hu[v])) {
                throw new IllegalArgumentException("the CT has an undefined voxel (NaN) at index " + v);
            }
            PhotonMedium m = xs.atHounsfield(hu[v]);
            int at = palette.indexOf(m);
            if (at < 0) {
                palette.add(m);
                at = palette.size() - 1;
            }
            index[v] = (byte) at;
        }
        return new VoxelPhantom(g, palette, index, rho, description);
    }

    /** The media present and the number of voxels of each, for the report. */
    public String mediaSummary() {
        int[] count = new int[palette.size()];
        for (byte b : mediumIndex) {
            count[b]++;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count.length; i++) {
            s.append(i == 0 ? "" : ", ")
                    .append(palette.get(i).name())
                    .append(" ")
                    .append(count[i]);
        }
        return s.toString();
    }
}

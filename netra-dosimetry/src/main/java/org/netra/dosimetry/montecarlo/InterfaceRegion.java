package org.netra.dosimetry.montecarlo;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/**
 * A region netra draws itself for the Monte Carlo's comparison with the kernel: the voxels of one tissue class just
 * outside a VOI — within one voxel of it (its 26 neighbours), not in it. This is where the kernel, which scales a
 * water kernel voxel by voxel by density, is least right: the energy that leaves a tumour lands in the first voxel
 * outside it, and in lung the kernel puts it there ×4 (ρ_soft/ρ_lung) where the electrons in fact spread it over
 * the next voxels. A VOI's own mean hides this (177Lu's electrons carry a few per cent of a nodule's energy out of
 * it); its border shows it. These regions are only compared: no DVH, no partial-volume correction, no other dose.
 *
 * @param voi the VOI it surrounds
 * @param tissue the tissue class of its voxels
 * @param mask its voxels, named {@link #name(String, AdjoiningTissue)}
 */
public record InterfaceRegion(String voi, AdjoiningTissue tissue, Mask mask) {
    /**
     * A class with fewer voxels than this is left out: its mean is a handful of partial-volume voxels at a SPECT
     * resolution of 2–3 voxels, and its statistical SD would be large (the hand-drawn lung shell of a 1.7 mL nodule
     * had 100 voxels).
     */
    public static final int MIN_VOXELS = 10;

    /** "Tumour_lung · adjoining lung". */
    public static String name(String voi, AdjoiningTissue tissue) {
        return voi + " · adjoining " + tissue.label();
    }

    public String name() {
        return mask.name();
    }

    public int voxels() {
        return mask.voxelCount();
    }

    /**
     * For each VOI, the voxels outside it with one of its 26 neighbours in it, split by their tissue class in
     * {@code phantom}; air is left out, and so is a class of fewer than {@link #MIN_VOXELS} voxels. In the order of
     * the VOIs, then lung, soft tissue, bone.
     */
    public static List<InterfaceRegion> around(List<Mask> vois, VoxelPhantom phantom) {
        Geometry g = phantom.geometry();
        List<InterfaceRegion> out = new ArrayList<>();
        for (Mask voi : vois) {
            voi.requireOn(g, "the Monte Carlo's phantom");
            Map<AdjoiningTissue, BitSet> byTissue = new EnumMap<>(AdjoiningTissue.class);
            BitSet border = border(voi, g);
            for (int v = border.nextSetBit(0); v >= 0; v = border.nextSetBit(v + 1)) {
                Optional<AdjoiningTissue> t =
                        AdjoiningTissue.of(phantom.palette().get(phantom.mediumIndex()[v]), phantom.density()[v]);
                if (t.isPresent()) {
                    byTissue.computeIfAbsent(t.get(), x -> new BitSet()).set(v);
                }
            }
            byTissue.forEach((tissue, bits) -> {
                if (bits.cardinality() >= MIN_VOXELS) {
                    out.add(new InterfaceRegion(voi.name(), tissue, Mask.of(name(voi.name(), tissue), g, bits)));
                }
            });
        }
        return out;
    }

    /** The voxels not in {@code voi} with a 26-neighbour in it (inside the grid). */
    static BitSet border(Mask voi, Geometry g) {
        BitSet border = new BitSet(g.voxelCount());
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        for (int v = voi.next(0); v >= 0; v = voi.next(v + 1)) {
            int i = v % nx, j = (v / nx) % ny, k = v / (nx * ny);
            for (int dk = -1; dk <= 1; dk++) {
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        if (g.contains(i + di, j + dj, k + dk)) {
                            int w = g.index(i + di, j + dj, k + dk);
                            if (!voi.contains(w)) {
                                border.set(w);
                            }
                        }
                    }
                }
            }
        }
        return border;
    }
}

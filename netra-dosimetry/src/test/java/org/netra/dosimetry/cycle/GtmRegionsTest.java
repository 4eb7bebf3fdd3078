package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/**
 * The GTM's disjoint regions ({@code PartialVolumeCorrection.Regions.of}), made with bit-set operations and cells
 * compared only near the regions, against the plain construction: a label per voxel written VOI by VOI from the
 * largest (so the smallest VOI holding a voxel owns it, of two of one size the later one), every cell's eight corners
 * compared, and each row of cells' extent of non-background cells found by walking it. VOIs that overlap, two of one
 * size, one left with no voxel of its own and one that is no region (a nested part).
 */
class GtmRegionsTest {
    @Test
    void theRegionsCellsAndExtentsMatchThePlainConstruction() {
        List<Mask> phantom = TransferMatricesByPsfTest.phantom(4.42);
        Geometry g = phantom.get(0).geometry();
        int n = g.voxelCount();
        List<Mask> vois = new ArrayList<>(phantom.subList(0, phantom.size() - 1));
        // the body's outline (a VOI holding the organs), two cubes of one size that overlap, two of one size on the
        // same voxels (the later one takes them all: the first is left with none) and a nested part (no region)
        java.util.BitSet outline = new java.util.BitSet(n);
        for (Mask m : phantom.subList(0, phantom.size() - 1)) {
            outline.or(m.bits());
        }
        vois.set(0, Mask.of("Body", g, outline));
        vois.add(cube("Cube_a", g, 10, 10, 10, 6));
        vois.add(cube("Cube_b", g, 13, 12, 11, 6));
        vois.add(cube("Covered", g, 14, 16, 20, 2));
        vois.add(cube("Covering", g, 14, 16, 20, 2));
        vois.add(cube("Kidney_part", g, 33, 24, 15, 3));
        List<String> regionNames = vois.stream()
                .map(Mask::name)
                .filter(name -> !name.equals("Kidney_part"))
                .toList();

        var regions = PartialVolumeCorrection.Regions.of(vois, regionNames);

        int nv = vois.size();
        Integer[] bySize = new Integer[nv];
        for (int k = 0; k < nv; k++) {
            bySize[k] = k;
        }
        Arrays.sort(bySize, Comparator.comparingInt(k -> -vois.get(k).voxelCount()));
        int[] label = new int[n];
        Arrays.fill(label, nv);
        for (int k : bySize) {
            if (regionNames.contains(vois.get(k).name())) {
                for (int v : vois.get(k).indices()) {
                    label[v] = k;
                }
            }
        }
        int[] regionOf = new int[nv + 1];
        Arrays.fill(regionOf, -1);
        List<String> names = new ArrayList<>();
        for (int k = 0; k <= nv; k++) {
            int kk = k;
            if (Arrays.stream(label).anyMatch(l -> l == kk)) {
                regionOf[k] = names.size();
                names.add(k < nv ? vois.get(k).name() : "background");
            }
        }
        assertThat(regionOf).containsExactly(regions.regionOf());
        assertThat(regions.masks().stream().map(Mask::name)).containsExactlyElementsOf(names);
        assertThat(regionOf[
                        vois.indexOf(vois.stream()
                                .filter(m -> m.name().equals("Covered"))
                                .findFirst()
                                .orElseThrow())])
                .as("a region VOI whose voxels a later one of its size took")
                .isEqualTo(-1);
        short[] region = new short[n];
        for (int v = 0; v < n; v++) {
            region[v] = (short) regionOf[label[v]];
            assertThat(regions.masks().get(region[v]).contains(v)).isTrue();
        }
        assertThat(regions.region()).containsExactly(region);
        long[][] overlap = new long[nv][names.size()];
        for (int k = 0; k < nv; k++) {
            for (int v : vois.get(k).indices()) {
                overlap[k][region[v]]++;
            }
            assertThat(regions.overlap()[k]).as(vois.get(k).name()).containsExactly(overlap[k]);
        }

        int gx = g.nx(), gy = g.ny(), gz = g.nz(), plane = gx * gy;
        short[] cell = new short[n];
        Arrays.fill(cell, (short) -1);
        for (int z = 0; z < gz - 1; z++) {
            for (int y = 0; y < gy - 1; y++) {
                for (int x = 0; x < gx - 1; x++) {
                    int c = x + gx * y + plane * z;
                    int r = region[c];
                    boolean same = true;
                    for (int corner = 1; corner < 8; corner++) {
                        same &= region[c + (corner & 1) + ((corner >> 1) & 1) * gx + ((corner >> 2) & 1) * plane] == r;
                    }
                    if (same) {
                        cell[c] = (short) r;
                    }
                }
            }
        }
        assertThat(regions.cellRegion()).containsExactly(cell);
        int background = regionOf[nv];
        CellRowExtents extents = regions.foreground();
        int found = 0;
        for (int z = 0; z < gz - 1; z++) {
            for (int y = 0; y < gy - 1; y++) {
                int first = Integer.MAX_VALUE, last = Integer.MIN_VALUE;
                for (int x = 0; x < gx - 1; x++) {
                    if (cell[x + gx * y + plane * z] != background) {
                        first = Math.min(first, x);
                        last = x;
                    }
                }
                int row = y + (gy - 1) * z;
                assertThat(extents.first()[row]).as("row %d, %d", y, z).isEqualTo(first);
                assertThat(extents.last()[row]).as("row %d, %d", y, z).isEqualTo(last);
                found += first <= last ? 1 : 0;
                for (int x = 0; x < gx - 1; x++) {
                    assertThat(extents.background(x, y, z, x, y, z)).isEqualTo(x < first || x > last);
                }
            }
        }
        assertThat(found).as("rows of cells with a region's corner").isGreaterThan(100);
    }

    /** A cube of side s voxels from (x, y, z). */
    private static Mask cube(String name, Geometry g, int x, int y, int z, int s) {
        boolean[] in = new boolean[g.voxelCount()];
        for (int k = z; k < z + s; k++) {
            for (int j = y; j < y + s; j++) {
                for (int i = x; i < x + s; i++) {
                    in[g.index(i, j, k)] = true;
                }
            }
        }
        return Mask.of(name, g, in);
    }
}

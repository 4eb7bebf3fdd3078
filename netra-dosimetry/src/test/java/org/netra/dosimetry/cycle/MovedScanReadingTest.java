package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.VoxelUnit;

/**
 * Reading a moved scan for the GTM ({@code PartialVolumeCorrection.observe}) with its shortcuts (runs of voxels in
 * background cells added in one go, cells across a boundary between two planes of voxels without a test per corner)
 * gives the same sums to the bit as the plain per-voxel path: every region's observed mean, each split's parts and the
 * added variance, on the phantom of {@link TransferMatricesByPsfTest} with a nested VOI and a region on every other
 * slice, for a scan rotated and shifted within the grid and for one shifted partly out of it. The runs must have taken
 * a good share of the voxels and the phantom must have cells across planes, or the comparison would check the plain
 * path against itself.
 */
class MovedScanReadingTest {
    @ParameterizedTest
    @ValueSource(doubles = {2.21, 4.42})
    void theShortcutsGiveTheSameSumsAsThePlainPath(double mm) {
        List<Mask> phantom = TransferMatricesByPsfTest.phantom(mm);
        Geometry grid = phantom.get(0).geometry();
        List<Mask> vois = new ArrayList<>(phantom.subList(0, phantom.size() - 1));
        Mask kidney = vois.get(2);
        // a nested VOI, not a region: the kidney's voxels right of its centre (stage 2 splits it out of the kidney)
        java.util.BitSet half = new java.util.BitSet(grid.voxelCount());
        for (int v = kidney.next(0); v >= 0; v = kidney.next(v + 1)) {
            if ((v % grid.nx() + 0.5) * mm > 150) {
                half.set(v);
            }
        }
        // a region drawn on every other slice (as contours every two slices give): its cells lie across a boundary
        // between two planes of voxels, four corners in it and four in the body, and take their own shortcut
        java.util.BitSet slab = new java.util.BitSet(grid.voxelCount());
        for (int k = grid.nz() / 3; k < grid.nz() / 2; k += 2) {
            for (int j = grid.ny() / 3; j < grid.ny() / 2; j++) {
                for (int i = grid.nx() / 2; i < 2 * grid.nx() / 3; i++) {
                    slab.set(grid.index(i, j, k));
                }
            }
        }
        vois.add(Mask.of("Slab", grid, slab));
        vois.add(Mask.of("Kidney_part", grid, half));
        List<String> regionNames =
                vois.subList(0, vois.size() - 1).stream().map(Mask::name).toList();
        var regions = PartialVolumeCorrection.Regions.of(vois, regionNames);
        var splits = PartialVolumeCorrection.splits(regions, vois);
        assertThat(splits).hasSize(1);
        short[] region = regions.region();
        int plane = grid.nx() * grid.ny();
        long layered = 0;
        for (int v = 0; v < region.length - plane - grid.nx() - 1; v++) {
            int lower = region[v], upper = region[v + plane];
            boolean across = lower != upper;
            for (int c = 1; c < 4; c++) {
                int offset = (c & 1) + (c >> 1) * grid.nx();
                across &= region[v + offset] == lower && region[v + plane + offset] == upper;
            }
            layered += across ? 1 : 0;
        }
        assertThat(layered).as("cells across a boundary between two planes").isGreaterThan(100);

        SplittableRandom random = new SplittableRandom(22);
        float[] onGrid = new float[grid.voxelCount()];
        for (int v = 0; v < onGrid.length; v++) {
            onGrid[v] = (float) random.nextDouble(0, 1000);
        }
        var resampled = new TimePointImage(
                "resampled", ImageVolume.wrap(grid, VoxelUnit.BQ_PER_ML, onGrid), LocalDateTime.of(2026, 1, 5, 9, 0));
        // the reference scan itself (not moved): each region's mean is its voxels' sum, in grid order, over their count
        var reference = PartialVolumeCorrection.observe(
                regions,
                splits,
                resampled,
                new Alignment.AsAcquired(resampled.activity(), RigidTransform.identity()),
                true);
        for (int r = 0; r < regions.masks().size(); r++) {
            Mask m = regions.masks().get(r);
            double sum = 0;
            for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                sum += onGrid[v];
            }
            assertThat(reference.regionMeans()[r]).as(m.name()).isEqualTo(sum / m.voxelCount());
        }
        double[] centre = {grid.nx() * mm / 2, grid.ny() * mm / 2, grid.nz() * mm / 2};
        List<RigidTransform> moves = List.of(
                // rotated about every axis and shifted by a fraction of a voxel, within the grid
                RigidTransform.ofEuler(0.03, -0.02, 0.05, centre, 0.37 * mm, -0.61 * mm, 0.23 * mm),
                // shifted by several voxels along each axis: part of the scan falls outside the reference grid
                RigidTransform.translation(5.3 * mm, -4.7 * mm, 3.2 * mm));
        for (RigidTransform move : moves) {
            // the scan's own grid: the reference's, its origin shifted by a fraction of a voxel
            Geometry own = Geometry.of(grid.nx(), grid.ny(), grid.nz(), new double[] {mm, mm, mm}, new double[] {
                0.29 * mm, -0.17 * mm, 0.41 * mm
            });
            float[] values = new float[own.voxelCount()];
            for (int v = 0; v < values.length; v++) {
                values[v] = (float) random.nextDouble(0, 1000);
            }
            var scan = new Alignment.AsAcquired(ImageVolume.wrap(own, VoxelUnit.BQ_PER_ML, values), move);

            var fast = PartialVolumeCorrection.observe(regions, splits, resampled, scan, true);
            var plain = PartialVolumeCorrection.observe(regions, splits, resampled, scan, false);

            assertThat(fast.regionMeans()).containsExactly(plain.regionMeans());
            assertThat(fast.splitC()).containsExactly(plain.splitC());
            assertThat(fast.splitR()).containsExactly(plain.splitR());
            assertThat(fast.addedVarianceMm2()).isEqualTo(plain.addedVarianceMm2());
            assertThat(plain.backgroundRunVoxels()).isZero();
            // the phantom's body fills most of its grid (at 4.42 mm a block of cells is 35 mm wide)
            assertThat(fast.backgroundRunVoxels())
                    .as("voxels read in background runs")
                    .isGreaterThan(mm < 3 ? values.length / 10 : 100);
        }
    }
}

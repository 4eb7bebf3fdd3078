package org.netra.dosimetry.cycle;

import java.util.stream.IntStream;
import org.netra.imaging.volume.Geometry;

/**
 * Blocks of {@link #SIZE}³ interpolation cells of the reference grid whose every cell lies wholly in the background
 * region. Reading a moved scan for the GTM ({@code PartialVolumeCorrection.observe}) costs a reference index, a
 * cell look-up and a region test per scan voxel, yet most of a real-size grid (≈ 11.5 M of 13 M voxels on the
 * real-size twin) is background around the body: a run of scan voxels whose reference positions all fall in such
 * blocks is only added to the background's sums, which a plain loop over the scan's values does in the same order.
 *
 * @param bx number of blocks along x (likewise {@code by}, {@code bz})
 * @param background true for a block whose cells are all in the background region
 */
record BackgroundBlocks(int bx, int by, int bz, boolean[] background) {
    /** Cells per block along each axis: small enough to follow the body's surface, large enough to be few. */
    static final int SIZE = 4;

    /** No block is background (a grid with no background region). */
    static BackgroundBlocks none() {
        return new BackgroundBlocks(1, 1, 1, new boolean[1]);
    }

    /**
     * @param cellRegion each cell's region (by its lowest corner) or −1 where its corners differ ({@code
     *     Regions.cells}); cells exist for corners 0…max(0, n − 2) on each axis
     * @param backgroundRegion the background's region index
     */
    static BackgroundBlocks of(Geometry grid, short[] cellRegion, int backgroundRegion) {
        int cx = Math.max(1, grid.nx() - 1), cy = Math.max(1, grid.ny() - 1), cz = Math.max(1, grid.nz() - 1);
        int bx = (cx + SIZE - 1) / SIZE, by = (cy + SIZE - 1) / SIZE, bz = (cz + SIZE - 1) / SIZE;
        boolean[] all = new boolean[bx * by * bz];
        int plane = grid.nx() * grid.ny();
        // each layer of blocks by its own task: the layers' flags are disjoint
        IntStream.range(0, bz).parallel().forEach(kb -> {
            boolean[] mixed = new boolean[bx * by];
            for (int z = kb * SIZE; z < Math.min(cz, (kb + 1) * SIZE); z++) {
                for (int y = 0; y < cy; y++) {
                    int corner = grid.nx() * y + plane * z;
                    int row = (y / SIZE) * bx;
                    for (int x = 0; x < cx; x++, corner++) {
                        if (cellRegion[corner] != backgroundRegion) {
                            mixed[row + x / SIZE] = true;
                        }
                    }
                }
            }
            for (int b = 0; b < bx * by; b++) {
                all[kb * bx * by + b] = !mixed[b];
            }
        });
        return new BackgroundBlocks(bx, by, bz, all);
    }

    /**
     * Whether every cell with its lowest corner from {@code (x0, y0, z0)} to {@code (x1, y1, z1)} (inclusive,
     * within the grid's cells) is in a background block.
     */
    boolean covers(int x0, int y0, int z0, int x1, int y1, int z1) {
        for (int k = z0 / SIZE; k <= z1 / SIZE; k++) {
            for (int j = y0 / SIZE; j <= y1 / SIZE; j++) {
                int row = (k * by + j) * bx;
                for (int i = x0 / SIZE; i <= x1 / SIZE; i++) {
                    if (!background[row + i]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}

package org.netra.dosimetry.cycle;

/**
 * For each row of interpolation cells of the reference grid (cells by their lowest corner; a row runs along x at one
 * y and z), the first and last cell not wholly in the background region: the cells before and after them are. Reading
 * a moved scan for the GTM ({@code PartialVolumeCorrection.observe}) costs a reference index, a cell look-up and a
 * region test per scan voxel, yet most of a real-size grid (≈ 11.6 M of 13 M voxels on the real-size twin) is
 * background around the body: a run of scan voxels whose reference positions all fall in such cells is only added to
 * the background's sums, which a plain loop over the scan's values does in the same order.
 *
 * @param cx cells along x (likewise {@code cy}, {@code cz})
 * @param first for row y + cy·z, its first cell x not wholly background ({@link Integer#MAX_VALUE} for none)
 * @param last that row's last such cell ({@link Integer#MIN_VALUE} for none)
 */
record CellRowExtents(int cx, int cy, int cz, int[] first, int[] last) {
    /**
     * Whether every cell with its lowest corner from {@code (x0, y0, z0)} to {@code (x1, y1, z1)} (inclusive, within
     * the grid's cells) is wholly in the background: a look-up per row of the box, one or two on a moved scan's row.
     */
    boolean background(int x0, int y0, int z0, int x1, int y1, int z1) {
        for (int z = z0; z <= z1; z++) {
            for (int row = y0 + cy * z, end = y1 + cy * z; row <= end; row++) {
                if (x1 >= first[row] && x0 <= last[row]) {
                    return false;
                }
            }
        }
        return true;
    }
}

package org.netra.dosimetry.montecarlo;

/** Interpolation on the resource's logarithmic energy grid, shared by the media and the transport tables. */
final class CrossSectionGrid {
    private CrossSectionGrid() {}

    /**
     * Linear in ln E between the grid points around {@code keV}; clamped to the ends (the grid spans 1 keV–3 MeV,
     * wider than any line netra transports).
     */
    static double interpolate(double[] energiesKeV, double[] values, double keV) {
        int n = energiesKeV.length;
        if (keV <= energiesKeV[0]) {
            return values[0];
        }
        if (keV >= energiesKeV[n - 1]) {
            return values[n - 1];
        }
        int hi = java.util.Arrays.binarySearch(energiesKeV, keV);
        if (hi >= 0) {
            return values[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double t = Math.log(keV / energiesKeV[lo]) / Math.log(energiesKeV[hi] / energiesKeV[lo]);
        return values[lo] + t * (values[hi] - values[lo]);
    }
}

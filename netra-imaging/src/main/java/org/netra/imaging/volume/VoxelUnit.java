package org.netra.imaging.volume;

/** What the numbers in a {@link ImageVolume} mean. */
public enum VoxelUnit {
    /** Activity concentration, Bq/mL (PET and quantitative SPECT, DICOM Units BQML). */
    BQ_PER_ML("Bq/mL"),
    /** Time-integrated activity per voxel, Bq·s (number of decays in the voxel). */
    BQ_S("Bq·s"),
    /** Absorbed dose, Gy. */
    GY("Gy"),
    /** CT number, Hounsfield units. */
    HU("HU"),
    /** Mass density, g/mL. */
    G_PER_ML("g/mL"),
    /** Detector counts (uncalibrated SPECT or planar). */
    COUNTS("counts"),
    /** A pure number (ratios, SUV, weights). */
    DIMENSIONLESS("1");

    private final String symbol;

    VoxelUnit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}

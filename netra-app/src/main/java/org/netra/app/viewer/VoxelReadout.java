package org.netra.app.viewer;

/**
 * What the viewer reads under the cursor: the voxel, its centre in patient coordinates (mm, DICOM LPS), the
 * activity concentration at scan start (Bq/mL) and, where the study has them, SUV (body weight), absorbed dose
 * (Gy) and CT (HU, the CT resampled onto the emission grid). A layer the study lacks is null, never a number.
 */
public record VoxelReadout(
        int i, int j, int k, double[] positionMm, double bqPerMl, Double suv, Double gy, Double hu) {}

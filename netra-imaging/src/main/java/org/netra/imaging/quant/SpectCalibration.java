package org.netra.imaging.quant;

/**
 * A SPECT (or planar) system's sensitivity: count rate per activity in the field of view, cps/MBq,
 * measured with the same nuclide, energy windows, collimator and reconstruction as the patient.
 */
public record SpectCalibration(double cpsPerMBq) {
    public SpectCalibration {
        if (!(cpsPerMBq > 0) || Double.isInfinite(cpsPerMBq)) {
            throw new IllegalArgumentException("a calibration factor must be positive cps/MBq, got " + cpsPerMBq);
        }
    }
}

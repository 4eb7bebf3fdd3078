package org.netra.app.dosimetry;

import java.util.Optional;

/**
 * The department's camera settings the dosimetry uses when a series does not state them: today the measured
 * spatial resolution (PSF FWHM, mm) for the GTM partial-volume correction, from {@value #PSF_ENV}. The CLI and
 * the web read it here, so both use the same value.
 */
public final class CameraSettings {
    public static final String PSF_ENV = "NETRA_CAMERA_PSF_FWHM_MM";

    private CameraSettings() {}

    /** The department's PSF FWHM (mm), if set; a value that is not a number is a typed error naming the setting. */
    public static Optional<Double> departmentPsfFwhmMm() {
        String v = System.getenv(PSF_ENV);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(v.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    PSF_ENV + " must be the camera's measured FWHM in mm, e.g. 10.5, got '" + v + "'");
        }
    }
}

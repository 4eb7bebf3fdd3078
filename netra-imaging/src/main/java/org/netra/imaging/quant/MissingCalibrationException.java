package org.netra.imaging.quant;

/**
 * A series in counts whose camera set-up has no (or no unambiguous) calibration factor: names the camera, collimator,
 * window and nuclide the series states and where to add the factor.
 */
public final class MissingCalibrationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Where the department's factors are added, for every message. */
    public static final String HOW_TO_ADD = "add the camera's measured sensitivity (cps/MBq) for this set-up in netra's"
            + " settings (web: the Camera calibrations page, /admin/calibrations; API: PUT /api/settings/calibrations;"
            + " CLI: --calibrations FILE with the same JSON)";

    private final CameraSetup setup;

    public MissingCalibrationException(CameraSetup setup, String problem) {
        super(setup.source() + " is in counts from " + setup.describe() + ", but " + problem + "; " + HOW_TO_ADD);
        this.setup = setup;
    }

    public CameraSetup setup() {
        return setup;
    }
}

package org.netra.imaging.quant;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * One measured sensitivity of a SPECT camera set-up (a physicist's phantom measurement): the camera, the collimator,
 * the photopeak window and the nuclide it holds for, in cps/MBq, when and by whom it was measured.
 *
 * @param id the department's name for it, stated in every result it converts
 * @param camera which camera: manufacturer, model and station name or device serial, as its DICOM says
 * @param collimator the collimator's name as (0018,1180) Collimator/Grid Name says it (e.g. "MELP")
 * @param nuclide ICRP spelling, e.g. "Lu-177"
 */
public record CameraCalibration(
        String id,
        CameraIdentity camera,
        String collimator,
        EnergyWindow window,
        String nuclide,
        double cpsPerMBq,
        LocalDate measuredOn,
        String measuredBy) {

    /**
     * A camera as DICOM names it: (0008,0070) Manufacturer, (0008,1090) Manufacturer's Model Name and, to tell two
     * cameras of one model apart, (0008,1010) Station Name or (0018,1000) Device Serial Number.
     */
    public record CameraIdentity(String manufacturer, String model, String device) {
        public CameraIdentity {
            manufacturer = required(manufacturer, "manufacturer");
            model = required(model, "model");
            device = required(device, "station name or device serial");
        }

        @Override
        public String toString() {
            return manufacturer + " " + model + " (" + device + ")";
        }
    }

    public CameraCalibration {
        id = required(id, "calibration id");
        Objects.requireNonNull(camera, "camera");
        collimator = required(collimator, "collimator");
        Objects.requireNonNull(window, "energy window");
        nuclide = required(nuclide, "nuclide");
        if (!(cpsPerMBq > 0) || Double.isInfinite(cpsPerMBq)) {
            throw new IllegalArgumentException("sensitivity must be positive cps/MBq, got " + cpsPerMBq);
        }
        Objects.requireNonNull(measuredOn, "calibration date");
        measuredBy = required(measuredBy, "who measured it");
    }

    public SpectCalibration sensitivity() {
        return new SpectCalibration(cpsPerMBq);
    }

    /** "cal-1 (5.42 cps/MBq, measured 2026-01-10 by A. Physicist)", for reports. */
    public String describe() {
        return String.format(
                Locale.ROOT, "%s (%.4g cps/MBq, measured %s by %s)", id, cpsPerMBq, measuredOn, measuredBy);
    }

    static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a camera calibration needs its " + what);
        }
        return value.strip();
    }
}

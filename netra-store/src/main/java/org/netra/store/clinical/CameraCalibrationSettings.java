package org.netra.store.clinical;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The department's SPECT camera calibration factors as one versioned, audited record ({@link #ID}): what a series
 * stored in counts is converted to activity with. Plain values here; netra-imaging's {@code CameraCalibrations}
 * checks and uses them.
 *
 * @param maxAgeMonths a factor measured longer than this before a scan is warned about next to the result
 */
public record CameraCalibrationSettings(String id, int maxAgeMonths, List<Entry> calibrations) {
    /** One set of factors per department (per netra server). */
    public static final String ID = "department";

    /** The default age after which a factor is warned about: re-measured at least yearly. */
    public static final int DEFAULT_MAX_AGE_MONTHS = 12;

    /** Before any is saved: no factors, so a series in counts is refused. */
    public static final CameraCalibrationSettings NONE =
            new CameraCalibrationSettings(ID, DEFAULT_MAX_AGE_MONTHS, List.of());

    /**
     * One measured sensitivity.
     *
     * @param device the camera's (0008,1010) Station Name or (0018,1000) Device Serial Number
     * @param windowWidthKeV the photopeak window's full width (208 keV ± 10 %: 41.6)
     */
    public record Entry(
            String id,
            String manufacturer,
            String model,
            String device,
            String collimator,
            double windowCentreKeV,
            double windowWidthKeV,
            String nuclide,
            double cpsPerMBq,
            LocalDate measuredOn,
            String measuredBy) {}

    public CameraCalibrationSettings {
        if (!ID.equals(id)) {
            throw new IllegalArgumentException(
                    "the department's camera calibrations have the id " + ID + ", got " + id);
        }
        if (maxAgeMonths < 1 || maxAgeMonths > 120) {
            throw new IllegalArgumentException("a calibration's maximum age must be 1…120 months, got " + maxAgeMonths);
        }
        calibrations = List.copyOf(Objects.requireNonNull(calibrations, "calibrations"));
    }

    /** With {@code entry} added, or replacing the one with its id. */
    public CameraCalibrationSettings with(Entry entry) {
        List<Entry> out = new ArrayList<>(without(entry.id()).calibrations());
        out.add(entry);
        return new CameraCalibrationSettings(id, maxAgeMonths, out);
    }

    /** Without the entry {@code entryId} (unchanged if there is none). */
    public CameraCalibrationSettings without(String entryId) {
        return new CameraCalibrationSettings(
                id,
                maxAgeMonths,
                calibrations.stream().filter(e -> !e.id().equals(entryId)).toList());
    }

    public CameraCalibrationSettings withMaxAgeMonths(int months) {
        return new CameraCalibrationSettings(id, months, calibrations);
    }
}

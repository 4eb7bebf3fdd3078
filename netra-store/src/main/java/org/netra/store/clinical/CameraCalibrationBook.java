package org.netra.store.clinical;

import java.util.function.UnaryOperator;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/** The department's camera calibration factors in the store: read, and changed over the version the editor read. */
public final class CameraCalibrationBook {
    private final Records records;

    public CameraCalibrationBook(Records records) {
        this.records = records;
    }

    /** The factors in force and their version (version 0 and none when none were saved). */
    public Stored<CameraCalibrationSettings> current() {
        return records.find(ClinicalKinds.CAMERA_CALIBRATIONS, CameraCalibrationSettings.ID)
                .orElse(new Stored<>(CameraCalibrationSettings.NONE, 0, null, "netra"));
    }

    /** Applies {@code change} to the factors of version {@code version} (0: the first time); stale is refused. */
    public Stored<CameraCalibrationSettings> save(
            int version, UnaryOperator<CameraCalibrationSettings> change, String actor) {
        var now = current();
        return DepartmentSettings.save(
                records,
                ClinicalKinds.CAMERA_CALIBRATIONS,
                CameraCalibrationSettings.ID,
                now,
                version,
                change.apply(now.value()),
                actor);
    }
}

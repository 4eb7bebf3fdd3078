package org.netra.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.netra.app.dosimetry.CameraSettings;
import org.netra.imaging.quant.CameraCalibrations;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a CLI run finds the camera calibration factors for series stored in counts: {@code --calibrations FILE}
 * (the JSON of {@code GET /api/settings/calibrations}), else netra's settings database (the one {@code netra serve}
 * uses: --db-url, NETRA_DB_URL, else the embedded H2 in --data-dir). The database is opened only when a series is
 * in counts, so Bq/mL runs never touch it.
 */
final class CalibrationOptions {
    @Option(
            names = "--calibrations",
            paramLabel = "FILE",
            description = "camera calibration factors (JSON of GET /api/settings/calibrations) for series in counts;"
                    + " default: netra's settings database")
    Path file;

    @ArgGroup(
            exclusive = false,
            heading = "Settings database (camera calibrations for series in counts; for a single scan, the"
                    + " population priors in force and the patient's earlier cycles)%n")
    DatabaseOptions db = new DatabaseOptions();

    CameraCalibrations resolve(List<Path> series) throws IOException {
        if (file != null) {
            return CameraSettings.readFile(file);
        }
        if (!CameraSettings.anyInCounts(series)) {
            return CameraCalibrations.NONE;
        }
        var config = db.config();
        try {
            return CameraSettings.readDatabase(config);
        } catch (RuntimeException e) { // StoreException, or Flyway's on a locked or foreign database
            throw new IllegalArgumentException(
                    "a series is in counts, so its camera calibration factor is needed, but netra's settings database "
                            + config.url() + " could not be read (" + e.getMessage() + "); an embedded database"
                            + " that netra serve has open cannot be shared: pass --calibrations FILE with the JSON of"
                            + " GET /api/settings/calibrations, or --db-url",
                    e);
        }
    }
}

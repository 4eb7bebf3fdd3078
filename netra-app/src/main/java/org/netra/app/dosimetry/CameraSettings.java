package org.netra.app.dosimetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.quant.CameraCalibration;
import org.netra.imaging.quant.CameraCalibrations;
import org.netra.imaging.quant.EnergyWindow;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.CameraCalibrationBook;
import org.netra.store.clinical.CameraCalibrationSettings;

/**
 * The department's camera settings the dosimetry uses when a series does not state them: the measured spatial
 * resolution (PSF FWHM, mm) for the GTM partial-volume correction, from {@value #PSF_ENV}, and the camera
 * calibration factors (cps/MBq) for series stored in counts, kept in netra's settings database
 * ({@link CameraCalibrationSettings}) or, for the CLI away from it, in a JSON file of the same shape as
 * {@code GET /api/settings/calibrations}. The CLI and the web read them here, so both use the same values.
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

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** The stored settings as netra-imaging checks and uses them. */
    public static CameraCalibrations calibrations(CameraCalibrationSettings settings) {
        return new CameraCalibrations(
                settings.calibrations().stream()
                        .map(CameraSettings::calibration)
                        .toList(),
                Period.ofMonths(settings.maxAgeMonths()));
    }

    /** One stored entry checked; a value out of range is an {@link IllegalArgumentException} naming it. */
    public static CameraCalibration calibration(CameraCalibrationSettings.Entry e) {
        return new CameraCalibration(
                e.id(),
                new CameraCalibration.CameraIdentity(e.manufacturer(), e.model(), e.device()),
                e.collimator(),
                new EnergyWindow(e.windowCentreKeV(), e.windowWidthKeV()),
                e.nuclide(),
                e.cpsPerMBq(),
                e.measuredOn(),
                e.measuredBy());
    }

    /**
     * The factors in a JSON file: the body {@code GET /api/settings/calibrations} returns (its {@code settings}
     * member) or the settings object itself ({@code maxAgeMonths}, {@code calibrations: [...]}).
     */
    public static CameraCalibrations readFile(Path file) throws IOException {
        var node = JSON.readTree(file.toFile());
        var settings = node.has("settings") ? node.get("settings") : node;
        try {
            List<CameraCalibrationSettings.Entry> entries =
                    List.of(JSON.treeToValue(settings.get("calibrations"), CameraCalibrationSettings.Entry[].class));
            int months = settings.has("maxAgeMonths")
                    ? settings.get("maxAgeMonths").asInt()
                    : CameraCalibrationSettings.DEFAULT_MAX_AGE_MONTHS;
            return calibrations(new CameraCalibrationSettings(CameraCalibrationSettings.ID, months, entries));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    file + " is not a camera calibration file (the JSON of GET /api/settings/calibrations: "
                            + "{\"maxAgeMonths\": 12, \"calibrations\": [{\"id\", \"manufacturer\", \"model\", "
                            + "\"device\", \"collimator\", \"windowCentreKeV\", \"windowWidthKeV\", \"nuclide\", "
                            + "\"cpsPerMBq\", \"measuredOn\", \"measuredBy\"}]}): " + e.getMessage(),
                    e);
        }
    }

    /** The factors in the settings database {@code config} names (the one {@code netra serve} uses). */
    public static CameraCalibrations readDatabase(StoreConfig config) {
        try (Store store = Store.open(config)) {
            return calibrations(
                    new CameraCalibrationBook(store.records()).current().value());
        }
    }

    /**
     * True when the first file of any series stores counts ((0054,1001) Units CNTS/COUNTS), so a CLI run needs
     * the calibration factors; Bq/mL series do not, and the settings database is then not opened at all.
     */
    public static boolean anyInCounts(List<Path> series) throws IOException {
        for (Path p : series) {
            Path first = p;
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    first = files.filter(Files::isRegularFile)
                            .sorted()
                            .findFirst()
                            .orElse(p);
                }
            }
            if (Files.isRegularFile(first)) {
                String units = DicomFile.read(first, DicomFile.Extent.HEADER)
                        .dataset()
                        .string(Tag.UNITS)
                        .orElse("");
                if (units.equals("CNTS") || units.equals("COUNTS")) {
                    return true;
                }
            }
        }
        return false;
    }
}

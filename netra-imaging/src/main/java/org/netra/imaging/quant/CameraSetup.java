package org.netra.imaging.quant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;

/**
 * What a series' header says about the camera set-up its counts were acquired with, to find the calibration that
 * converts them: absent elements are empty, never guessed.
 *
 * @param collimator (0018,1180) at the top level or in the first Detector Information item
 * @param windows the photopeak and any scatter windows of (0054,0012)
 * @param acquisition how long the counts were collected ({@link #acquisitionOf})
 */
public record CameraSetup(
        String source,
        String manufacturer,
        String model,
        Optional<String> stationName,
        Optional<String> deviceSerial,
        Optional<String> collimator,
        List<EnergyWindow> windows,
        Optional<String> nuclide,
        Optional<Duration> acquisition) {

    public CameraSetup {
        windows = List.copyOf(windows);
    }

    public static CameraSetup of(Attributes ds) {
        Optional<String> collimator = ds.string(Tag.COLLIMATOR_GRID_NAME)
                .or(() -> ds.sequence(Tag.DETECTOR_INFORMATION_SEQUENCE).stream()
                        .findFirst()
                        .flatMap(d -> d.string(Tag.COLLIMATOR_GRID_NAME)))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
        List<EnergyWindow> windows = new ArrayList<>();
        for (Attributes w : ds.sequence(Tag.ENERGY_WINDOW_INFORMATION_SEQUENCE)) {
            for (Attributes r : w.sequence(Tag.ENERGY_WINDOW_RANGE_SEQUENCE)) {
                OptionalDouble lo = r.decimal(Tag.ENERGY_WINDOW_LOWER_LIMIT);
                OptionalDouble hi = r.decimal(Tag.ENERGY_WINDOW_UPPER_LIMIT);
                if (lo.isPresent() && hi.isPresent() && hi.getAsDouble() > lo.getAsDouble() && lo.getAsDouble() > 0) {
                    windows.add(EnergyWindow.ofLimits(lo.getAsDouble(), hi.getAsDouble()));
                }
            }
        }
        Optional<String> nuclide = Optional.empty();
        try {
            nuclide = AcquisitionFacts.radiopharmaceutical(ds).nuclide();
        } catch (QuantificationException e) {
            // no radiopharmaceutical: the nuclide stays unknown and matching says so
        }
        return new CameraSetup(
                ds.source(),
                ds.string(Tag.MANUFACTURER).map(String::strip).orElse(""),
                ds.string(Tag.MANUFACTURER_MODEL_NAME).map(String::strip).orElse(""),
                ds.string(Tag.STATION_NAME).map(String::strip).filter(s -> !s.isEmpty()),
                ds.string(Tag.DEVICE_SERIAL_NUMBER).map(String::strip).filter(s -> !s.isEmpty()),
                collimator,
                windows,
                nuclide,
                acquisitionOf(ds));
    }

    /**
     * The time the counts were collected in: (0018,1242) Actual Frame Duration, which for a reconstructed volume
     * stored as one frame (as PET-class and Enhanced exports do) is the whole acquisition; for an NM image it is the
     * time per projection, so it is multiplied by (0054,0053) frames per rotation and (0054,0051) rotations.
     */
    static Optional<Duration> acquisitionOf(Attributes ds) {
        OptionalDouble ms = ds.decimal(Tag.ACTUAL_FRAME_DURATION);
        if (ms.isEmpty() || !(ms.getAsDouble() > 0)) {
            return Optional.empty();
        }
        double total = ms.getAsDouble();
        if (SopClass.NM_IMAGE_STORAGE.equals(ds.string(Tag.SOP_CLASS_UID).orElse(""))) {
            int frames = ds.integer(Tag.NUMBER_OF_FRAMES_IN_ROTATION, 0);
            if (frames <= 0) {
                return Optional.empty(); // per-projection time without the projection count: unknown total
            }
            total *= frames * Math.max(1, ds.integer(Tag.NUMBER_OF_ROTATIONS, 1));
        }
        return Optional.of(Duration.ofNanos(Math.round(total * 1e6)));
    }

    /** "SIEMENS NM Encore2 (station X), collimator MELP, windows 208.0 keV ± 10.0 %, Lu-177", for messages. */
    public String describe() {
        return manufacturer + " " + model + " (station " + stationName.orElse("?") + ", serial "
                + deviceSerial.orElse("?") + "), collimator " + collimator.orElse("not stated") + ", window "
                + (windows.isEmpty()
                        ? "not stated"
                        : String.join(
                                " / ",
                                windows.stream().map(EnergyWindow::toString).toList()))
                + ", nuclide " + nuclide.orElse("not stated");
    }
}

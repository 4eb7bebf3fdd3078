package org.netra.dosimetry.cycle;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.imaging.quant.CameraCalibration;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.RigidRegistration;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.quantity.Activity;

/**
 * One cycle's dosimetry as every surface shows it: what was read, how it was aligned and corrected, the doses
 * (corrected where a correction ran), the roles the VOIs were given and the warnings.
 *
 * @param timePoints in acquisition order
 * @param registration the mode used (AUTO resolved)
 * @param registrations each time point's registration, empty for the reference and unregistered ones
 * @param result the doses: partial-volume corrected when {@code correction} is present
 * @param uncorrected the doses before the correction (the same as {@code result} without one)
 * @param psf the PSF the correction used
 * @param roles each VOI's role, in VOI order
 * @param vois the VOIs on the reference grid (for DVH curves, overlays)
 */
public record CycleReport(
        String patientId,
        Nuclide nuclide,
        LocalDateTime injection,
        Activity injected,
        List<TimePointRead> timePoints,
        CycleOptions.Registration registration,
        List<Optional<RigidRegistration.Result>> registrations,
        CycleResult result,
        CycleResult uncorrected,
        Optional<PartialVolumeCorrection.Corrected> correction,
        Optional<Psf> psf,
        Map<String, RegionRole> roles,
        List<CycleWarning> warnings,
        List<Mask> vois) {

    /**
     * A time point as read.
     *
     * @param how how its values became Bq/mL at scan start
     * @param ct the CT taken with it, if any
     */
    public record TimePointRead(
            String source,
            LocalDateTime acquisition,
            java.time.Duration afterInjection,
            String how,
            Optional<String> ct,
            Optional<CameraCalibration> calibration) {}

    public CycleReport {
        timePoints = List.copyOf(timePoints);
        registrations = List.copyOf(registrations);
        warnings = List.copyOf(warnings);
        vois = List.copyOf(vois);
        roles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(roles));
    }
}

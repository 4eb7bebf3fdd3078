package org.netra.sim.spect;

import java.util.List;
import java.util.Locale;

/**
 * The imaging model of a quantitative 177Lu SPECT/CT: scan times after injection, the system's spatial
 * resolution (Gaussian FWHM after reconstruction), its sensitivity and the acquisition time (which together
 * set the Poisson noise), and the largest rigid misalignment between time points.
 *
 * <p>Defaults: scans at 4, 24, 96 and 168 h (docs/DOMAIN.md §1 and EANM 177Lu dosimetry practice); FWHM 10 mm,
 * typical of 177Lu SPECT with resolution recovery on a medium-energy collimator; sensitivity 5.67 cps/MBq, the
 * SPECT/CT calibration reported by Marin et al. (EJNMMI Res 2018;8:109) for the 208 keV window; 20 min per
 * scan; no misalignment.
 */
public record SpectSettings(
        List<Double> scanHours,
        double fwhmMm,
        double sensitivityCpsPerMBq,
        double acquisitionSeconds,
        double misalignmentMm) {
    public static final List<Double> DEFAULT_SCAN_HOURS = List.of(4.0, 24.0, 96.0, 168.0);
    public static final SpectSettings DEFAULTS = new SpectSettings(DEFAULT_SCAN_HOURS, 10, 5.67, 1200, 0);

    public SpectSettings {
        scanHours = List.copyOf(scanHours);
        if (scanHours.isEmpty()) {
            throw new IllegalArgumentException("give at least one scan time (hours after injection), e.g. 4,24,96,168");
        }
        double last = 0;
        for (double h : scanHours) {
            if (!(h > last) || h > 2000) {
                throw new IllegalArgumentException(
                        "scan times must be increasing, after injection and within 2000 h, got " + scanHours);
            }
            last = h;
        }
        if (!(fwhmMm >= 0 && fwhmMm <= 40)) {
            throw new IllegalArgumentException("SPECT resolution (FWHM) must be 0–40 mm, got " + fwhmMm);
        }
        if (!(sensitivityCpsPerMBq > 0) || !(acquisitionSeconds > 0)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "sensitivity (%.3g cps/MBq) and acquisition time (%.3g s) must be positive",
                    sensitivityCpsPerMBq,
                    acquisitionSeconds));
        }
        if (!(misalignmentMm >= 0 && misalignmentMm <= 30)) {
            throw new IllegalArgumentException("misalignment must be 0–30 mm, got " + misalignmentMm);
        }
    }

    public SpectSettings withScanHours(List<Double> hours) {
        return new SpectSettings(hours, fwhmMm, sensitivityCpsPerMBq, acquisitionSeconds, misalignmentMm);
    }

    public SpectSettings withMisalignment(double mm) {
        return new SpectSettings(scanHours, fwhmMm, sensitivityCpsPerMBq, acquisitionSeconds, mm);
    }

    public SpectSettings withFwhm(double mm) {
        return new SpectSettings(scanHours, mm, sensitivityCpsPerMBq, acquisitionSeconds, misalignmentMm);
    }
}

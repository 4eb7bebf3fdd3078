package org.netra.dosimetry.cycle;

import java.util.Locale;
import org.netra.physics.nuclide.Nuclide;

/**
 * The point-spread function the partial-volume correction assumes (Gaussian, FWHM in mm), where it came from
 * and how uncertain it is.
 *
 * @param sdMm 1 SD of the FWHM: 1 mm for a stated or measured one, 2 mm for the camera-class default
 */
public record Psf(double fwhmMm, double sdMm, Source source) {
    /** Where a PSF came from, in the order netra looks. */
    public enum Source {
        /** Given for this run (the CLI's {@code --psf-fwhm-mm}). */
        GIVEN("given for this run"),
        /** The series' Spatial Resolution (0018,1050). */
        SERIES("stated by the series (Spatial Resolution, 0018,1050)"),
        /** The department's camera setting (netra's settings). */
        DEPARTMENT("the department's camera setting"),
        /** netra's default for the camera class, when nothing else says. */
        CAMERA_CLASS_DEFAULT("netra's default for the camera class; measure yours");

        private final String text;

        Source(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * The camera-class default FWHM: 12 mm for SPECT with a medium-energy collimator (177Lu and the other
     * single-photon nuclides), the middle of the 10–15 mm reconstructed resolution of 177Lu SPECT/CT; 5 mm
     * for PET nuclides. netra's assumption, with an SD of 2 mm that enters every corrected dose's SD.
     */
    public static Psf cameraClassDefault(Nuclide nuclide) {
        boolean pet = java.util.Set.of("F-18", "Ga-68", "Cu-64", "Zr-89", "C-11", "N-13", "O-15", "Y-86", "I-124")
                .contains(nuclide.name());
        return new Psf(pet ? 5 : 12, 2, Source.CAMERA_CLASS_DEFAULT);
    }

    public Psf {
        if (!(fwhmMm > 0 && fwhmMm <= 40)) {
            throw new CycleInputException("the PSF FWHM must be 0–40 mm, got " + fwhmMm
                    + "; measure it with a line or sphere source for this collimator and reconstruction");
        }
        if (!(sdMm >= 0 && sdMm < fwhmMm)) {
            throw new CycleInputException("the PSF FWHM's SD must be ≥ 0 and below the FWHM, got " + sdMm);
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "PSF FWHM %.3g ± %.2g mm (%s)", fwhmMm, sdMm, source.text());
    }
}

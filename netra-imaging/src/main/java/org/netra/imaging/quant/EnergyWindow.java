package org.netra.imaging.quant;

import java.util.Locale;

/**
 * A photopeak acquisition window by its centre and full width (keV), as a calibration protocol states it
 * (177Lu: 208 keV ± 10 % is centre 208, width 41.6). DICOM gives lower and upper limits instead
 * ({@link #ofLimits}).
 */
public record EnergyWindow(double centreKeV, double widthKeV) {
    /** Windows whose centres and widths agree within this (keV) are the same set-up: DS rounding, not a change. */
    static final double SAME_KEV = 0.5;

    public EnergyWindow {
        if (!(centreKeV > 0) || !(centreKeV < 10_000)) {
            throw new IllegalArgumentException("an energy window's centre must be 0…10000 keV, got " + centreKeV);
        }
        if (!(widthKeV > 0) || !(widthKeV < centreKeV * 2)) {
            throw new IllegalArgumentException(
                    "an energy window's width must be positive and below twice its centre, got " + widthKeV + " keV");
        }
    }

    /** From (0054,0014) lower and (0054,0015) upper limit. */
    public static EnergyWindow ofLimits(double lowerKeV, double upperKeV) {
        return new EnergyWindow((lowerKeV + upperKeV) / 2, upperKeV - lowerKeV);
    }

    public boolean sameAs(EnergyWindow other) {
        return Math.abs(centreKeV - other.centreKeV) <= SAME_KEV && Math.abs(widthKeV - other.widthKeV) <= SAME_KEV;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f keV ± %.1f %%", centreKeV, 50 * widthKeV / centreKeV);
    }
}

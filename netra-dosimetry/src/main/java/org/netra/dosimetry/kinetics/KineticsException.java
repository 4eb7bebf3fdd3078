package org.netra.dosimetry.kinetics;

/** Time–activity data or settings that cannot give a time-integrated activity; the message names the input. */
public final class KineticsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KineticsException(String message) {
        super(message);
    }
}

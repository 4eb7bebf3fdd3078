package org.netra.store.clinical;

import java.util.Objects;

/**
 * One thing the dosimetry of a cycle asks the physicist to check (an assumed calibration, an extrapolated
 * curve, a Monte Carlo flag …), kept with the result it qualifies.
 *
 * @param code the pipeline's code of the warning ("" where it gave none)
 * @param region the VOI it concerns ("" for the whole cycle)
 * @param message what to check, as the pipeline said it
 */
public record DosimetryWarning(String code, String region, String message) {
    public DosimetryWarning {
        code = code == null ? "" : code;
        region = region == null ? "" : region;
        Objects.requireNonNull(message, "a dosimetry warning's message");
    }

    /** The message, after its region unless the message already begins with it ("Kidney_L: …"). */
    public String text() {
        return region.isEmpty() || message.startsWith(region + ":") || message.startsWith(region + " · ")
                ? message
                : region + ": " + message;
    }
}

package org.netra.imaging.quant;

import java.util.Optional;

/** Decay Correction (0054,1102): the time the image values are decay-corrected to. */
public enum DecayCorrection {
    /** Not corrected: values are as measured during the acquisition. */
    NONE,
    /** Corrected to the acquisition start (the series' scan start). */
    START,
    /** Corrected to the radiopharmaceutical administration (injection) time. */
    ADMIN;

    /** The mode a DICOM code names, or empty for an unknown code. */
    public static Optional<DecayCorrection> fromCode(String code) {
        for (DecayCorrection d : values()) {
            if (d.name().equals(code.trim())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}

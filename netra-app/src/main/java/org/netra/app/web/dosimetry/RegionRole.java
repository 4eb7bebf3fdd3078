package org.netra.app.web.dosimetry;

import java.util.Locale;
import java.util.regex.Pattern;
import org.netra.dosimetry.cycle.CycleDosimetry;

/**
 * What a VOI is for a course's dosimetry, read from its name: the kidneys (left, right or both, not a cortex
 * alone) whose dose the budget counts, the marrow, a tumour, the body outline, or another organ.
 */
enum RegionRole {
    KIDNEY,
    MARROW,
    TUMOUR,
    BODY,
    ORGAN;

    private static final Pattern TUMOUR_NAME =
            Pattern.compile(".*\\b(tumou?rs?|lesions?|lesion ?\\d+|mets?|metastas[ie]s|gtv|primary|nodes?)\\b.*");
    private static final Pattern BODY_NAME = Pattern.compile("(whole )?body|external|patient|outline");

    static RegionRole of(String voiName) {
        // the dosimetry's own rule, so that the kidneys attached are the kidneys it gave the OpenDose S-value
        if (CycleDosimetry.isKidney(voiName)) {
            return KIDNEY;
        }
        // "Tumour_liver_1", "lesion1": words split at anything but letters and digits
        String key = voiName.toLowerCase(Locale.ROOT)
                .replaceAll("([a-z])(\\d)", "$1 $2")
                .replaceAll("[^a-z0-9]+", " ")
                .strip();
        if (TUMOUR_NAME.matcher(key).matches()) {
            return TUMOUR;
        }
        if (key.contains("marrow")) {
            return MARROW;
        }
        if (BODY_NAME.matcher(key).matches()) {
            return BODY;
        }
        return ORGAN;
    }
}

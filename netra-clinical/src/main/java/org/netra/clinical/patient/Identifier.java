package org.netra.clinical.patient;

import java.util.Locale;

/**
 * An identifier the patient is known by outside netra: the hospital's medical record number, a national
 * number, a trial id. {@code system} says whose number it is ({@link #MRN} for the hospital's own).
 */
public record Identifier(String system, String value) {
    /** The hospital's medical record number, the identifier that finds a registered patient again. */
    public static final String MRN = "MRN";

    public Identifier {
        if (system == null || system.isBlank()) {
            throw new IllegalArgumentException("an identifier needs the system it belongs to (e.g. MRN)");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("identifier " + system + " needs a value");
        }
        system = system.strip();
        value = value.strip();
        if (value.length() > 64) {
            throw new IllegalArgumentException("identifier " + system + " is longer than 64 characters");
        }
    }

    /**
     * Whether two identifiers are the same number of the same system: case, spaces and the separators people
     * type differently ("-", ".", "/") ignored, so "MRN-1001" and "mrn 1001" are one number.
     */
    public boolean sameAs(Identifier other) {
        return system.equalsIgnoreCase(other.system) && normalised(value).equals(normalised(other.value));
    }

    private static String normalised(String v) {
        return v.replaceAll("[\\s\\-./]+", "").toUpperCase(Locale.ROOT);
    }
}

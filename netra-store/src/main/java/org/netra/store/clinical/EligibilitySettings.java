package org.netra.store.clinical;

import java.util.Objects;
import org.netra.clinical.eligibility.EligibilityConfig;

/**
 * The department's eligibility limits as one versioned, audited record ({@link #ID}); its store version is the
 * settings version every verdict names. Before an administrator saves any, netra's defaults apply (version 0).
 */
public record EligibilitySettings(String id, EligibilityConfig config) {
    /** There is one set of limits per department (per netra server). */
    public static final String ID = "department";

    public EligibilitySettings {
        if (!ID.equals(id)) {
            throw new IllegalArgumentException(
                    "the department's eligibility settings have the id " + ID + ", got " + id);
        }
        Objects.requireNonNull(config, "eligibility configuration");
    }

    public EligibilitySettings(EligibilityConfig config) {
        this(ID, config);
    }
}

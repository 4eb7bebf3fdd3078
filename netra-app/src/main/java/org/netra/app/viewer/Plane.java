package org.netra.app.viewer;

import java.util.Locale;

/**
 * A display plane in radiological convention: axial seen from the feet (patient's right on the image
 * left, anterior up), coronal seen from the front (right on the left, head up), sagittal seen from the
 * patient's left (anterior on the left, head up).
 */
public enum Plane {
    AXIAL,
    CORONAL,
    SAGITTAL;

    /** The plane named {@code text} (case-insensitive), or a message listing the names. */
    public static Plane parse(String text) {
        for (Plane p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown plane '" + text + "': use axial, coronal or sagittal");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

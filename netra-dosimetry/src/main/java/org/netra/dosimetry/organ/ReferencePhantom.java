package org.netra.dosimetry.organ;

/** The ICRP Publication 110 adult reference computational phantoms. */
public enum ReferencePhantom {
    ADULT_MALE("am"),
    ADULT_FEMALE("af");

    private final String code;

    ReferencePhantom(String code) {
        this.code = code;
    }

    /** The code OpenDose and the resource use. */
    public String code() {
        return code;
    }

    static ReferencePhantom ofCode(String code) {
        for (ReferencePhantom p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown phantom '" + code + "'; known: am, af");
    }
}

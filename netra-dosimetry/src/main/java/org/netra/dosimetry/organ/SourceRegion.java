package org.netra.dosimetry.organ;

/** Source regions netra ships OpenDose 177Lu S-values for; the kidneys are cortex + medulla + pelvis. */
public enum SourceRegion {
    LIVER("liver"),
    SPLEEN("spleen"),
    LEFT_KIDNEY("left-kidney-c_m_p"),
    RIGHT_KIDNEY("right-kidney-c_m_p");

    private final String code;

    SourceRegion(String code) {
        this.code = code;
    }

    /** The name OpenDose's files and the resource use. */
    public String code() {
        return code;
    }

    static SourceRegion ofCode(String code) {
        for (SourceRegion s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown source region '" + code + "'");
    }
}

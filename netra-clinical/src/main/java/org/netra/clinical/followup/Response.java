package org.netra.clinical.followup;

/** RECIST 1.1 response categories, best first. */
public enum Response {
    CR,
    PR,
    SD,
    PD,
    /** Not evaluable. */
    NE;

    /** Objective response: CR or PR. */
    public boolean objective() {
        return this == CR || this == PR;
    }

    /** Disease control: CR, PR or SD. */
    public boolean diseaseControl() {
        return this == CR || this == PR || this == SD;
    }
}

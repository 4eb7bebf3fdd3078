package org.netra.clinical.followup;

/** CTCAE severity: 0 none, 1 mild … 4 life-threatening, 5 death. */
public enum CtcaeGrade {
    G0,
    G1,
    G2,
    G3,
    G4,
    G5;

    public int number() {
        return ordinal();
    }

    public boolean atLeast(CtcaeGrade other) {
        return compareTo(other) >= 0;
    }

    public static CtcaeGrade of(int n) {
        if (n < 0 || n > 5) {
            throw new IllegalArgumentException("a CTCAE grade is 0–5, got " + n);
        }
        return values()[n];
    }

    static CtcaeGrade worse(CtcaeGrade a, CtcaeGrade b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

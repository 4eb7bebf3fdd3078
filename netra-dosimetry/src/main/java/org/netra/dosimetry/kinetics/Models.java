package org.netra.dosimetry.kinetics;

import java.time.Duration;

/** Construction checks shared by the model records. */
final class Models {
    private Models() {}

    static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new KineticsException(what + " must be positive, got " + d);
        }
    }

    static void notLonger(Duration a, Duration b, String aName, String bName) {
        if (a.compareTo(b) > 0) {
            throw new KineticsException(aName + " (" + a + ") must not be longer than the " + bName + " (" + b + ")");
        }
    }

    static void shorter(Duration a, Duration b, String aName, String bName) {
        if (a.compareTo(b) >= 0) {
            throw new KineticsException(aName + " (" + a + ") must be shorter than the " + bName + " (" + b + ")");
        }
    }
}

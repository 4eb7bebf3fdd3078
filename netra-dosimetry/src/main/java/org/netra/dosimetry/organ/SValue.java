package org.netra.dosimetry.organ;

import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;

/** An S-value, absorbed dose per decay, stored in mGy/(MBq·s) (OpenDose's and Lanconelli's unit). */
public record SValue(double mGyPerMBqSecond) {
    public SValue {
        if (!(mGyPerMBqSecond >= 0) || Double.isInfinite(mGyPerMBqSecond)) {
            throw new IllegalArgumentException(
                    "an S-value must be finite and ≥ 0, got " + mGyPerMBqSecond + " mGy/(MBq·s)");
        }
    }

    public static SValue ofMGyPerMBqSecond(double value) {
        return new SValue(value);
    }

    public double inMGyPerMBqSecond() {
        return mGyPerMBqSecond;
    }

    /** Gy/(Bq·s): 1 mGy/(MBq·s) = 1e-9 Gy/(Bq·s). */
    public double inGyPerBqSecond() {
        return mGyPerMBqSecond * 1e-9;
    }

    /** D = Ã·S. */
    public AbsorbedDose dose(TimeIntegratedActivity tia) {
        return AbsorbedDose.ofMGy(tia.inMBqSeconds() * mGyPerMBqSecond);
    }

    /**
     * The self-dose S-value for a patient's organ of {@code patientMass} from the phantom's: S × m_phantom /
     * m_patient. The energy absorbed in the organ is taken as unchanged (true for the electrons, which dominate
     * 177Lu self-dose; the photon part scales more weakly), and shared by a different mass. Do not scale a
     * cross-dose S-value: the energy reaching another organ does not follow either organ's mass in this way
     * (MIRD Pamphlet 11; OLINDA/EXM practice).
     */
    public SValue scaledToMass(Mass phantomMass, Mass patientMass) {
        if (patientMass.inKg() <= 0) {
            throw new IllegalArgumentException("the patient's organ mass must be positive, got " + patientMass);
        }
        return new SValue(mGyPerMBqSecond * phantomMass.inKg() / patientMass.inKg());
    }
}

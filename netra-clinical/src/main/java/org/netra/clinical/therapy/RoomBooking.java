package org.netra.clinical.therapy;

import java.time.LocalDate;
import java.util.Objects;

/** An isolation room held for a patient from admission up to (not including) the discharge day's night. */
public record RoomBooking(String room, String patientId, LocalDate admission, LocalDate discharge) {
    public RoomBooking {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(patientId, "patientId");
        if (!discharge.isAfter(admission)) {
            throw new IllegalArgumentException("booking of " + room + " for " + patientId + ": discharge " + discharge
                    + " must be after admission " + admission);
        }
    }

    /** Two stays clash when their nights overlap (a room can be turned over on the discharge day). */
    public boolean overlaps(LocalDate from, LocalDate to) {
        return admission.isBefore(to) && from.isBefore(discharge);
    }
}

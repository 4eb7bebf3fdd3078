package org.netra.clinical.therapy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The outcome of asking the room calendar for a stay. */
public sealed interface Allocation {
    record Allocated(RoomBooking booking) implements Allocation {}

    /**
     * No room on the requested day: the bookings in the way, and the first day within the search window
     * when a room is free (empty if none).
     */
    record Conflict(LocalDate requested, List<RoomBooking> blocking, Optional<LocalDate> firstFreeDay, String message)
            implements Allocation {}
}

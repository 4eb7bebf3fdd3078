package org.netra.clinical.therapy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Isolation rooms and their bookings. A PRRT stay is 4–7 days (Uppsala model, docs/DOMAIN.md §1); the
 * calendar gives the first room free for the whole stay, or reports what is in the way. Immutable: each
 * booking returns a new calendar.
 */
public record RoomCalendar(List<String> rooms, List<RoomBooking> bookings, int minStayDays, int maxStayDays) {
    public RoomCalendar {
        rooms = List.copyOf(rooms);
        bookings = List.copyOf(bookings);
        if (rooms.isEmpty()) {
            throw new IllegalArgumentException("a room calendar needs at least one isolation room");
        }
        if (minStayDays < 1 || maxStayDays < minStayDays) {
            throw new IllegalArgumentException(
                    "stay limits must satisfy 1 ≤ min ≤ max, got " + minStayDays + "–" + maxStayDays);
        }
        for (RoomBooking b : bookings) {
            if (!rooms.contains(b.room())) {
                throw new IllegalArgumentException("booking for unknown room " + b.room());
            }
        }
    }

    public static RoomCalendar of(List<String> rooms) {
        return new RoomCalendar(rooms, List.of(), 4, 7);
    }

    /** Tries the requested day; on conflict, searches up to {@code searchDays} later for a free room. */
    public Allocation request(String patientId, LocalDate admission, int stayDays, int searchDays) {
        if (stayDays < minStayDays || stayDays > maxStayDays) {
            throw new IllegalArgumentException(
                    "a PRRT stay is " + minStayDays + "–" + maxStayDays + " days, got " + stayDays);
        }
        Optional<String> room = freeRoom(admission, stayDays);
        if (room.isPresent()) {
            return new Allocation.Allocated(
                    new RoomBooking(room.get(), patientId, admission, admission.plusDays(stayDays)));
        }
        List<RoomBooking> blocking = new ArrayList<>();
        for (RoomBooking b : bookings) {
            if (b.overlaps(admission, admission.plusDays(stayDays))) {
                blocking.add(b);
            }
        }
        Optional<LocalDate> free = Optional.empty();
        for (int d = 1; d <= searchDays && free.isEmpty(); d++) {
            if (freeRoom(admission.plusDays(d), stayDays).isPresent()) {
                free = Optional.of(admission.plusDays(d));
            }
        }
        String msg = "no isolation room free for " + stayDays + " days from " + admission + " (" + blocking.size()
                + " booking(s) in the way)"
                + free.map(f -> "; first free admission " + f).orElse("; none free within " + searchDays + " days");
        return new Allocation.Conflict(admission, List.copyOf(blocking), free, msg);
    }

    /** The calendar with {@code booking} added; it must not clash with another. */
    public RoomCalendar book(RoomBooking booking) {
        for (RoomBooking b : bookings) {
            if (b.room().equals(booking.room()) && b.overlaps(booking.admission(), booking.discharge())) {
                throw new IllegalArgumentException("room " + booking.room() + " is already booked for " + b.patientId()
                        + " " + b.admission() + "–" + b.discharge());
            }
        }
        List<RoomBooking> all = new ArrayList<>(bookings);
        all.add(booking);
        return new RoomCalendar(rooms, all, minStayDays, maxStayDays);
    }

    /** Books every cycle of a plan (admission on the administration day), collecting conflicts. */
    public record PlanSchedule(RoomCalendar calendar, List<Allocation> allocations) {}

    public PlanSchedule schedule(String patientId, PrrtPlan plan, int stayDays, int searchDays) {
        RoomCalendar cal = this;
        List<Allocation> out = new ArrayList<>();
        for (PlannedCycle c : plan.cycles()) {
            Allocation a = cal.request(patientId, c.administration().toLocalDate(), stayDays, searchDays);
            if (a instanceof Allocation.Allocated(RoomBooking b)) {
                cal = cal.book(b);
            }
            out.add(a);
        }
        return new PlanSchedule(cal, List.copyOf(out));
    }

    private Optional<String> freeRoom(LocalDate from, int days) {
        LocalDate to = from.plusDays(days);
        return rooms.stream()
                .filter(r -> bookings.stream().noneMatch(b -> b.room().equals(r) && b.overlaps(from, to)))
                .findFirst();
    }
}

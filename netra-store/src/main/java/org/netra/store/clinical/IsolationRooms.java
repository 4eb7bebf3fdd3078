package org.netra.store.clinical;

import java.util.ArrayList;
import java.util.List;
import org.netra.clinical.therapy.Allocation;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.clinical.therapy.RoomCalendar;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * The isolation-room calendar over every patient's stored stays, and booking a plan's stays into it. Two
 * stays of one room starting the same day are refused by the store (one id per room and day); stays that
 * overlap from different days are caught when the calendar is loaded, so plan against a fresh calendar.
 */
public final class IsolationRooms {
    private IsolationRooms() {}

    /** The calendar of {@code rooms} holding every stored stay in them. */
    public static RoomCalendar calendar(Records records, List<String> rooms, int minStayDays, int maxStayDays) {
        List<RoomBooking> stays = records.list(ClinicalKinds.ROOM_BOOKING).stream()
                .map(Stored::value)
                .filter(b -> rooms.contains(b.room()))
                .toList();
        RoomCalendar calendar = new RoomCalendar(rooms, List.of(), minStayDays, maxStayDays);
        for (RoomBooking b : stays) {
            calendar = calendar.book(b);
        }
        return calendar;
    }

    /** Stores every allocated stay of {@code schedule}; returns the conflicts the planner still has to solve. */
    public static List<Allocation.Conflict> book(Records records, RoomCalendar.PlanSchedule schedule, String actor) {
        List<Allocation.Conflict> open = new ArrayList<>();
        for (Allocation a : schedule.allocations()) {
            switch (a) {
                case Allocation.Allocated(RoomBooking b) -> records.create(ClinicalKinds.ROOM_BOOKING, b, actor);
                case Allocation.Conflict c -> open.add(c);
            }
        }
        return List.copyOf(open);
    }
}

package org.netra.app.web.plan;

import io.javalin.http.HandlerType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netra.app.web.Routes;
import org.netra.app.web.WebFeature;
import org.netra.app.web.WebServices;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.Permission;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.record.Stored;

/** The department's calendar: isolation-room stays and the cycles planned, from four weeks back to eight ahead. */
public final class CalendarFeature implements WebFeature {
    static final int WEEKS_BACK = 4;
    static final int WEEKS_AHEAD = 8;
    private final WebServices services;

    public CalendarFeature(WebServices services) {
        this.services = services;
    }

    /** One stay or planned cycle. */
    public record Entry(LocalDate from, LocalDate to, String room, String patientId, String patientName, String what) {}

    public record CalendarPage(
            LocalDate from, LocalDate to, List<String> rooms, List<Entry> stays, List<Entry> cycles) {}

    @Override
    public void register(Routes routes) {
        Access viewers = Access.requires(Permission.VIEW_PATIENT);
        routes.nav("Calendar", "/calendar", viewers);
        routes.page(HandlerType.GET, "/calendar", viewers, ctx -> routes.views()
                .render(ctx, "calendar.jte", "Calendar", page()));
        routes.api(
                HandlerType.GET,
                "/api/calendar",
                viewers,
                "isolation-room stays and planned cycles from 4 weeks back to 8 weeks ahead",
                ctx -> ctx.json(page()));
    }

    CalendarPage page() {
        var records = services.store().records();
        LocalDate today = LocalDate.now(services.clock());
        LocalDate from = today.minusWeeks(WEEKS_BACK);
        LocalDate to = today.plusWeeks(WEEKS_AHEAD);
        Map<String, String> names = new HashMap<>();
        records.list(ClinicalKinds.PATIENT)
                .forEach(p -> names.put(p.value().id(), p.value().name()));
        List<Entry> stays = records.list(ClinicalKinds.ROOM_BOOKING).stream()
                .map(Stored::value)
                .filter(b -> b.overlaps(from, to))
                .map(b -> new Entry(
                        b.admission(),
                        b.discharge(),
                        b.room(),
                        b.patientId(),
                        names.getOrDefault(b.patientId(), ""),
                        "stay"))
                .sorted(Comparator.comparing(Entry::from).thenComparing(Entry::room))
                .toList();
        Map<String, Integer> given = new HashMap<>();
        for (var d : records.list(ClinicalKinds.DOSIMETRY)) {
            DosimetryRecord r = d.value();
            given.merge(r.courseId(), r.dosimetry().cycle(), Math::max);
        }
        List<Entry> cycles = new ArrayList<>();
        for (var c : records.list(ClinicalKinds.COURSE)) {
            CourseRecord course = c.value();
            int done = given.getOrDefault(course.id(), 0);
            for (var pc : course.plan().cycles()) {
                LocalDate day = pc.administration().toLocalDate();
                if (pc.number() > done && !day.isBefore(from) && day.isBefore(to)) {
                    cycles.add(new Entry(
                            day,
                            day,
                            "",
                            course.patientId(),
                            names.getOrDefault(course.patientId(), ""),
                            "cycle " + pc.number() + " of "
                                    + course.plan().cycles().size()));
                }
            }
        }
        cycles.sort(Comparator.comparing(Entry::from));
        List<String> rooms = stays.stream().map(Entry::room).distinct().sorted().toList();
        return new CalendarPage(from, to, rooms, stays, cycles);
    }
}

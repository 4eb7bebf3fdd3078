package org.netra.app.web.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.netra.app.web.input.Refused;
import org.netra.app.web.patient.CyclePlanner;
import org.netra.app.web.therapy.TherapyCycle;
import org.netra.clinical.therapy.Allocation;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.RoomCalendar;
import org.netra.store.Store;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.IsolationRooms;
import org.netra.store.record.Change;
import org.netra.store.record.Stored;

/**
 * A physician's approval of one planned cycle for administration. Only a pending cycle is approved: one that
 * exists (else 404, {@link TherapyCycle}), is not given yet, not approved before, and — after the first — has
 * its next-cycle decision recorded and not a stop (else 409 saying which). The approval books the cycle's
 * isolation room when the patient has none for that day, in the same transaction.
 */
public final class CycleApproval {
    private final Store store;
    private final Clock clock;

    public CycleApproval(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The approval's subject: the cycle of the course. */
    public static String subject(TherapyCycle c) {
        return c.course().id() + "/cycle-" + c.number();
    }

    public synchronized Approval approve(TherapyCycle c, String note, String actor) {
        var records = store.records();
        int n = c.number();
        String pid = c.patientId();
        records.find(Approval.CYCLE, subject(c)).ifPresent(a -> {
            throw Refused.conflict("cycle " + n + " of " + pid + " is already approved, by "
                    + a.value().approvedBy() + " at " + a.value().approvedAt() + "; an approval is not given twice");
        });
        boolean given = records.forPatient(ClinicalKinds.DOSIMETRY, pid).stream()
                        .anyMatch(d -> d.value().courseId().equals(c.course().id())
                                && d.value().dosimetry().cycle() == n)
                || records.find(
                                ClinicalKinds.ADMINISTRATION,
                                AdministrationRecord.idOf(c.course().id(), n))
                        .isPresent();
        if (given) {
            throw Refused.conflict(
                    "cycle " + n + " of " + pid + " is already given; only a pending cycle is" + " approved");
        }
        if (n > 1) {
            var decision = records.forPatient(ClinicalKinds.DECISION, pid).stream()
                    .map(Stored::value)
                    .filter(d ->
                            d.courseId().equals(c.course().id()) && d.decision().cycle() == n)
                    .findFirst()
                    .orElseThrow(() -> Refused.conflict("cycle " + n + " of " + pid + " is not pending: its"
                            + " next-cycle decision is not recorded yet (plan it on the chart first)"));
            if (decision.decision() instanceof CycleDecision.Stop s) {
                throw Refused.conflict("cycle " + n + " of " + pid + " is not pending: the course was stopped ("
                        + String.join("; ", s.reasons()) + ")");
            }
        }
        var approval = new Approval(subject(c), actor, clock.instant(), note);
        List<Change> changes = new ArrayList<>();
        changes.add(Change.create(Approval.CYCLE, approval));
        LocalDate day = c.planned().administration().toLocalDate();
        boolean hasRoom = records.forPatient(ClinicalKinds.ROOM_BOOKING, pid).stream()
                .anyMatch(b -> !b.value().admission().isAfter(day)
                        && b.value().discharge().isAfter(day));
        if (!hasRoom && !day.isBefore(LocalDate.now(clock))) {
            RoomCalendar calendar = IsolationRooms.calendar(
                    records,
                    CyclePlanner.ROOMS,
                    CyclePlanner.STAY_DAYS,
                    RoomCalendar.of(CyclePlanner.ROOMS).maxStayDays());
            switch (calendar.request(pid, day, CyclePlanner.STAY_DAYS, 0)) {
                case Allocation.Allocated a -> changes.add(Change.create(ClinicalKinds.ROOM_BOOKING, a.booking()));
                case Allocation.Conflict k ->
                    throw Refused.conflict("cycle " + n + " cannot be approved for " + day + ": " + k.message()
                            + "; move the cycle or free a room first");
            }
        }
        records.inOneTransaction(changes, actor);
        return approval;
    }
}

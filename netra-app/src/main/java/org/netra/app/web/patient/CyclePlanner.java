package org.netra.app.web.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.netra.clinical.therapy.Allocation;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.clinical.therapy.RoomCalendar;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DecisionRecord;
import org.netra.store.clinical.NextCycle;
import org.netra.store.clinical.PatientChart;
import org.netra.store.clinical.StampedReads;
import org.netra.store.record.Change;
import org.netra.store.record.Stored;

/**
 * Plans a patient's next cycle: the decision is {@link NextCycle}'s (dosimetry budget, toxicity rules on the
 * labs, as {@code netra next-cycle} makes it); this adds what the page needs around it (whether there is a
 * cycle to plan, the decision already recorded, an isolation room). A physician's approval records the
 * decision and books the room (both audit-trailed by the store).
 */
public final class CyclePlanner {
    /** The department's isolation rooms (DOMAIN.md: a shielded room per in-patient stay). */
    public static final List<String> ROOMS = List.of("iso-1", "iso-2", "iso-3");

    public static final int STAY_DAYS = RoomCalendar.of(ROOMS).minStayDays();
    static final int SEARCH_DAYS = 28;

    private final Store store;
    private final Clock clock;

    public CyclePlanner(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The proposal: {@code possible} false with {@code why} when there is nothing to plan; {@code decided}
     * when the decision for that cycle is already recorded.
     */
    public record Proposal(
            boolean possible,
            boolean decided,
            int cycle,
            String verdict,
            List<String> reasons,
            String room,
            LocalDate admission,
            String why) {
        static Proposal none(String why) {
            return new Proposal(false, false, 0, "", List.of(), "", null, why);
        }
    }

    public Proposal propose(String patientId) {
        return propose(store.stampedReads().chartAndRooms(patientId));
    }

    /**
     * The same for a chart and room bookings the caller has read already. A proposal is only shown, so it is
     * planned on what this node keeps parsed ({@code StampedReads}, checked against the database on every read).
     */
    public Proposal propose(StampedReads.ChartAndRooms read) {
        PatientChart chart = read.chart();
        var bookings = read.roomBookings();
        LocalDate today = LocalDate.now(clock);
        String id = chart.patient().value().id();
        var made = proposals.get(id);
        // kept charts and bookings are the same objects until they change: the same inputs, the same proposal
        if (made != null
                && made.chart() == chart
                && made.bookings() == bookings
                && made.day().equals(today)) {
            return made.proposal();
        }
        var proposal = plan(chart, bookings).proposal();
        proposals.put(id, new MadeProposal(chart, bookings, today, proposal));
        return proposal;
    }

    /** The proposal last made for a patient, from these inputs. */
    private record MadeProposal(
            PatientChart chart, List<Stored<RoomBooking>> bookings, LocalDate day, Proposal proposal) {}

    private final com.fasterxml.jackson.databind.util.LRUMap<String, MadeProposal> proposals =
            new com.fasterxml.jackson.databind.util.LRUMap<>(64, 2000);

    /** Records the proposed decision and books the room; refuses when there is nothing to plan or it is done. */
    public synchronized Proposal approve(String patientId, String actor) {
        // what is stored is planned on fresh reads, never on what a node keeps for its pages
        var chart = PatientChart.load(store.records(), patientId);
        var plan = plan(chart, store.records().list(ClinicalKinds.ROOM_BOOKING));
        var p = plan.proposal();
        if (!p.possible()) {
            throw new IllegalStateException(p.why());
        }
        if (p.decided()) {
            throw new IllegalStateException("cycle " + p.cycle() + " is already decided");
        }
        // the decision and its room in one transaction: never a decision without its room, nor a room without it
        var changes = new java.util.ArrayList<Change>();
        changes.add(Change.create(ClinicalKinds.DECISION, plan.decision()));
        if (!(plan.decision().decision() instanceof CycleDecision.Stop)
                && plan.booking().isPresent()) {
            changes.add(Change.create(ClinicalKinds.ROOM_BOOKING, plan.booking().get()));
        }
        store.records().inOneTransaction(changes, actor);
        return new Proposal(true, true, p.cycle(), p.verdict(), p.reasons(), p.room(), p.admission(), "");
    }

    /** The proposal with what approving it stores: the decision ({@link NextCycle}) and the room booking. */
    private record Plan(Proposal proposal, DecisionRecord decision, Optional<RoomBooking> booking) {}

    private static Plan none(String why) {
        return new Plan(Proposal.none(why), null, Optional.empty());
    }

    private Plan plan(PatientChart chart, List<Stored<RoomBooking>> everyBooking) {
        var course = chart.courses().stream().map(Stored::value).reduce((a, b) -> b);
        if (course.isEmpty()) {
            return none("no PRRT course yet");
        }
        List<CycleDosimetry> given = chart.cycleDosimetry(course.get().id());
        if (given.isEmpty()) {
            return none("no cycle given yet: the first cycle follows the plan");
        }
        var cycles = course.get().plan().cycles();
        int next = NextCycle.cycleAfter(given);
        if (next > cycles.size()) {
            return none("all " + cycles.size() + " planned cycles are given");
        }
        Optional<DecisionRecord> recorded = chart.decisions().stream()
                .map(Stored::value)
                .filter(d ->
                        d.courseId().equals(course.get().id()) && d.decision().cycle() == next)
                .findFirst();
        LocalDate today = LocalDate.now(clock);
        DecisionRecord decision;
        if (recorded.isPresent()) {
            decision = recorded.get();
        } else {
            try {
                // the decision `netra next-cycle` makes: one implementation, in the store
                decision = NextCycle.DEFAULTS.decide(chart, course.get().id(), today);
            } catch (IllegalArgumentException e) {
                return none("cycle " + next + " cannot be proposed: " + e.getMessage());
            }
        }
        CycleDecision shown = decision.decision();
        var planned = cycles.get(next - 1);
        LocalDate lastGiven = given.stream()
                .map(CycleDosimetry::date)
                .max(Comparator.naturalOrder())
                .orElseThrow();

        LocalDate wanted = planned.administration().toLocalDate();
        if (wanted.isBefore(today)) {
            wanted = today.plusDays(7);
        }
        var calendar = RoomCalendar.of(ROOMS);
        for (var b : everyBooking) {
            calendar = calendar.book(b.value());
        }
        Optional<RoomBooking> booking = Optional.empty();
        String room = "";
        LocalDate admission = wanted;
        var existing = chart.roomBookings().stream()
                .map(Stored::value)
                .filter(b -> !b.admission().isBefore(lastGiven.plusDays(STAY_DAYS)))
                .findFirst();
        if (existing.isPresent()) {
            room = existing.get().room();
            admission = existing.get().admission();
        } else if (!(shown instanceof CycleDecision.Stop)) {
            switch (calendar.request(chart.patient().value().id(), wanted, STAY_DAYS, SEARCH_DAYS)) {
                case Allocation.Allocated a -> {
                    booking = Optional.of(a.booking());
                    room = a.booking().room();
                    admission = a.booking().admission();
                }
                case Allocation.Conflict c -> room = "none free: " + c.message();
            }
        }
        return new Plan(
                new Proposal(
                        true,
                        recorded.isPresent(),
                        next,
                        ChartView.verdict(shown),
                        shown.reasons(),
                        room,
                        admission,
                        ""),
                decision,
                booking);
    }
}

package org.netra.app.web.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.netra.clinical.followup.Ctcae;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.clinical.followup.CtcaeTerm;
import org.netra.clinical.followup.RenalFunction;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.therapy.Allocation;
import org.netra.clinical.therapy.Continuation;
import org.netra.clinical.therapy.ContinuationAdvice;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.DoseDecision;
import org.netra.clinical.therapy.DoseModification;
import org.netra.clinical.therapy.DoseModificationRules;
import org.netra.clinical.therapy.RoomBooking;
import org.netra.clinical.therapy.RoomCalendar;
import org.netra.clinical.therapy.ToxicityStatus;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.DecisionRecord;
import org.netra.store.clinical.PatientChart;
import org.netra.store.record.Stored;

/**
 * Plans a patient's next cycle: the dosimetry budget ({@link Continuation}) and the toxicity rules
 * ({@link DoseModification}) on the labs since the last cycle give a {@link CycleDecision}; a physician's
 * approval records it and books an isolation room (both audit-trailed by the store).
 */
public final class CyclePlanner {
    /** The department's isolation rooms (DOMAIN.md: a shielded room per in-patient stay). */
    static final List<String> ROOMS = List.of("iso-1", "iso-2", "iso-3");

    static final int STAY_DAYS = RoomCalendar.of(ROOMS).minStayDays();
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
        return plan(PatientChart.load(store.records(), patientId)).proposal();
    }

    /** Records the proposed decision and books the room; refuses when there is nothing to plan or it is done. */
    public synchronized Proposal approve(String patientId, String actor) {
        var chart = PatientChart.load(store.records(), patientId);
        var plan = plan(chart);
        var p = plan.proposal();
        if (!p.possible()) {
            throw new IllegalStateException(p.why());
        }
        if (p.decided()) {
            throw new IllegalStateException("cycle " + p.cycle() + " is already decided");
        }
        var records = store.records();
        records.create(
                ClinicalKinds.DECISION,
                new DecisionRecord(
                        ClinicalKinds.key(
                                patientId,
                                plan.course().id().substring(plan.course().id().indexOf('/') + 1),
                                "decision-" + p.cycle()),
                        patientId,
                        plan.course().id(),
                        LocalDate.now(clock),
                        plan.advice(),
                        plan.toxicity(),
                        plan.decision()),
                actor);
        if (!(plan.decision() instanceof CycleDecision.Stop) && plan.booking().isPresent()) {
            records.create(ClinicalKinds.ROOM_BOOKING, plan.booking().get(), actor);
        }
        return new Proposal(true, true, p.cycle(), p.verdict(), p.reasons(), p.room(), p.admission(), "");
    }

    private record Plan(
            Proposal proposal,
            CourseRecord course,
            ContinuationAdvice advice,
            DoseDecision toxicity,
            CycleDecision decision,
            Optional<RoomBooking> booking) {}

    private Plan plan(PatientChart chart) {
        var course = chart.courses().stream().map(Stored::value).reduce((a, b) -> b);
        if (course.isEmpty()) {
            return new Plan(Proposal.none("no PRRT course yet"), null, null, null, null, Optional.empty());
        }
        List<CycleDosimetry> given = chart.cycleDosimetry(course.get().id());
        if (given.isEmpty()) {
            return new Plan(
                    Proposal.none("no cycle given yet: the first cycle follows the plan"),
                    course.get(),
                    null,
                    null,
                    null,
                    Optional.empty());
        }
        var cycles = course.get().plan().cycles();
        int next = given.size() + 1;
        if (next > cycles.size()) {
            return new Plan(
                    Proposal.none("all " + cycles.size() + " planned cycles are given"),
                    course.get(),
                    null,
                    null,
                    null,
                    Optional.empty());
        }
        var advice = Continuation.withDefaults().advise(given);
        var planned = cycles.get(next - 1);
        CycleDosimetry last = given.getLast();
        var toxicity = new DoseModification(DoseModificationRules.LABEL)
                .decide(
                        status(
                                chart.patient().value().patient(),
                                chart.labHistory().results(),
                                last.date()),
                        planned.activity());
        var decision = CycleDecision.decide(next, advice, toxicity, ContinuationConfig.DEFAULTS);
        Optional<DecisionRecord> recorded = chart.decisions().stream()
                .map(Stored::value)
                .filter(d ->
                        d.courseId().equals(course.get().id()) && d.decision().cycle() == next)
                .findFirst();
        CycleDecision shown = recorded.map(DecisionRecord::decision).orElse(decision);

        LocalDate wanted = planned.administration().toLocalDate();
        LocalDate today = LocalDate.now(clock);
        if (wanted.isBefore(today)) {
            wanted = today.plusDays(7);
        }
        var calendar = RoomCalendar.of(ROOMS);
        for (var b : store.records().list(ClinicalKinds.ROOM_BOOKING)) {
            calendar = calendar.book(b.value());
        }
        Optional<RoomBooking> booking = Optional.empty();
        String room = "";
        LocalDate admission = wanted;
        var existing = chart.roomBookings().stream()
                .map(Stored::value)
                .filter(b -> !b.admission().isBefore(last.date().plusDays(STAY_DAYS)))
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
                course.get(),
                advice,
                toxicity,
                decision,
                booking);
    }

    /** The toxicity status the dose-modification rules read, from the labs since the last cycle. */
    static ToxicityStatus status(Patient patient, List<LabResult> labs, LocalDate lastCycle) {
        var ctcae = Ctcae.withDefaults();
        var since = labs.stream()
                .filter(r -> r.date().isAfter(lastCycle))
                .sorted(Comparator.comparing(LabResult::date))
                .toList();
        LocalDate latest = since.isEmpty() ? null : since.getLast().date();
        CtcaeGrade worstPlatelets = CtcaeGrade.G0, currentPlatelets = CtcaeGrade.G0;
        CtcaeGrade worstOther = CtcaeGrade.G0, currentOther = CtcaeGrade.G0;
        for (LabResult r : since) {
            for (CtcaeTerm term : List.of(
                    CtcaeTerm.PLATELET_COUNT_DECREASED,
                    CtcaeTerm.ANAEMIA,
                    CtcaeTerm.NEUTROPHIL_COUNT_DECREASED,
                    CtcaeTerm.WHITE_BLOOD_CELL_DECREASED)) {
                if (term.analyte() != r.analyte()) {
                    continue;
                }
                CtcaeGrade g = ctcae.grade(term, r.value(), Optional.empty(), patient.sex());
                boolean current = r.date().equals(latest);
                if (term == CtcaeTerm.PLATELET_COUNT_DECREASED) {
                    worstPlatelets = max(worstPlatelets, g);
                    currentPlatelets = current ? max(currentPlatelets, g) : currentPlatelets;
                } else {
                    worstOther = max(worstOther, g);
                    currentOther = current ? max(currentOther, g) : currentOther;
                }
            }
        }
        var creatinine = labs.stream()
                .filter(r -> r.analyte() == Analyte.CREATININE)
                .sorted(Comparator.comparing(LabResult::date))
                .toList();
        double baseline = creatinine.stream()
                .filter(r -> !r.date().isAfter(lastCycle))
                .reduce((a, b) -> b)
                .or(() -> creatinine.stream().findFirst())
                .map(LabResult::value)
                .orElse(Double.NaN);
        List<double[]> renal = new ArrayList<>(); // {clearance, increase}
        for (LabResult r : creatinine) {
            if (r.date().isAfter(lastCycle)) {
                var weight = patient.weightOn(r.date())
                        .orElseThrow(() -> new IllegalStateException("patient " + patient.id()
                                + " has no weight on record: needed for creatinine clearance"));
                double crcl = RenalFunction.cockcroftGault(
                                r.value(), patient.ageOn(r.date()), weight.value(), patient.sex())
                        .mlPerMin();
                renal.add(new double[] {crcl, r.value() / baseline - 1});
            }
        }
        double worstCrcl = renal.stream().mapToDouble(x -> x[0]).min().orElse(Double.POSITIVE_INFINITY);
        double worstIncrease = renal.stream().mapToDouble(x -> x[1]).max().orElse(0);
        double currentCrcl = renal.isEmpty() ? Double.POSITIVE_INFINITY : renal.getLast()[0];
        double currentIncrease = renal.isEmpty() ? 0 : renal.getLast()[1];
        return new ToxicityStatus(
                worstPlatelets,
                worstOther,
                currentPlatelets,
                currentOther,
                worstCrcl,
                worstIncrease,
                currentCrcl,
                currentIncrease,
                Period.ZERO,
                false);
    }

    private static CtcaeGrade max(CtcaeGrade a, CtcaeGrade b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

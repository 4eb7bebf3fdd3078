package org.netra.app.web.followup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.app.web.input.FormFields;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.input.Refused;
import org.netra.app.web.input.StaleEdit;
import org.netra.clinical.followup.AdverseEvent;
import org.netra.clinical.followup.AdverseEventTerm;
import org.netra.clinical.followup.BaselineLesion;
import org.netra.clinical.followup.FollowUpAssessment;
import org.netra.clinical.followup.Measurement;
import org.netra.clinical.followup.NonTargetStatus;
import org.netra.clinical.followup.Progression;
import org.netra.clinical.followup.Recist;
import org.netra.clinical.patient.Length;
import org.netra.store.Store;
import org.netra.store.StoreException;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.OutcomeRecord;
import org.netra.store.clinical.ResponseRecord;
import org.netra.store.clinical.ToxicityEventRecord;
import org.netra.store.record.Change;
import org.netra.store.record.Stored;

/**
 * A physician's follow-up of one patient: adverse events (CTCAE term and grade, dates), the RECIST 1.1
 * baseline and reads, and the outcome (progression from the first PD read, death, last follow-up) that the
 * cohort's Kaplan–Meier curves count from the first cycle. Fields:
 * <ul>
 *   <li>event: {@code term}, {@code grade}, {@code onset}, {@code resolved}, {@code version} (0 new)</li>
 *   <li>baseline: {@code date}, {@code lesions} — one lesion a line, {@code id, organ, longest diameter mm} and
 *       {@code , node} for a lymph node (short axis); the targets are chosen by RECIST's rules</li>
 *   <li>read: {@code date}, {@code measurements} — one target a line, {@code id = mm} or {@code id = gone},
 *       {@code too small}, {@code not evaluated}; {@code nonTargets}; {@code newLesion} (yes/no);
 *       {@code version}</li>
 *   <li>outcome: {@code lastFollowUp}, {@code death}, {@code version}</li>
 * </ul>
 */
public final class FollowUps {
    static final int MAX_LESIONS = 20;

    private final Store store;
    private final java.time.Clock clock;

    public FollowUps(Store store, java.time.Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<Stored<ToxicityEventRecord>> events(String pid) {
        return store.records().forPatient(ClinicalKinds.TOXICITY_EVENT, pid);
    }

    public Optional<Stored<ResponseRecord>> response(String pid) {
        return store.records().find(ClinicalKinds.RESPONSE, responseId(pid));
    }

    public Optional<Stored<OutcomeRecord>> outcome(String pid) {
        return store.records().find(ClinicalKinds.OUTCOME, pid);
    }

    static String responseId(String pid) {
        return ClinicalKinds.key(pid, "recist-1");
    }

    /** Records a new event ({@code eventId} empty) or a new version of one. */
    public Stored<ToxicityEventRecord> saveEvent(String pid, Optional<String> eventId, FormFields f, String actor) {
        AdverseEventTerm term = null;
        try {
            term = AdverseEventTerm.parse(f.text("term"));
        } catch (IllegalArgumentException e) {
            f.errors().check(false, "term", e.getMessage());
        }
        var grade = f.integer("grade", 1, 5);
        var onset = f.date("onset", true);
        var resolved = f.date("resolved", false);
        int version = f.version();
        notInFuture(f, "onset", onset);
        notInFuture(f, "resolved", resolved);
        if (term != null && grade.isPresent()) {
            f.errors()
                    .check(
                            term.hasGrade(grade.get()),
                            "grade",
                            "CTCAE v5.0 has " + term.label() + " at grades "
                                    + String.join(
                                            ", ",
                                            term.grades().stream()
                                                    .sorted()
                                                    .map(String::valueOf)
                                                    .toList())
                                    + " only, not " + grade.get());
        }
        if (onset.isPresent() && resolved.isPresent()) {
            f.errors().check(!resolved.get().isBefore(onset.get()), "resolved", "before the onset " + onset.get());
        }
        f.throwIfAny();
        var event = new AdverseEvent(term, grade.get(), onset.get(), resolved);
        String id = eventId.orElseGet(
                () -> ClinicalKinds.key(pid, "ae-" + (events(pid).size() + 1)));
        var current = store.records().find(ClinicalKinds.TOXICITY_EVENT, id);
        if (eventId.isPresent() && current.isEmpty()) {
            throw Refused.notFound("patient " + pid + " has no toxicity event " + id);
        }
        StaleEdit.check(store, ClinicalKinds.TOXICITY_EVENT, id, current, version);
        var record = new ToxicityEventRecord(id, pid, event);
        try {
            return current.isEmpty()
                    ? store.records().create(ClinicalKinds.TOXICITY_EVENT, record, actor)
                    : store.records().update(ClinicalKinds.TOXICITY_EVENT, version, record, actor);
        } catch (StoreException e) {
            throw Refused.conflict("version: " + e.getMessage());
        }
    }

    public Stored<ResponseRecord> baseline(String pid, FormFields f, String actor) {
        var date = f.date("date", true);
        notInFuture(f, "date", date);
        List<BaselineLesion> lesions = new ArrayList<>();
        String[] lines = f.text("lesions").split("\\R");
        int n = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            n++;
            String[] parts = line.split(",");
            if (parts.length < 3 || parts.length > 4) {
                f.errors()
                        .check(
                                false,
                                "lesions",
                                "line " + n + " '" + line.strip()
                                        + "': write id, organ, diameter in mm (and ', node' for a lymph node)");
                continue;
            }
            try {
                double mm = Double.parseDouble(parts[2].strip());
                if (!(mm > 0 && mm < 500)) {
                    f.errors().check(false, "lesions", "line " + n + ": diameter " + mm + " mm is impossible");
                    continue;
                }
                boolean node = parts.length == 4 && parts[3].strip().equalsIgnoreCase("node");
                f.errors().check(parts.length == 3 || node, "lesions", "line " + n + ": the fourth part is 'node'");
                lesions.add(new BaselineLesion(parts[0].strip(), parts[1].strip(), node, Length.ofMm(mm)));
            } catch (IllegalArgumentException e) {
                f.errors().check(false, "lesions", "line " + n + ": " + e.getMessage());
            }
        }
        f.errors().check(n > 0, "lesions", "required: at least one lesion, one a line");
        f.errors().check(n <= MAX_LESIONS, "lesions", "at most " + MAX_LESIONS + " lesions");
        f.throwIfAny();
        if (response(pid).isPresent()) {
            throw Refused.conflict("date: patient " + pid + " already has a RECIST baseline; add reads to it");
        }
        Recist.Baseline baseline;
        try {
            baseline = Recist.v11().select(date.get(), lesions);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Map.of("lesions", e.getMessage()));
        }
        if (baseline.targets().isEmpty()) {
            throw new InvalidInputException(
                    Map.of("lesions", "no measurable lesion (≥ 10 mm, nodes ≥ 15 mm short axis): no target to follow"));
        }
        var record = new ResponseRecord(
                responseId(pid), pid, baseline, List.of(), List.of(), org.netra.clinical.followup.Response.NE);
        return store.records().create(ClinicalKinds.RESPONSE, record, actor);
    }

    /** Adds a read; the time points, best response and the outcome's progression follow, in one transaction. */
    public Stored<ResponseRecord> read(String pid, FormFields f, String actor) {
        var date = f.date("date", true);
        notInFuture(f, "date", date);
        int version = f.version();
        var current = response(pid)
                .orElseThrow(() -> Refused.conflict("date: record the RECIST baseline first: reads compare with it"));
        var baseline = current.value().baseline();
        Map<String, Measurement> measured = new HashMap<>();
        int n = 0;
        for (String line : f.text("measurements").split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            n++;
            String[] parts = line.split("=");
            if (parts.length != 2) {
                f.errors()
                        .check(
                                false,
                                "measurements",
                                "line " + n + ": write target id = mm (or gone, too small," + " not evaluated)");
                continue;
            }
            String id = parts[0].strip();
            String v = parts[1].strip().toLowerCase(java.util.Locale.ROOT);
            f.errors()
                    .check(
                            baseline.targets().stream().anyMatch(t -> t.id().equals(id)),
                            "measurements",
                            "line " + n + ": '" + id + "' is not a target; targets are "
                                    + baseline.targets().stream()
                                            .map(BaselineLesion::id)
                                            .toList());
            Measurement m =
                    switch (v) {
                        case "gone", "disappeared" -> new Measurement.Disappeared();
                        case "too small" -> new Measurement.TooSmallToMeasure();
                        case "not evaluated", "ne" -> new Measurement.NotEvaluated();
                        default -> {
                            try {
                                double mm =
                                        Double.parseDouble(v.replace("mm", "").strip());
                                if (mm > 0 && mm < 500) {
                                    yield new Measurement.Measured(Length.ofMm(mm));
                                }
                            } catch (NumberFormatException e) {
                                // refused below
                            }
                            f.errors()
                                    .check(
                                            false,
                                            "measurements",
                                            "line " + n + ": '" + parts[1].strip()
                                                    + "' is not a diameter in mm (0–500) nor gone, too small, not evaluated");
                            yield null;
                        }
                    };
            if (m != null) {
                measured.put(id, m);
            }
        }
        for (BaselineLesion t : baseline.targets()) {
            f.errors()
                    .check(
                            measured.containsKey(t.id()),
                            "measurements",
                            "target " + t.id() + " is missing; write 'not evaluated' if it was not assessed");
        }
        NonTargetStatus nonTargets = null;
        try {
            nonTargets = NonTargetStatus.valueOf(f.text("nonTargets").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            f.errors().check(false, "nonTargets", "choose one of " + List.of(NonTargetStatus.values()));
        }
        String newLesion = f.text("newLesion");
        f.errors().check(newLesion.equals("yes") || newLesion.equals("no"), "newLesion", "yes or no");
        if (date.isPresent()) {
            f.errors().check(date.get().isAfter(baseline.date()), "date", "not after the baseline " + baseline.date());
        }
        f.throwIfAny();
        StaleEdit.check(store, ClinicalKinds.RESPONSE, current.value().id(), Optional.of(current), version);
        List<FollowUpAssessment> reads = new ArrayList<>(current.value().assessments());
        reads.removeIf(r -> r.date().equals(date.get()));
        reads.add(new FollowUpAssessment(date.get(), measured, nonTargets, newLesion.equals("yes")));
        var recist = Recist.v11();
        List<Recist.TimePoint> points;
        try {
            points = recist.evaluate(baseline, reads);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Map.of("measurements", e.getMessage()));
        }
        var record =
                new ResponseRecord(current.value().id(), pid, baseline, reads, points, recist.best(baseline, points));
        List<Change> changes = new ArrayList<>();
        changes.add(Change.update(ClinicalKinds.RESPONSE, version, record));
        outcomeChange(pid, Progression.first(points), Optional.empty(), date.get())
                .ifPresent(changes::add);
        commit(changes, actor);
        return response(pid).orElseThrow();
    }

    /** Death and the last follow-up; the outcome's progression stays the RECIST one. */
    public Stored<OutcomeRecord> outcome(String pid, FormFields f, String actor) {
        var last = f.date("lastFollowUp", true);
        var death = f.date("death", false);
        int version = f.version();
        notInFuture(f, "lastFollowUp", last);
        notInFuture(f, "death", death);
        if (last.isPresent() && death.isPresent()) {
            f.errors()
                    .check(
                            !last.get().isBefore(death.get()),
                            "lastFollowUp",
                            "before the death " + death.get() + "; the last follow-up is the death or later");
        }
        f.throwIfAny();
        var current = outcome(pid);
        StaleEdit.check(store, ClinicalKinds.OUTCOME, pid, current, version);
        var progression = response(pid).flatMap(r -> Progression.first(r.value().timePoints()));
        var change = outcomeChange(pid, progression, death, last.get(), true);
        commit(List.of(change.orElseThrow()), actor);
        return outcome(pid).orElseThrow();
    }

    private Optional<Change> outcomeChange(
            String pid, Optional<LocalDate> progression, Optional<LocalDate> death, LocalDate seen) {
        return outcomeChange(pid, progression, death, seen, false);
    }

    /**
     * The outcome with this progression, death (kept when not given) and last follow-up (the later of the stored
     * one and {@code seen}, or exactly {@code seen} when {@code replace}); empty before any cycle was given.
     */
    private Optional<Change> outcomeChange(
            String pid, Optional<LocalDate> progression, Optional<LocalDate> death, LocalDate seen, boolean replace) {
        Optional<LocalDate> start = treatmentStart(pid);
        if (start.isEmpty()) {
            if (replace) {
                throw new InvalidInputException(
                        Map.of("lastFollowUp", "no cycle is given yet: survival counts from the first administration"));
            }
            return Optional.empty();
        }
        var current = outcome(pid);
        LocalDate last = current.map(o -> o.value().lastFollowUp())
                .filter(l -> !replace && l.isAfter(seen))
                .orElse(seen);
        Optional<LocalDate> died = death.isPresent() || replace
                ? death
                : current.flatMap(o -> o.value().death());
        if (last.isBefore(start.get())) {
            throw new InvalidInputException(
                    Map.of(replace ? "lastFollowUp" : "date", "before the first cycle on " + start.get()));
        }
        var record = new OutcomeRecord(pid, pid, start.get(), progression, died, last);
        return Optional.of(
                current.isEmpty()
                        ? Change.create(ClinicalKinds.OUTCOME, record)
                        : Change.update(ClinicalKinds.OUTCOME, current.get().version(), record));
    }

    /** The first cycle's day: its administration as the nurse recorded it, else its dosimetry's date. */
    Optional<LocalDate> treatmentStart(String pid) {
        var records = store.records();
        Optional<CourseRecord> course = records.forPatient(ClinicalKinds.COURSE, pid).stream()
                .map(Stored::value)
                .findFirst();
        if (course.isEmpty()) {
            return Optional.empty();
        }
        var given = records.find(
                        ClinicalKinds.ADMINISTRATION,
                        AdministrationRecord.idOf(course.get().id(), 1))
                .map(a -> a.value().administered().toLocalDate());
        if (given.isPresent()) {
            return given;
        }
        return records.forPatient(ClinicalKinds.DOSIMETRY, pid).stream()
                .map(d -> d.value().dosimetry())
                .filter(d -> d.cycle() == 1)
                .map(d -> d.date())
                .findFirst();
    }

    private void commit(List<Change> changes, String actor) {
        try {
            store.records().inOneTransaction(changes, actor);
        } catch (StoreException e) {
            throw Refused.conflict("version: " + e.getMessage());
        }
    }

    private void notInFuture(FormFields f, String field, Optional<LocalDate> day) {
        LocalDate today = LocalDate.now(clock);
        day.ifPresent(d -> f.errors().check(!d.isAfter(today), field, "is after today (" + today + ")"));
    }
}

package org.netra.clinical.diagnosis;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A focus on bone scintigraphy, the work-up it calls for and the work-up done so far ({@code done}: which
 * test, when, and what it showed).
 */
public record BoneFinding(String location, Kind kind, List<WorkUpDone> done) {
    public BoneFinding {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
        if (location.isBlank()) {
            throw new IllegalArgumentException("a bone finding needs its site (e.g. L3 vertebra)");
        }
        done = done == null ? List.of() : List.copyOf(done);
    }

    /** A finding whose work-up has not started. */
    public BoneFinding(String location, Kind kind) {
        this(location, kind, List.of());
    }

    /** A test of the work-up, done on {@code date}, with its result in the reader's words. */
    public record WorkUpDone(WorkUp test, LocalDate date, String result) {
        public WorkUpDone {
            Objects.requireNonNull(test, "work-up test");
            Objects.requireNonNull(date, "date of the " + test);
            result = result == null ? "" : result.strip();
        }
    }

    /** The same finding with {@code test} recorded as done. */
    public BoneFinding withDone(WorkUpDone test) {
        var all = new java.util.ArrayList<>(done);
        all.add(test);
        return new BoneFinding(location, kind, all);
    }

    /**
     * What is still to do: a suspicious focus needs one of CT, MRI or biopsy to decide (any of them, so
     * nothing once one is done); a typical metastasis needs both CT (fracture risk) and MRI (spinal canal),
     * each until done (docs/DOMAIN.md §1).
     */
    public List<WorkUp> outstanding() {
        return switch (kind) {
            case NORMAL, DEGENERATIVE, TRAUMATIC -> List.of();
            case SUSPICIOUS -> done.isEmpty() ? workUp() : List.of();
            case METASTASIS ->
                workUp().stream()
                        .filter(w -> done.stream().noneMatch(d -> d.test() == w))
                        .toList();
        };
    }

    public enum Kind {
        NORMAL,
        DEGENERATIVE,
        TRAUMATIC,
        /** Uptake that could be a metastasis: needs CT, MRI or biopsy to decide. */
        SUSPICIOUS,
        /** Typical of a metastasis; CT for fracture risk, MRI for the spinal canal. */
        METASTASIS
    }

    public enum WorkUp {
        CT,
        MRI,
        BIOPSY
    }

    /** The further tests this finding calls for (docs/DOMAIN.md §1). */
    public List<WorkUp> workUp() {
        return switch (kind) {
            case NORMAL, DEGENERATIVE, TRAUMATIC -> List.of();
            case SUSPICIOUS -> List.of(WorkUp.CT, WorkUp.MRI, WorkUp.BIOPSY);
            case METASTASIS -> List.of(WorkUp.CT, WorkUp.MRI);
        };
    }
}

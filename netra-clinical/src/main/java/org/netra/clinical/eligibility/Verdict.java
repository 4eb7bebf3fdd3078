package org.netra.clinical.eligibility;

import java.time.LocalDate;
import java.util.List;

/** The outcome of the eligibility check, always with every criterion that led to it. */
public sealed interface Verdict {
    LocalDate assessedOn();

    List<Criterion> criteria();

    /** Every criterion met. */
    record Eligible(LocalDate assessedOn, List<Criterion> criteria) implements Verdict {}

    /** At least one criterion failed on current data; {@code failed} lists them. */
    record NotEligible(LocalDate assessedOn, List<Criterion> criteria, List<Criterion> failed) implements Verdict {}

    /** Nothing failed, but something is a grey zone or missing/stale; {@code open} lists it. */
    record NeedsTeamDecision(LocalDate assessedOn, List<Criterion> criteria, List<Criterion> open) implements Verdict {}
}

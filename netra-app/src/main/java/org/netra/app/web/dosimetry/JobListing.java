package org.netra.app.web.dosimetry;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dosimetry job list as a page of rows: newest first, filtered by patient (a netra id, MRN or part of the
 * upload's name, case-insensitive) and by state, {@link #PER_PAGE} a page, start times to the minute in the
 * department's zone.
 */
public record JobListing(List<Row> rows, int total, int page, int pages, String patient, String state, String error) {
    public static final int PER_PAGE = 25;

    /** One job as the list shows it. */
    public record Row(String id, String upload, String owner, String state, int percent, String started) {}

    /**
     * Page {@code page} (from 1) of {@code all} after the filters; a page beyond the last shows the last. An
     * unknown state is refused naming the states.
     */
    public static JobListing of(
            List<DosimetryJobs.Job> all, String patient, String state, int page, ZoneId zone, String error) {
        String who = patient == null ? "" : patient.strip();
        Optional<DosimetryJobs.State> wanted = state(state);
        String needle = who.toLowerCase(Locale.ROOT);
        List<DosimetryJobs.Job> kept = new ArrayList<>();
        for (DosimetryJobs.Job j : all) {
            if (wanted.isPresent() && j.state() != wanted.get()) {
                continue;
            }
            if (!needle.isEmpty() && !about(j).toLowerCase(Locale.ROOT).contains(needle)) {
                continue;
            }
            kept.add(j);
        }
        kept.sort((a, b) -> b.started().compareTo(a.started()));
        int pages = Math.max(1, (kept.size() + PER_PAGE - 1) / PER_PAGE);
        int shown = Math.min(Math.max(1, page), pages);
        var minute = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        List<Row> rows = kept.subList((shown - 1) * PER_PAGE, Math.min(kept.size(), shown * PER_PAGE)).stream()
                .map(j -> new Row(
                        j.id(),
                        j.upload(),
                        j.owner(),
                        j.state().name().toLowerCase(Locale.ROOT),
                        j.percent(),
                        j.started().atZone(zone).format(minute)))
                .toList();
        return new JobListing(
                rows,
                kept.size(),
                shown,
                pages,
                who,
                wanted.map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(""),
                error == null ? "" : error);
    }

    /** The link to page {@code n} with this listing's filters. */
    public String link(int n) {
        return "/dosimetry/jobs?page=" + n
                + (patient.isEmpty()
                        ? ""
                        : "&patient=" + java.net.URLEncoder.encode(patient, java.nio.charset.StandardCharsets.UTF_8))
                + (state.isEmpty() ? "" : "&state=" + state);
    }

    /** What a job is about, for the patient filter: its upload's name, its result's patient and the chart it went to. */
    private static String about(DosimetryJobs.Job j) {
        return j.upload() + " " + j.result().map(r -> r.patientId()).orElse("") + " " + j.attachedTo();
    }

    private static Optional<DosimetryJobs.State> state(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("any")) {
            return Optional.empty();
        }
        for (DosimetryJobs.State s : DosimetryJobs.State.values()) {
            if (s.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(s);
            }
        }
        throw new IllegalArgumentException("unknown job state '" + text + "': use queued, running, done or failed");
    }
}

package org.netra.app.web.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.netra.store.audit.AuditEvent;

/**
 * The audit trail as a page of rows: newest first, filtered by who acted, by the kind of record and by text in the
 * record's id (a patient's id finds every record of that patient), {@link #PER_PAGE} a page, times to the minute
 * in the department's zone (the sequence number keeps the order within a minute).
 */
public record AuditListing(
        List<Row> rows,
        int total,
        int matching,
        int page,
        int pages,
        String who,
        String kind,
        String record,
        List<String> kinds,
        ZoneId zone) {
    public static final int PER_PAGE = 50;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** One event as the page shows it. */
    public record Row(AuditEvent event, String when) {}

    /** Page {@code page} (from 1) of {@code trail} (oldest first, as the store gives it) after the filters. */
    public static AuditListing of(
            List<AuditEvent> trail, String who, String kind, String record, int page, ZoneId zone) {
        String actor = blankIfNull(who);
        String type = blankIfNull(kind);
        String id = blankIfNull(record).toLowerCase(Locale.ROOT);
        var kinds = new TreeSet<String>();
        List<AuditEvent> kept = new ArrayList<>();
        for (AuditEvent e : trail.reversed()) {
            kinds.add(e.kind());
            if (!actor.isEmpty() && !e.actor().equalsIgnoreCase(actor)) {
                continue;
            }
            if (!type.isEmpty() && !e.kind().equals(type)) {
                continue;
            }
            if (!id.isEmpty() && !e.recordId().toLowerCase(Locale.ROOT).contains(id)) {
                continue;
            }
            kept.add(e);
        }
        int pages = Math.max(1, (kept.size() + PER_PAGE - 1) / PER_PAGE);
        int shown = Math.min(Math.max(1, page), pages);
        List<Row> rows = kept.subList((shown - 1) * PER_PAGE, Math.min(kept.size(), shown * PER_PAGE)).stream()
                .map(e -> new Row(AuditFeature.redact(e), e.at().atZone(zone).format(MINUTE)))
                .toList();
        return new AuditListing(
                rows,
                trail.size(),
                kept.size(),
                shown,
                pages,
                actor,
                type,
                blankIfNull(record),
                List.copyOf(kinds),
                zone);
    }

    /** The link to page {@code n} with this listing's filters. */
    public String link(int n) {
        return "/admin/audit?page=" + n + param("who", who) + param("kind", kind) + param("record", record);
    }

    private static String param(String name, String value) {
        return value.isEmpty() ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String blankIfNull(String text) {
        return text == null ? "" : text.strip();
    }
}

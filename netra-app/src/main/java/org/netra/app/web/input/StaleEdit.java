package org.netra.app.web.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.store.Store;
import org.netra.store.audit.AuditEvent;
import org.netra.store.record.RecordKind;
import org.netra.store.record.Stored;

/**
 * Optimistic locking for forms: a save names the version it was made from; when the record has moved on
 * since, it is refused (409) saying who changed it, when, and which fields, read from the audit trail's
 * before → after.
 */
public final class StaleEdit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StaleEdit() {}

    /**
     * Refuses the save unless {@code current} (empty when the record does not exist yet) is at {@code version}
     * (0: the form created a new record).
     */
    public static <T> void check(Store store, RecordKind<T> kind, String id, Optional<Stored<T>> current, int version) {
        int now = current.map(Stored::version).orElse(0);
        if (now == version) {
            return;
        }
        if (current.isEmpty()) {
            throw Refused.conflict("version: " + kind.name() + " " + id + " no longer exists (you edited version "
                    + version + "); reload the page");
        }
        Stored<T> c = current.get();
        throw Refused.conflict("version: " + kind.name() + " " + id + " was changed by " + c.updatedBy() + " at "
                + c.updatedAt() + " (now version " + now + ", you edited version " + version + "); changed: "
                + String.join(", ", changedFields(store, kind, id, version)) + ". Reload the page and apply your"
                + " change again.");
    }

    /** The top-level fields that differ between version {@code from} and the latest, from the audit trail. */
    static List<String> changedFields(Store store, RecordKind<?> kind, String id, int from) {
        List<AuditEvent> history = store.audit().history(kind.name(), id);
        String before = null;
        String after = null;
        for (AuditEvent e : history) {
            if (e.version() == from && e.after() != null) {
                before = e.after();
            }
            after = e.after();
        }
        if (from == 0 || before == null || after == null) {
            return List.of("the whole record (created since you loaded the page)");
        }
        try {
            JsonNode a = JSON.readTree(before);
            JsonNode b = JSON.readTree(after);
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : b.properties()) {
                String f = field.getKey();
                if (!b.get(f).equals(a.get(f))) {
                    out.add(f);
                }
            }
            return out.isEmpty() ? List.of("nothing visible") : out;
        } catch (java.io.IOException e) {
            return List.of("(the audit trail could not be read)");
        }
    }
}

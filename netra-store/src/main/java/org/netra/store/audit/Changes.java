package org.netra.store.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed in a record since a version someone read: the parts of the document (as dotted paths, two
 * levels deep, e.g. {@code tumour.ki67}) whose value differs between that version and the current one,
 * read from the audit trail. A stale save is refused with this list, so the user knows what to look at.
 */
public final class Changes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEPTH = 2;

    private Changes() {}

    /** The changed paths of record {@code kind}/{@code id} between {@code readVersion} and the latest. */
    public static List<String> since(AuditTrail trail, String kind, String id, int readVersion) {
        var history = trail.history(kind, id);
        String read = null;
        String latest = null;
        for (AuditEvent e : history) {
            if (e.version() == readVersion && e.after() != null) {
                read = e.after();
            }
            latest = e.after();
        }
        if (read == null || latest == null) {
            return List.of();
        }
        try {
            Set<String> out = new LinkedHashSet<>();
            diff("", JSON.readTree(read), JSON.readTree(latest), 0, out);
            return new ArrayList<>(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of();
        }
    }

    private static void diff(String path, JsonNode a, JsonNode b, int depth, Set<String> out) {
        if (a.equals(b)) {
            return;
        }
        if (depth >= DEPTH || !a.isObject() || !b.isObject()) {
            out.add(path.isEmpty() ? "(the whole record)" : path);
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (String n : names) {
            JsonNode x = a.path(n);
            JsonNode y = b.path(n);
            diff(path.isEmpty() ? n : path + "." + n, x, y, depth + 1, out);
        }
    }
}

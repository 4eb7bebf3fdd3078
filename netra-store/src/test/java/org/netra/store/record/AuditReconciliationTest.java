package org.netra.store.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.store.Store;
import org.netra.store.StoreConfig;

/**
 * The two shapes a killed H2 left behind (an in-flight write's audit event without its record; an update's event
 * without the update) each get one RECOVER event stating what is stored, once; a consistent trail gets none.
 */
class AuditReconciliationTest {

    @Test
    void aTrailThatMisdescribesTheStoreGetsOneRecoverEventPerRecordOnOpening(@TempDir Path dir) throws SQLException {
        StoreConfig config = StoreConfig.embedded(dir);
        Store.open(config).close(); // migrated, empty
        try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
                var s = c.createStatement()) {
            // a consistent record: stored at version 1, audited as created at version 1
            s.execute("INSERT INTO clinical_record (kind, id, version, doc, created_at, updated_at, updated_by)"
                    + " VALUES ('user_account', 'kept', 1, '{\"v\":1}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'a')");
            s.execute(event("CREATE", "kept", 1, null, "'{\"v\":1}'"));
            // the killed server's half-rolled-back creation: the event survived, the record did not
            s.execute(event("CREATE", "ghost", 1, null, "'{\"v\":1}'"));
            // an update whose event survived and whose row change did not: stored v1, audited v2
            s.execute("INSERT INTO clinical_record (kind, id, version, doc, created_at, updated_at, updated_by)"
                    + " VALUES ('user_account', 'half', 1, '{\"v\":1}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'a')");
            s.execute(event("CREATE", "half", 1, null, "'{\"v\":1}'"));
            s.execute(event("UPDATE", "half", 2, "'{\"v\":1}'", "'{\"v\":2}'"));
        }
        // reconciled on opening; the second opening finds the trail true and adds nothing
        Store.open(config).close();
        Store.open(config).close();
        List<String> recovered = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT record_id, version, before_doc, after_doc, actor FROM audit_event"
                        + " WHERE action = 'RECOVER' ORDER BY record_id")) {
            while (rs.next()) {
                recovered.add(rs.getString(1) + " v" + rs.getInt(2) + " " + rs.getString(3) + " -> " + rs.getString(4)
                        + " by " + rs.getString(5));
            }
        }
        assertThat(recovered)
                .containsExactly(
                        "ghost v1 {\"v\":1} -> null by " + AuditReconciliation.ACTOR,
                        "half v1 {\"v\":2} -> {\"v\":1} by " + AuditReconciliation.ACTOR);
    }

    private static String event(String action, String id, int version, String before, String after) {
        return "INSERT INTO audit_event (at, actor, action, kind, record_id, version, before_doc, after_doc) VALUES"
                + " (CURRENT_TIMESTAMP, 'a', '" + action + "', 'user_account', '" + id + "', " + version + ", " + before
                + ", " + after + ")";
    }
}

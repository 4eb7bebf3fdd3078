package org.netra.store;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.netra.testkit.TestData;

/** Fresh, isolated databases for tests: in-memory H2, or a new schema on the CI PostgreSQL. */
public final class Databases {
    static final String PG_VARIABLE = "NETRA_TEST_PG_URL";

    private Databases() {}

    public static StoreConfig freshH2() {
        return StoreConfig.inMemory("t" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** A new empty schema on the PostgreSQL named by NETRA_TEST_PG_URL (started by .ci/services.sh). */
    public static StoreConfig freshPostgres() {
        String url = System.getenv(PG_VARIABLE);
        if (url == null || url.isBlank()) {
            TestData.unavailable(
                    PG_VARIABLE + " is not set: start PostgreSQL with `source .ci/services.sh && start_postgres`");
        }
        String schema = "t" + UUID.randomUUID().toString().replace("-", "");
        try (var c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
        return new StoreConfig(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null);
    }
}

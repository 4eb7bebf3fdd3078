package org.netra.testkit;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** The CI PostgreSQL (started by .ci/services.sh): a new empty schema per call, skipped locally when absent. */
public final class TestPostgres {
    public static final String VARIABLE = "NETRA_TEST_PG_URL";

    private TestPostgres() {}

    /** A JDBC URL (user and password in it) of a new empty schema; the caller's classpath holds the driver. */
    public static String freshSchemaUrl() {
        String url = System.getenv(VARIABLE);
        if (url == null || url.isBlank()) {
            TestData.unavailable(
                    VARIABLE + " is not set: start PostgreSQL with `source .ci/services.sh && start_postgres`");
        }
        String schema = "t" + UUID.randomUUID().toString().replace("-", "");
        try (var c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}

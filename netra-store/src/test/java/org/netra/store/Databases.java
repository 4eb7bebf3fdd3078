package org.netra.store;

import java.util.UUID;
import org.netra.testkit.TestPostgres;

/** Fresh, isolated databases for tests: in-memory H2, or a new schema on the CI PostgreSQL. */
public final class Databases {
    private Databases() {}

    public static StoreConfig freshH2() {
        return StoreConfig.inMemory("t" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** A new empty schema on the PostgreSQL named by NETRA_TEST_PG_URL (started by .ci/services.sh). */
    public static StoreConfig freshPostgres() {
        return new StoreConfig(TestPostgres.freshSchemaUrl(), null, null);
    }
}

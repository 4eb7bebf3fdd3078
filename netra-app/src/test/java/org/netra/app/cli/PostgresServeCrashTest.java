package org.netra.app.cli;

import java.nio.file.Path;
import java.util.List;
import org.netra.store.StoreConfig;
import org.netra.testkit.TestPostgres;

/** The crash test on the CI's PostgreSQL (skipped locally without NETRA_TEST_PG_URL, failed in CI). */
class PostgresServeCrashTest extends ServeCrashContract {
    @Override
    StoreConfig freshStore(Path dataDir) {
        return new StoreConfig(TestPostgres.freshSchemaUrl(), null, null);
    }

    @Override
    List<String> databaseOptions(StoreConfig store, Path dataDir) {
        return List.of(
                "--db-url", store.url(), "--data-dir", dataDir.resolve("data").toString());
    }
}

package org.netra.app.cli;

import java.nio.file.Path;
import java.util.List;
import org.netra.store.StoreConfig;

/** The crash test on the embedded H2 database, as {@code netra serve} opens it by default. */
class H2ServeCrashTest extends ServeCrashContract {
    @Override
    StoreConfig freshStore(Path dataDir) {
        return StoreConfig.embedded(dataDir.resolve("data"));
    }

    @Override
    List<String> databaseOptions(StoreConfig store, Path dataDir) {
        return List.of("--data-dir", dataDir.resolve("data").toString());
    }
}

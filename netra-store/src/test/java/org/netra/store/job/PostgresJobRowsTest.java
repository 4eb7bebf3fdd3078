package org.netra.store.job;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class PostgresJobRowsTest extends JobRowsContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshPostgres();
    }

    @Override
    StoreConfig otherVendorConfig() {
        return Databases.freshH2();
    }
}

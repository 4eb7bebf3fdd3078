package org.netra.store.job;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class H2JobRowsTest extends JobRowsContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshH2();
    }

    @Override
    StoreConfig otherVendorConfig() {
        return Databases.freshPostgres();
    }
}

package org.netra.store.report;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class PostgresSignedReportsTest extends SignedReportsContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshPostgres();
    }
}

package org.netra.store.clinical;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class PostgresStampedReadsTest extends StampedReadsContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshPostgres();
    }
}

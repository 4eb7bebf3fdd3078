package org.netra.store.clinical;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class PostgresPathwayEndToEndTest extends PathwayEndToEndContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshPostgres();
    }
}

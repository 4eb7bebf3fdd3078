package org.netra.store.clinical;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class PostgresPopulationModelBookTest extends PopulationModelBookContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshPostgres();
    }
}

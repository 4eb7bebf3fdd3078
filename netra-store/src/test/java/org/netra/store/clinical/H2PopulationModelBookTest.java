package org.netra.store.clinical;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class H2PopulationModelBookTest extends PopulationModelBookContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshH2();
    }
}

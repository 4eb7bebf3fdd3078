package org.netra.store.clinical;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class PostgresClinicalStoreTest extends ClinicalStoreContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshPostgres();
    }

    @Override
    StoreConfig otherVendorConfig() {
        return Databases.freshH2();
    }
}

package org.netra.store.clinical;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class H2ClinicalStoreTest extends ClinicalStoreContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshH2();
    }

    @Override
    StoreConfig otherVendorConfig() {
        return Databases.freshPostgres();
    }
}

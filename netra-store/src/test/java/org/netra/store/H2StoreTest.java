package org.netra.store;

class H2StoreTest extends StoreContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshH2();
    }

    @Override
    StoreConfig otherVendorConfig() {
        return Databases.freshPostgres();
    }
}

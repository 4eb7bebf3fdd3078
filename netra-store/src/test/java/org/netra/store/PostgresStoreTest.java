package org.netra.store;

class PostgresStoreTest extends StoreContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshPostgres();
    }

    @Override
    StoreConfig otherVendorConfig() {
        return Databases.freshH2();
    }
}

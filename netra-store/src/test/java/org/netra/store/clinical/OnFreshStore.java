package org.netra.store.clinical;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.netra.store.Store;
import org.netra.store.StoreConfig;

/** A test on a fresh, empty database of the subclass's kind (H2 or PostgreSQL). */
abstract class OnFreshStore {
    Store store;

    abstract StoreConfig freshConfig();

    @BeforeEach
    void open() {
        store = Store.open(freshConfig());
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }
}

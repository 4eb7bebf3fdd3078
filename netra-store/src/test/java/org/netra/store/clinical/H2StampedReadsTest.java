package org.netra.store.clinical;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class H2StampedReadsTest extends StampedReadsContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshH2();
    }
}

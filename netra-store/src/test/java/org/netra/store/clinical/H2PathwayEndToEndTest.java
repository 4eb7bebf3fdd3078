package org.netra.store.clinical;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class H2PathwayEndToEndTest extends PathwayEndToEndContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshH2();
    }
}

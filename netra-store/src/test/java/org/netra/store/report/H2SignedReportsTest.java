package org.netra.store.report;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class H2SignedReportsTest extends SignedReportsContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshH2();
    }
}

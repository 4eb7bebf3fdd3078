package org.netra.store.clinical;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class H2SinglePointEvidenceBookTest extends SinglePointEvidenceBookContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshH2();
    }
}

package org.netra.store.clinical;

import org.netra.store.Databases;
import org.netra.store.StoreConfig;

class PostgresSinglePointEvidenceBookTest extends SinglePointEvidenceBookContract {
    @Override
    StoreConfig freshConfig() {
        return Databases.freshPostgres();
    }
}

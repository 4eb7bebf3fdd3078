package org.netra.store.record;

import org.netra.store.StoreException;

/** No record of that kind and id. */
public final class RecordNotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    public RecordNotFoundException(String kind, String id) {
        super("no " + kind + " with id " + id);
    }
}

package org.netra.store.record;

import org.netra.store.StoreException;

/**
 * Someone else changed the record after it was read: the edit is refused rather than silently
 * overwriting theirs. Reload the record, reapply the change, and save again.
 */
public final class ConcurrentEditException extends StoreException {
    private static final long serialVersionUID = 1L;
    private final int expectedVersion;
    private final int currentVersion;

    public ConcurrentEditException(String kind, String id, int expectedVersion, int currentVersion, String changedBy) {
        super(kind + " " + id + " was changed by " + changedBy + " (now version " + currentVersion
                + ") after you read version " + expectedVersion + "; reload it and apply your change again");
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    public int expectedVersion() {
        return expectedVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }
}

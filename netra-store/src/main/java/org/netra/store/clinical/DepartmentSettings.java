package org.netra.store.clinical;

import org.netra.store.record.ConcurrentEditException;
import org.netra.store.record.RecordKind;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * Saving one of the department's settings records (eligibility limits, camera calibrations): version 0 is netra's
 * default that was never stored, so the first save creates the record and later ones update it over the version the
 * editor read.
 */
final class DepartmentSettings {
    private DepartmentSettings() {}

    static <T> Stored<T> save(
            Records records, RecordKind<T> kind, String id, Stored<T> now, int version, T value, String actor) {
        if (version == 0 && now.version() > 0) {
            // someone saved the first version since this form was filled from the defaults
            throw new ConcurrentEditException(kind.name(), id, 0, now.version(), now.updatedBy());
        }
        return version == 0 ? records.create(kind, value, actor) : records.update(kind, version, value, actor);
    }
}

package org.netra.store.clinical;

import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/** The department's virtual-cycle-0 predictors in the store: read, and replaced over the version the caller read. */
public final class CycleZeroBook {
    private final Records records;

    public CycleZeroBook(Records records) {
        this.records = records;
    }

    /** The predictors in force and their version (version 0, the published defaults, when none was saved). */
    public Stored<CycleZeroSettings> current() {
        return records.find(ClinicalKinds.CYCLE_ZERO_SETTINGS, CycleZeroSettings.ID)
                .orElse(new Stored<>(CycleZeroSettings.PUBLISHED, 0, null, "netra"));
    }

    /** Saves a recalibration over version {@code version} (0: the first time); a stale version is refused. */
    public Stored<CycleZeroSettings> save(int version, CycleZeroSettings recalibrated, String actor) {
        return DepartmentSettings.save(
                records,
                ClinicalKinds.CYCLE_ZERO_SETTINGS,
                CycleZeroSettings.ID,
                current(),
                version,
                recalibrated,
                actor);
    }
}

package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;

/**
 * The per-region time–activity curves, DVHs and doses behind one cycle's dosimetry ({@link DosimetryRecord},
 * same id). Kept apart from it: they are a hundred times its size, and the patient list and charts read
 * every dosimetry record while only the cycle's own page and report need its curves.
 */
public record CycleCurves(String id, String patientId, List<RegionCurves> regions) {
    public CycleCurves {
        Keys.require(id, patientId, "cycle curves");
        regions = List.copyOf(Objects.requireNonNull(regions, "regions of cycle curves " + id));
    }
}

package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-region time–activity curves, DVHs and doses behind one cycle's dosimetry ({@link DosimetryRecord},
 * same id). Kept apart from it: they are a hundred times its size, and the patient list and charts read
 * every dosimetry record while only the cycle's own page and report need its curves. A Monte Carlo cycle also
 * keeps its run beside the kernel ({@link MonteCarloCheck}), for the page's and the report's table.
 */
public record CycleCurves(
        String id,
        String patientId,
        List<RegionCurves> regions,
        // left out when absent, so curves stored before it was kept are written back as they were
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT)
        Optional<MonteCarloCheck> monteCarlo) {
    public CycleCurves {
        Keys.require(id, patientId, "cycle curves");
        regions = List.copyOf(Objects.requireNonNull(regions, "regions of cycle curves " + id));
        // records stored before the Monte Carlo was kept have no such field
        monteCarlo = monteCarlo == null ? Optional.empty() : monteCarlo;
    }

    /** The curves of a cycle whose dose was not computed by Monte Carlo. */
    public CycleCurves(String id, String patientId, List<RegionCurves> regions) {
        this(id, patientId, regions, Optional.empty());
    }
}

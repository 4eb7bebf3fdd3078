package org.netra.dosimetry.population;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What netra knows of its population: per region kind, the clearance fitted from the department's own
 * multi-time-point cycles (where there were any), and the kidney and marrow dose per activity. Published defaults
 * stay in force for a region until its fit rests on at least {@value FittedClearance#MIN_PATIENTS_TO_REPLACE_DEFAULT}
 * patients and {@value FittedClearance#MIN_CYCLES_TO_REPLACE_DEFAULT} cycles.
 *
 * @param clearances the fitted clearance of each region kind that had data (none in {@link #PUBLISHED})
 * @param kidneyDose the kidney's dose per activity (fitted, or {@link DosePerActivityModel#KIDNEY_PUBLISHED})
 * @param marrowDose the marrow's dose per activity (fitted, or {@link DosePerActivityModel#MARROW_PUBLISHED})
 * @param kidneyMarrow how the two move together (fitted, or {@link KidneyMarrowCorrelation#PUBLISHED}; a model
 *     stored before the correlation existed reads back with the published one)
 * @param fittedOn when the fit was made (ISO date-time), empty for the published defaults
 */
public record DepartmentPopulationModel(
        List<FittedClearance> clearances,
        DosePerActivityModel kidneyDose,
        DosePerActivityModel marrowDose,
        KidneyMarrowCorrelation kidneyMarrow,
        String fittedOn) {

    /** netra's published defaults, before any refit. */
    public static final DepartmentPopulationModel PUBLISHED = new DepartmentPopulationModel(
            List.of(),
            DosePerActivityModel.KIDNEY_PUBLISHED,
            DosePerActivityModel.MARROW_PUBLISHED,
            KidneyMarrowCorrelation.PUBLISHED,
            "");

    public DepartmentPopulationModel {
        clearances = List.copyOf(clearances);
        Objects.requireNonNull(kidneyDose, "kidneyDose");
        Objects.requireNonNull(marrowDose, "marrowDose");
        kidneyMarrow = kidneyMarrow == null ? KidneyMarrowCorrelation.PUBLISHED : kidneyMarrow;
        fittedOn = fittedOn == null ? "" : fittedOn;
    }

    /** The prior in force for a region: the department's fit where it is large enough, else the published one. */
    public EffectiveHalfLifePrior priorFor(RegionKind region) {
        return clearances.stream()
                .filter(c -> c.region() == region && c.enoughToReplaceDefault())
                .findFirst()
                .map(c -> c.asPrior("fitted " + fittedOn))
                .orElseGet(() -> EffectiveHalfLifePrior.lu177Dotatate(region));
    }

    /** The kidney dose per activity in force (fitted if large enough, else published). */
    public DosePerActivityModel kidneyDoseInForce() {
        return kidneyDose.enoughToReplaceDefault() ? kidneyDose : DosePerActivityModel.KIDNEY_PUBLISHED;
    }

    /** The marrow dose per activity in force (fitted if large enough, else published). */
    public DosePerActivityModel marrowDoseInForce() {
        return marrowDose.enoughToReplaceDefault() ? marrowDose : DosePerActivityModel.MARROW_PUBLISHED;
    }

    /**
     * The kidney–marrow correlation in force: the department's fit where it is large enough and both dose models it
     * was fitted beside are in force too (a correlation belongs to the marginals it was estimated with), else none.
     */
    public KidneyMarrowCorrelation kidneyMarrowInForce() {
        return kidneyMarrow.enoughToReplaceDefault()
                        && kidneyDose.enoughToReplaceDefault()
                        && marrowDose.enoughToReplaceDefault()
                ? kidneyMarrow
                : KidneyMarrowCorrelation.PUBLISHED;
    }

    /** Each region kind's prior in force. */
    public Map<RegionKind, EffectiveHalfLifePrior> priorsInForce() {
        Map<RegionKind, EffectiveHalfLifePrior> out = new EnumMap<>(RegionKind.class);
        for (RegionKind r : RegionKind.values()) {
            out.put(r, priorFor(r));
        }
        return out;
    }
}

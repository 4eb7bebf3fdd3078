package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;

/**
 * One region's time–activity data and cumulative DVH as the dosimetry stored them, for the cycle's page.
 *
 * @param region the VOI or organ
 * @param model the kinetic model the TIA integrates
 * @param why the rule that chose the model, with its numbers
 * @param measuredHours measured times after injection (h)
 * @param measuredMBq the activity measured then
 * @param curveHours times the integrated curve is sampled at (h)
 * @param curveMBq the curve's activity there
 * @param dvhGy cumulative DVH doses (Gy); empty without a voxel dose
 * @param dvhFraction volume fraction receiving at least each dose
 * @param doseGy the region's mean absorbed dose (null where only the curve was kept)
 * @param doseSdGy its 1 SD (null if unknown)
 * @param volumeMl the region's volume (null if unknown)
 */
public record RegionCurves(
        String region,
        String model,
        String why,
        List<Double> measuredHours,
        List<Double> measuredMBq,
        List<Double> curveHours,
        List<Double> curveMBq,
        List<Double> dvhGy,
        List<Double> dvhFraction,
        Double doseGy,
        Double doseSdGy,
        Double volumeMl) {
    public RegionCurves {
        Objects.requireNonNull(region, "region of a stored time–activity curve");
        model = model == null ? "" : model;
        why = why == null ? "" : why;
        measuredHours = copy(measuredHours);
        measuredMBq = copy(measuredMBq);
        curveHours = copy(curveHours);
        curveMBq = copy(curveMBq);
        dvhGy = copy(dvhGy);
        dvhFraction = copy(dvhFraction);
        if (measuredHours.size() != measuredMBq.size()
                || curveHours.size() != curveMBq.size()
                || dvhGy.size() != dvhFraction.size()) {
            throw new IllegalArgumentException("curves of " + region + ": every x needs its y; store pairs");
        }
    }

    /** Curves without the region's dose. */
    public RegionCurves(
            String region,
            String model,
            String why,
            List<Double> measuredHours,
            List<Double> measuredMBq,
            List<Double> curveHours,
            List<Double> curveMBq,
            List<Double> dvhGy,
            List<Double> dvhFraction) {
        this(
                region,
                model,
                why,
                measuredHours,
                measuredMBq,
                curveHours,
                curveMBq,
                dvhGy,
                dvhFraction,
                null,
                null,
                null);
    }

    private static List<Double> copy(List<Double> v) {
        return v == null ? List.of() : List.copyOf(v);
    }
}

package org.netra.store.clinical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Volume;

/**
 * One region's time–activity data and cumulative DVH as the dosimetry stored them, for the cycle's page. The
 * store keeps it as {@link AsStored}: the JSON fields it has always had (numbers with the unit in the name, null
 * for "not kept"), so rows written before the dose was typed still load.
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
 * @param dose the region's mean absorbed dose (empty where only the curve was kept)
 * @param doseSd its 1 SD (empty if unknown)
 * @param volume the region's volume (empty if unknown)
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
        Optional<AbsorbedDose> dose,
        Optional<AbsorbedDose> doseSd,
        Optional<Volume> volume) {
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
        dose = dose == null ? Optional.empty() : dose;
        doseSd = doseSd == null ? Optional.empty() : doseSd;
        volume = volume == null ? Optional.empty() : volume;
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
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    @JsonValue
    AsStored stored() {
        return new AsStored(
                region,
                model,
                why,
                measuredHours,
                measuredMBq,
                curveHours,
                curveMBq,
                dvhGy,
                dvhFraction,
                dose.map(AbsorbedDose::inGy).orElse(null),
                doseSd.map(AbsorbedDose::inGy).orElse(null),
                volume.map(Volume::inMl).orElse(null));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RegionCurves of(AsStored s) {
        return new RegionCurves(
                s.region(),
                s.model(),
                s.why(),
                s.measuredHours(),
                s.measuredMBq(),
                s.curveHours(),
                s.curveMBq(),
                s.dvhGy(),
                s.dvhFraction(),
                Optional.ofNullable(s.doseGy()).map(AbsorbedDose::ofGy),
                Optional.ofNullable(s.doseSdGy()).map(AbsorbedDose::ofGy),
                Optional.ofNullable(s.volumeMl()).map(Volume::ofMl));
    }

    /** The stored form (a serialisation boundary: units in the field names, null where nothing was kept). */
    record AsStored(
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
            Double volumeMl) {}

    private static List<Double> copy(List<Double> v) {
        return v == null ? List.of() : List.copyOf(v);
    }
}

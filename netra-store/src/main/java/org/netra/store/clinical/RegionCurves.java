package org.netra.store.clinical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;
import org.netra.physics.quantity.Volume;

/**
 * One region's time–activity data and cumulative DVH as the dosimetry stored them, for the cycle's page. The
 * store keeps it as {@link AsStored}: the JSON fields it has always had (numbers with the unit in the name, null
 * for "not kept"), so rows written before the figures were typed still load.
 *
 * @param region the VOI or organ
 * @param model the kinetic model the TIA integrates
 * @param why the rule that chose the model, with its numbers
 * @param measured the activities measured, by time after injection
 * @param curve the integrated curve, sampled for drawing (empty where only the points were kept)
 * @param dvh the cumulative DVH; empty without a voxel dose
 * @param dose the region's mean absorbed dose (empty where only the curve was kept)
 * @param doseSd its 1 SD (empty if unknown)
 * @param volume the region's volume (empty if unknown)
 * @param tia the region's time-integrated activity as the job computed it (empty where it was not kept: curves
 *     stored before it was, or recorded without a job), so the cycle's report prints it rather than a dash
 * @param mass the region's mass as the job's dose used it (volume × mean density of its voxels: the CT's, or soft
 *     tissue's without a CT); empty where it was not kept
 */
public record RegionCurves(
        String region,
        String model,
        String why,
        List<CurvePoint> measured,
        List<CurvePoint> curve,
        List<DvhPoint> dvh,
        Optional<AbsorbedDose> dose,
        Optional<AbsorbedDose> doseSd,
        Optional<Volume> volume,
        Optional<TimeIntegratedActivity> tia,
        Optional<Mass> mass) {

    /** The activity at a time after injection (stored as hours, the curve's axis: {@link AsStored}). */
    public record CurvePoint(Duration afterInjection, Activity activity) {
        public CurvePoint {
            Objects.requireNonNull(afterInjection, "time after injection of a curve point");
            Objects.requireNonNull(activity, "activity of a curve point");
        }

        /** The point {@code hours} after injection (the kinetics' and the charts' axis). */
        public static CurvePoint atHours(double hours, Activity activity) {
            return new CurvePoint(Times.ofHours(hours), activity);
        }

        public double hours() {
            return Times.hours(afterInjection);
        }
    }

    /** A point of a cumulative DVH: the share of the region's volume receiving at least {@code dose}. */
    public record DvhPoint(AbsorbedDose dose, double fractionAtLeast) {
        public DvhPoint {
            Objects.requireNonNull(dose, "dose of a DVH point");
            if (!(fractionAtLeast >= 0 && fractionAtLeast <= 1)) {
                throw new IllegalArgumentException("a DVH's volume fraction is in [0, 1], not " + fractionAtLeast);
            }
        }
    }

    public RegionCurves {
        Objects.requireNonNull(region, "region of a stored time–activity curve");
        model = model == null ? "" : model;
        why = why == null ? "" : why;
        measured = measured == null ? List.of() : List.copyOf(measured);
        curve = curve == null ? List.of() : List.copyOf(curve);
        dvh = dvh == null ? List.of() : List.copyOf(dvh);
        dose = dose == null ? Optional.empty() : dose;
        doseSd = doseSd == null ? Optional.empty() : doseSd;
        volume = volume == null ? Optional.empty() : volume;
        tia = tia == null ? Optional.empty() : tia;
        mass = mass == null ? Optional.empty() : mass;
    }

    /** A region's curves and dose without its time-integrated activity and mass. */
    public RegionCurves(
            String region,
            String model,
            String why,
            List<CurvePoint> measured,
            List<CurvePoint> curve,
            List<DvhPoint> dvh,
            Optional<AbsorbedDose> dose,
            Optional<AbsorbedDose> doseSd,
            Optional<Volume> volume) {
        this(region, model, why, measured, curve, dvh, dose, doseSd, volume, Optional.empty(), Optional.empty());
    }

    /** Curves without the region's dose. */
    public RegionCurves(String region, String model, String why, List<CurvePoint> measured, List<CurvePoint> curve) {
        this(region, model, why, measured, curve, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Curve points from parallel arrays of hours and MBq (as the kinetics and the charts hold them). */
    public static List<CurvePoint> points(double[] hours, double[] mBq) {
        if (hours.length != mBq.length) {
            throw new IllegalArgumentException(hours.length + " times for " + mBq.length + " activities");
        }
        List<CurvePoint> out = new ArrayList<>(hours.length);
        for (int i = 0; i < hours.length; i++) {
            out.add(CurvePoint.atHours(hours[i], Activity.ofMBq(mBq[i])));
        }
        return out;
    }

    /** DVH points from parallel arrays of doses (Gy) and volume fractions. */
    public static List<DvhPoint> dvhPoints(double[] gy, double[] fraction) {
        if (gy.length != fraction.length) {
            throw new IllegalArgumentException(gy.length + " doses for " + fraction.length + " volume fractions");
        }
        List<DvhPoint> out = new ArrayList<>(gy.length);
        for (int i = 0; i < gy.length; i++) {
            out.add(new DvhPoint(AbsorbedDose.ofGy(gy[i]), fraction[i]));
        }
        return out;
    }

    @JsonValue
    AsStored stored() {
        return new AsStored(
                region,
                model,
                why,
                measured.stream().map(CurvePoint::hours).toList(),
                measured.stream().map(p -> p.activity().inMBq()).toList(),
                curve.stream().map(CurvePoint::hours).toList(),
                curve.stream().map(p -> p.activity().inMBq()).toList(),
                dvh.stream().map(p -> p.dose().inGy()).toList(),
                dvh.stream().map(DvhPoint::fractionAtLeast).toList(),
                dose.map(AbsorbedDose::inGy).orElse(null),
                doseSd.map(AbsorbedDose::inGy).orElse(null),
                volume.map(Volume::inMl).orElse(null),
                tia.map(TimeIntegratedActivity::inMBqHours).orElse(null),
                mass.map(Mass::inGrams).orElse(null));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RegionCurves of(AsStored s) {
        return new RegionCurves(
                s.region(),
                s.model(),
                s.why(),
                points(s.region(), s.measuredHours(), s.measuredMBq()),
                points(s.region(), s.curveHours(), s.curveMBq()),
                dvhPoints(array(s.dvhGy()), array(s.dvhFraction())),
                Optional.ofNullable(s.doseGy()).map(AbsorbedDose::ofGy),
                Optional.ofNullable(s.doseSdGy()).map(AbsorbedDose::ofGy),
                Optional.ofNullable(s.volumeMl()).map(Volume::ofMl),
                Optional.ofNullable(s.tiaMBqH()).map(TimeIntegratedActivity::ofMBqHours),
                Optional.ofNullable(s.massG()).map(Mass::ofGrams));
    }

    private static List<CurvePoint> points(String region, List<Double> hours, List<Double> mBq) {
        if (size(hours) != size(mBq)) {
            throw new IllegalArgumentException("curves of " + region + ": every x needs its y; store pairs");
        }
        return points(array(hours), array(mBq));
    }

    private static int size(List<Double> v) {
        return v == null ? 0 : v.size();
    }

    private static double[] array(List<Double> v) {
        return v == null
                ? new double[0]
                : v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The stored form (a serialisation boundary: parallel lists of numbers with the unit in the field name, null
     * where nothing was kept).
     */
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
            Double volumeMl,
            // absent in curves stored before the TIA was kept; left out when null so those are written back as
            // they were
            @JsonInclude(JsonInclude.Include.NON_NULL) Double tiaMBqH,
            // absent in curves stored before the mass was kept, likewise
            @JsonInclude(JsonInclude.Include.NON_NULL) Double massG) {}
}

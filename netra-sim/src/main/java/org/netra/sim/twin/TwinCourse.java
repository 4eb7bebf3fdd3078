package org.netra.sim.twin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.MeasuredDoseUncertainty;
import org.netra.dosimetry.kinetics.ExponentialTerm;
import org.netra.dosimetry.kinetics.Exponentials;
import org.netra.dosimetry.population.ClearanceNlmeFit;
import org.netra.dosimetry.population.MeasuredClearance;
import org.netra.dosimetry.radiobiology.Bed;
import org.netra.dosimetry.radiobiology.LeaCatcheside;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Region;
import org.netra.sim.kinetics.Lu177Dotatate.Group;
import org.netra.sim.kinetics.TrueKinetics;

/**
 * A twin's whole course of 177Lu-DOTATATE cycles as the sim's generating process makes it ({@link TwinSpec}: the
 * patient's own kinetics, repeated from cycle to cycle within 8 %), without images: each cycle's true kidney and
 * marrow absorbed dose and the kidneys' true BED, and what a department would have measured of it. The truth is what
 * a course forecast is checked against; the measurement is what it (and the population fit) is given.
 *
 * <p>Doses are local deposition of 177Lu's non-penetrating energy over the region's mass, as in {@link TwinCurves}.
 * The kidneys' BED is the LQ BED of their own bi-exponential curve with uptake (Lea–Catcheside G of the whole curve),
 * not the mono-exponential form a forecast assumes: the difference is part of what the check sees.
 *
 * @param spec the twin (seed, body, per-cycle kinetics, activity per cycle)
 * @param cycles each cycle's truth, in order
 */
public record TwinCourse(TwinSpec spec, List<CycleTruth> cycles) {

    /**
     * One cycle's truth.
     *
     * @param kidneys the kidneys' activity curve (MBq, hours from injection)
     * @param kidneyGy the kidneys' mean absorbed dose
     * @param kidneyBedGy the kidneys' BED (LQ, α/β 2.6 Gy, T_rep 2.8 h)
     * @param marrowGy the red marrow's absorbed dose
     */
    public record CycleTruth(int cycle, Exponentials kidneys, double kidneyGy, double kidneyBedGy, double marrowGy) {}

    /**
     * How a department measures a cycle: the relative (log-normal) error of each kidney scan, of the kidney dose and
     * of the marrow dose, and the scan times.
     */
    public record Measurement(
            double kidneyScanError, double kidneyDoseError, double marrowDoseError, double[] scanHours) {
        /**
         * What netra's pipeline achieves on twins for the kidneys (2 %: docs/benchmarks.md, kidney MAE 0.8–0.9 %,
         * worst 1.9 %), 10 % for the marrow (blood-based, an assumption), scans at 4, 24, 96 and 168 h.
         */
        public static final Measurement PIPELINE = new Measurement(0.02, 0.02, 0.10, new double[] {4, 24, 96, 168});

        /** Clinical SPECT as often assumed: 10 % per kidney scan and dose, 20 % for the marrow. */
        public static final Measurement CLINICAL = new Measurement(0.10, 0.10, 0.20, new double[] {4, 24, 96, 168});

        /** The doses' errors as a course forecast takes them into account. */
        public MeasuredDoseUncertainty doseUncertainty() {
            return new MeasuredDoseUncertainty(kidneyDoseError, marrowDoseError);
        }
    }

    private static final double JOULES_PER_DECAY = EnergyPartition.of(
                    NuclideCatalog.icrp107().lutetium177())
            .nonPenetrating()
            .inJoules();

    public TwinCourse {
        cycles = List.copyOf(cycles);
    }

    /** The twin drawn from {@code seed} with {@code cycles} cycles of {@code gbqPerCycle}. */
    public static TwinCourse of(long seed, int cycles, double gbqPerCycle) {
        TwinSpec spec = TwinSpec.draw(seed, cycles, gbqPerCycle * 1000);
        Phantom phantom = Phantom.build(spec.phantom());
        double kidneyMassG = 0;
        for (Region r : Region.values()) {
            if (Group.of(r) == Group.KIDNEYS) {
                kidneyMassG += phantom.volumeMl(r) * Phantom.density(r);
            }
        }
        double marrowMassG = phantom.volumeMl(Region.MARROW) * Phantom.density(Region.MARROW);
        List<CycleTruth> truths = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            TrueKinetics k = TrueKinetics.of(phantom, spec.cycleKinetics().get(c), spec.injectedMBq());
            List<ExponentialTerm> terms = new ArrayList<>();
            for (Region r : Region.values()) {
                if (Group.of(r) == Group.KIDNEYS && phantom.voxelCount(r) > 0) {
                    terms.addAll(k.region(r).terms());
                }
            }
            Exponentials kidneys = new Exponentials(terms);
            double kidneyGy = gray(kidneys, kidneyMassG);
            double bed = Bed.of(
                            AbsorbedDose.ofGy(kidneyGy),
                            LeaCatcheside.gFactor(kidneys, TissueParameters.KIDNEY.repairHalfTime()),
                            TissueParameters.KIDNEY)
                    .inGy();
            truths.add(new CycleTruth(c + 1, kidneys, kidneyGy, bed, gray(k.region(Region.MARROW), marrowMassG)));
        }
        return new TwinCourse(spec, truths);
    }

    private static double gray(Exponentials curve, double massG) {
        double decays = curve.integralMBqHours(0, Double.POSITIVE_INFINITY) * 1e6 * 3600;
        return decays * JOULES_PER_DECAY / (massG / 1000);
    }

    /** The activity given each cycle. */
    public Activity activityPerCycle() {
        return Activity.ofMBq(spec.injectedMBq());
    }

    /** The true cumulative kidney BED after cycle {@code upTo} (1-based). */
    public double cumulativeKidneyBedGy(int upTo) {
        return cycles.subList(0, upTo).stream()
                .mapToDouble(CycleTruth::kidneyBedGy)
                .sum();
    }

    /** The true cumulative marrow dose after cycle {@code upTo} (1-based). */
    public double cumulativeMarrowGy(int upTo) {
        return cycles.subList(0, upTo).stream()
                .mapToDouble(CycleTruth::marrowGy)
                .sum();
    }

    /** The kidneys' scans of cycle {@code cycle} (1-based), each with its measurement error, as stored. */
    public MeasuredClearance kidneyScans(int cycle, Measurement how, Random rng) {
        Exponentials curve = cycles.get(cycle - 1).kidneys();
        double[] hours = how.scanHours().clone();
        double[] mBq = new double[hours.length];
        for (int i = 0; i < hours.length; i++) {
            mBq[i] = curve.valueMBq(hours[i]) * logNormal(rng, how.kidneyScanError());
        }
        return new MeasuredClearance("twin-" + spec.seed(), cycle, hours, mBq);
    }

    /**
     * The dosimetry a department would store for cycle {@code cycle}: the kidney and marrow doses with their errors
     * and the kidneys' effective half-life fitted to the scans after the uptake phase (log-linear least squares).
     */
    public CycleDosimetry measured(int cycle, MeasuredClearance scans, Measurement how, Random rng) {
        CycleTruth t = cycles.get(cycle - 1);
        double kidneyGy = t.kidneyGy() * logNormal(rng, how.kidneyDoseError());
        double marrowGy = t.marrowGy() * logNormal(rng, how.marrowDoseError());
        return new CycleDosimetry(
                cycle,
                LocalDate.of(2026, 1, 5).plusWeeks(8L * cycle),
                activityPerCycle(),
                AbsorbedDose.ofGy(kidneyGy),
                Times.ofHours(washoutHalfLifeHours(scans)),
                Optional.empty(),
                AbsorbedDose.ofGy(marrowGy));
    }

    /** The effective half-life of the scans at or after {@link ClearanceNlmeFit#UPTAKE_PHASE_HOURS}. */
    static double washoutHalfLifeHours(MeasuredClearance scans) {
        double[] h = scans.hoursAfterInjection();
        double[] a = scans.activityMBq();
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < h.length; i++) {
            if (h[i] >= ClearanceNlmeFit.UPTAKE_PHASE_HOURS) {
                double y = Math.log(a[i]);
                n++;
                sx += h[i];
                sy += y;
                sxx += h[i] * h[i];
                sxy += h[i] * y;
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("the kidneys' half-life needs two scans after "
                    + ClearanceNlmeFit.UPTAKE_PHASE_HOURS + " h, got " + (int) n);
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        if (!(slope < 0)) {
            throw new IllegalArgumentException("the kidneys' scans do not wash out (slope " + slope + " per hour)");
        }
        return Math.log(2) / -slope;
    }

    private static double logNormal(Random rng, double sd) {
        return Math.exp(sd * rng.nextGaussian());
    }
}

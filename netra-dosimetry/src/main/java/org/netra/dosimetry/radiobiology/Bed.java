package org.netra.dosimetry.radiobiology;

import java.time.Duration;
import java.util.List;
import org.netra.dosimetry.kinetics.KineticModel;
import org.netra.dosimetry.kinetics.Tail;
import org.netra.dosimetry.kinetics.TiaMethod;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Times;

/**
 * Biologically effective dose of the linear-quadratic model for continuous irradiation, BED = D·(1 + G·D/(α/β))
 * (Dale, Br J Radiol 1985;58:515), in Gy. BEDs of separate cycles add; EQD2 = BED/(1 + 2/(α/β)).
 */
public final class Bed {
    private Bed() {}

    /** BED from the dose and its Lea–Catcheside factor G. */
    public static AbsorbedDose of(AbsorbedDose dose, double gFactor, TissueParameters tissue) {
        if (!(gFactor >= 0 && gFactor <= 1)) {
            throw new IllegalArgumentException("a Lea–Catcheside factor lies in [0, 1], got " + gFactor);
        }
        double d = dose.inGy();
        return AbsorbedDose.ofGy(d * (1 + gFactor * d / tissue.alphaBeta().inGy()));
    }

    /**
     * Instantaneous uptake, mono-exponential clearance: BED = D·[1 + D·T_rep/((α/β)(T_rep + T_eff))]
     * (docs/DOMAIN.md §3).
     */
    public static AbsorbedDose monoExponential(AbsorbedDose dose, Duration effectiveHalfLife, TissueParameters tissue) {
        double tRep = Times.hours(tissue.repairHalfTime());
        double tEff = Times.hours(effectiveHalfLife);
        double d = dose.inGy();
        return AbsorbedDose.ofGy(d * (1 + d * tRep / (tissue.alphaBeta().inGy() * (tRep + tEff))));
    }

    /** BED for a dose delivered with the time course of {@code model} (G computed for its exponentials). */
    public static AbsorbedDose forModel(AbsorbedDose dose, KineticModel model, TissueParameters tissue) {
        return of(dose, LeaCatcheside.gFactor(model.exponentials(), tissue.repairHalfTime()), tissue);
    }

    /**
     * BED for a dose whose time course a {@link TiaResult} describes: a fitted model's G when the model is
     * integrated to infinity; otherwise (trapezoid, single point, physical tail) the mono-exponential form with
     * the result's effective half-life, which for those methods is the half-life of the tail that delivers most
     * of the dose. That is an approximation and is named as such in the result's method.
     */
    public static AbsorbedDose forResult(AbsorbedDose dose, TiaResult result, TissueParameters tissue) {
        if (result.method() instanceof TiaMethod.Fit fit && fit.tail() == Tail.MODEL) {
            return forModel(dose, fit.model(), tissue);
        }
        return monoExponential(dose, result.effectiveHalfLife(), tissue);
    }

    /** EQD2 = BED / (1 + 2 Gy/(α/β)): the dose in 2-Gy fractions with the same effect. */
    public static AbsorbedDose eqd2(AbsorbedDose bed, TissueParameters tissue) {
        return AbsorbedDose.ofGy(bed.inGy() / (1 + 2 / tissue.alphaBeta().inGy()));
    }

    /** The BED of several cycles: the sum of each cycle's BED (full repair between cycles). */
    public static AbsorbedDose cumulative(List<AbsorbedDose> perCycleBeds) {
        AbsorbedDose sum = AbsorbedDose.ZERO;
        for (AbsorbedDose b : perCycleBeds) {
            sum = sum.plus(b);
        }
        return sum;
    }
}

package org.netra.dosimetry.radiobiology;

import java.time.Duration;
import org.netra.physics.quantity.AbsorbedDose;

/**
 * The linear-quadratic parameters of a tissue, with where they come from.
 *
 * @param alphaBeta α/β
 * @param repairHalfTime the half-time of sublethal-damage repair (μ = ln 2 / T_rep), assumed mono-exponential
 */
public record TissueParameters(String tissue, AbsorbedDose alphaBeta, Duration repairHalfTime, String source) {

    /**
     * Kidney: α/β 2.6 Gy, repair half-time 2.8 h, as used for PRRT kidney BED by Barone et al. (J Nucl Med
     * 2005;46:99S–106S) and Bodei et al. (EJNMMI 2008;35:1847–1856); the literature gives repair half-times of
     * 1.5–2.8 h, so make the choice explicit where it matters.
     */
    public static final TissueParameters KIDNEY = new TissueParameters(
            "kidney",
            AbsorbedDose.ofGy(2.6),
            Duration.ofMinutes(168),
            "Barone et al., J Nucl Med 2005;46:99S; Bodei et al., EJNMMI 2008;35:1847");

    /**
     * Tumour: α/β 10 Gy, repair half-time 1.5 h, the values external-beam radiotherapy conventionally assumes for
     * tumours, which PRRT tumour BEDs often borrow. NET-specific values are not established (docs/DOMAIN.md gives
     * sourced values for the kidney only), so this is netra's assumption, stated with every result that uses it;
     * a kidney's 2.6 Gy and 2.8 h are never applied to a tumour unless the user asks for them.
     */
    public static final TissueParameters TUMOUR = new TissueParameters(
            "tumour",
            AbsorbedDose.ofGy(10),
            Duration.ofMinutes(90),
            "assumed: the radiotherapy convention for tumours (α/β 10 Gy, T_rep 1.5 h); not NET-specific");

    public TissueParameters {
        if (alphaBeta.inGy() <= 0) {
            throw new IllegalArgumentException("α/β of " + tissue + " must be positive, got " + alphaBeta);
        }
        if (repairHalfTime.isNegative() || repairHalfTime.isZero()) {
            throw new IllegalArgumentException(
                    "repair half-time of " + tissue + " must be positive, got " + repairHalfTime);
        }
    }

    public TissueParameters withRepairHalfTime(Duration halfTime) {
        return new TissueParameters(tissue, alphaBeta, halfTime, source + "; repair half-time set to " + halfTime);
    }

    public TissueParameters withAlphaBeta(AbsorbedDose ab) {
        return new TissueParameters(tissue, ab, repairHalfTime, source + "; α/β set to " + ab);
    }
}

package org.netra.sim.truth;

import java.time.Duration;
import java.util.Optional;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.sim.anatomy.Voi;

/** The linear-quadratic parameters the ground truth's BED uses, per kind of VOI. */
public final class Radiobiology {
    private Radiobiology() {}

    /**
     * Tumours: α/β 10 Gy and a 1.5 h repair half-time, the values commonly assumed for tumour BED in PRRT
     * (e.g. Strigari et al., EJNMMI 2014;41:1976 review; Ilan et al., J Nucl Med 2015;56:177).
     */
    public static final TissueParameters TUMOUR = new TissueParameters(
            "tumour",
            AbsorbedDose.ofGy(10),
            Duration.ofMinutes(90),
            "α/β 10 Gy, T_rep 1.5 h (Strigari 2014 review; Ilan 2015)");

    /**
     * Red marrow: α/β 15 Gy, repair half-time 0.5 h, the values used for marrow BED in radionuclide
     * therapy (Strigari et al., EJNMMI 2014;41:1976); stated as an assumption, marrow LQ data are scarce.
     */
    public static final TissueParameters MARROW = new TissueParameters(
            "red marrow",
            AbsorbedDose.ofGy(15),
            Duration.ofMinutes(30),
            "α/β 15 Gy, T_rep 0.5 h (Strigari 2014; assumption)");

    /** The parameters for a VOI's BED, or empty where netra reports none (normal liver, spleen, body). */
    public static Optional<TissueParameters> forVoi(Voi voi) {
        return switch (voi.kind()) {
            case KIDNEY -> Optional.of(TissueParameters.KIDNEY);
            case TUMOUR -> Optional.of(TUMOUR);
            case MARROW -> Optional.of(MARROW);
            case ORGAN, BODY -> Optional.empty();
        };
    }
}

package org.netra.sim.kinetics;

import java.util.List;
import java.util.Locale;
import org.netra.dosimetry.kinetics.ExponentialTerm;
import org.netra.dosimetry.kinetics.Exponentials;

/**
 * The time course of one tissue after injection, bi-exponential with an uptake phase:
 * {@code a(t) = f·e^(−ln2·t/Tf) + s·e^(−ln2·t/Ts) − (f+s)·e^(−ln2·t/Tu)}, half-lives effective (physical decay
 * included). An uptake half-life of 0 means none: the tissue holds its activity from the end of the infusion
 * (blood, extracellular space). The amplitudes {@code fast} and {@code slow} are fractions of the injected activity — of the
 * whole organ, or per mL where {@link #perMl} (tumours, marrow), so that the curve follows the tissue's
 * size.
 */
public record Uptake(
        double fast,
        double fastHalfLifeH,
        double slow,
        double slowHalfLifeH,
        double uptakeHalfLifeH,
        boolean perMl,
        String source) {
    public Uptake {
        if (!(fast >= 0 && slow >= 0 && fast + slow > 0)) {
            throw new IllegalArgumentException(
                    "uptake amplitudes must be ≥ 0 and not both 0, got " + fast + ", " + slow);
        }
        if (!(uptakeHalfLifeH >= 0 && uptakeHalfLifeH < fastHalfLifeH && fastHalfLifeH <= slowHalfLifeH)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "half-lives must order uptake < fast ≤ slow, got %.3g, %.3g, %.3g h",
                    uptakeHalfLifeH,
                    fastHalfLifeH,
                    slowHalfLifeH));
        }
    }

    /** This curve with both amplitudes multiplied by {@code factor} (between-patient variation). */
    public Uptake scaled(double factor) {
        return new Uptake(fast * factor, fastHalfLifeH, slow * factor, slowHalfLifeH, uptakeHalfLifeH, perMl, source);
    }

    /** This curve with the slow half-life multiplied by {@code factor}, kept above the fast one. */
    public Uptake slowerBy(double factor) {
        double ts = Math.max(slowHalfLifeH * factor, fastHalfLifeH);
        return new Uptake(fast, fastHalfLifeH, slow, ts, uptakeHalfLifeH, perMl, source);
    }

    /**
     * The same biology with another nuclide: every effective rate λ = λ_biological + λ_physical, so the
     * physical rate of {@code fromHalfLifeH} is swapped for that of {@code toHalfLifeH}.
     */
    public Uptake retimed(double fromHalfLifeH, double toHalfLifeH) {
        double shift = rate(toHalfLifeH) - rate(fromHalfLifeH);
        return new Uptake(
                fast,
                retime(fastHalfLifeH, shift),
                slow,
                retime(slowHalfLifeH, shift),
                uptakeHalfLifeH == 0 ? 0 : retime(uptakeHalfLifeH, shift),
                perMl,
                source + "; retimed from T½ " + fromHalfLifeH + " h to " + toHalfLifeH + " h");
    }

    private static double retime(double halfLifeH, double shift) {
        // a biological half-life longer than the physical one leaves λ_biological > 0 always
        return Math.log(2) / Math.max(rate(halfLifeH) + shift, 1e-6);
    }

    /** The activity curve in MBq for {@code injectedMBq} and a tissue of {@code volumeMl}. */
    public Exponentials curve(double injectedMBq, double volumeMl) {
        double scale = injectedMBq * (perMl ? volumeMl : 1);
        double f = fast * scale;
        double s = slow * scale;
        var fastTerm = new ExponentialTerm(f, rate(fastHalfLifeH));
        var slowTerm = new ExponentialTerm(s, rate(slowHalfLifeH));
        if (uptakeHalfLifeH == 0) {
            return new Exponentials(List.of(fastTerm, slowTerm));
        }
        return new Exponentials(List.of(fastTerm, slowTerm, new ExponentialTerm(-(f + s), rate(uptakeHalfLifeH))));
    }

    static double rate(double halfLifeH) {
        return Math.log(2) / halfLifeH;
    }
}

package org.netra.dosimetry.kinetics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/** Known curves and data sampled from them, for the kinetics tests. */
final class Curves {
    static final KineticsSettings LU177 =
            KineticsSettings.of(NuclideCatalog.icrp107().get("Lu-177"));
    static final double[] HOURS = {1, 4, 8, 24, 48, 72, 96, 120, 144, 168};

    private Curves() {}

    static MonoExponential mono(double mbq, double halfLifeHours) {
        return new MonoExponential(Activity.ofMBq(mbq), Times.ofHours(halfLifeHours));
    }

    static BiExponential bi(double a1, double h1, double a2, double h2) {
        return new BiExponential(Activity.ofMBq(a1), Times.ofHours(h1), Activity.ofMBq(a2), Times.ofHours(h2));
    }

    static UptakeWashout uptake(double a, double washoutHours, double uptakeHours) {
        return new UptakeWashout(Activity.ofMBq(a), Times.ofHours(washoutHours), Times.ofHours(uptakeHours));
    }

    static Duration h(double hours) {
        return Times.ofHours(hours);
    }

    /** Samples at {@code hours}, multiplied by (1 + relativeNoise·N(0,1)) when a random source is given. */
    static TimeActivityData sample(KineticModel model, double[] hours, Random noise, double relativeNoise) {
        List<TimePoint> points = new ArrayList<>();
        for (double t : hours) {
            double v = model.valueAt(h(t)).inMBq();
            if (noise != null) {
                v *= 1 + relativeNoise * noise.nextGaussian();
            }
            points.add(TimePoint.of(h(t), Activity.ofMBq(v)));
        }
        return new TimeActivityData(points);
    }
}

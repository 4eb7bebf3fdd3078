package org.netra.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.netra.physics.decay.Decay;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code netra demo}: the main job. Until the web app exists it prints what netra can already compute
 * for a standard 177Lu-DOTATATE cycle.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the demo (for now: a PRRT cycle's physics).")
final class DemoCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Nuclide lu = NuclideCatalog.icrp107().get("Lu-177");
        Activity injected = Activity.ofGBq(7.4);
        out.println("netra demo: one 177Lu-DOTATATE cycle of 7.4 GBq (the web app comes in a later release)");
        out.printf(Locale.ROOT, "  %s half-life %.3f d (ICRP-107)%n", lu.name(), lu.halfLifeSeconds() / 86400);
        for (int hours : new int[] {4, 24, 96, 168}) {
            Activity a = Decay.activityAt(injected, lu.halfLife(), Times.ofHours(hours));
            out.printf(Locale.ROOT, "  activity left in the patient without excretion at %3d h: %s%n", hours, a);
        }
        var p = EnergyPartition.of(lu);
        out.printf(
                Locale.ROOT,
                "  energy per decay: %.4f MeV non-penetrating, %.4f MeV penetrating (photon cut %s)%n",
                p.nonPenetrating().inMeV(),
                p.penetrating().inMeV(),
                p.photonCut());
        out.printf(
                Locale.ROOT,
                "  decays in the whole cycle if nothing were excreted: %s%n",
                Decay.integralToInfinity(injected, lu.halfLife()));
        out.flush();
    }
}

package org.netra.sim.twin;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.TrueKinetics;
import org.netra.sim.spect.SpectScan;
import org.netra.sim.spect.SpectSettings;
import org.netra.sim.spect.SpectSimulator;
import org.netra.sim.truth.DoseTruth;

/** Builds digital twins: phantom, kinetics, SPECT images and ground truth, all from one seed. */
public final class DigitalTwin {
    /** The first cycle's injection; later cycles follow every 8 weeks (the label schedule). */
    public static final LocalDateTime FIRST_INJECTION = LocalDateTime.of(2026, 3, 2, 9, 0);

    public static final int CYCLE_INTERVAL_WEEKS = 8;

    private DigitalTwin() {}

    public static Twin simulate(long seed, int cycles, SpectSettings settings) {
        return simulate(TwinSpec.draw(seed, cycles, 7400), settings, false);
    }

    /** With {@code diagnostic}, also the 111In SRS and 68Ga PET before the first cycle. */
    public static Twin simulate(long seed, int cycles, SpectSettings settings, boolean diagnostic) {
        return simulate(TwinSpec.draw(seed, cycles, 7400), settings, diagnostic);
    }

    public static Twin simulate(TwinSpec spec, SpectSettings settings, boolean diagnostic) {
        Phantom phantom = Phantom.build(spec.phantom());
        List<Twin.Cycle> out = new ArrayList<>();
        for (int c = 0; c < spec.cycles(); c++) {
            TrueKinetics k = TrueKinetics.of(phantom, spec.cycleKinetics().get(c), spec.injectedMBq());
            // each cycle's noise and motion from its own stream of the seed
            List<SpectScan> scans = SpectSimulator.simulate(k, settings, spec.seed() * 1_000_003L + c);
            out.add(new Twin.Cycle(
                    c + 1,
                    FIRST_INJECTION.plusWeeks((long) CYCLE_INTERVAL_WEEKS * c),
                    k,
                    scans,
                    DoseTruth.of(c + 1, k, Voi.of(spec.phantom()))));
        }
        Optional<DiagnosticWorkup> work = diagnostic
                ? Optional.of(DiagnosticWorkup.simulate(
                        phantom,
                        spec.cycleKinetics().get(0),
                        Ga68PetPopulation.draw(spec),
                        spec.phantom().body().weightKg(),
                        FIRST_INJECTION,
                        spec.seed()))
                : Optional.empty();
        return new Twin(spec, phantom, settings, out, work);
    }
}

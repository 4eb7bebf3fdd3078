package org.netra.sim.twin;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.kinetics.TrueKinetics;
import org.netra.sim.spect.SpectScan;
import org.netra.sim.spect.SpectSettings;
import org.netra.sim.truth.CycleTruth;

/**
 * A simulated patient: the phantom, per cycle the true kinetics, the SPECT scans and the truth, and when asked
 * for the diagnostic work-up before PRRT.
 */
public record Twin(
        TwinSpec spec,
        Phantom phantom,
        SpectSettings settings,
        List<Cycle> cycles,
        Optional<DiagnosticWorkup> diagnostic) {
    public record Cycle(
            int number, LocalDateTime injection, TrueKinetics kinetics, List<SpectScan> scans, CycleTruth truth) {}

    public Twin {
        cycles = List.copyOf(cycles);
    }
}

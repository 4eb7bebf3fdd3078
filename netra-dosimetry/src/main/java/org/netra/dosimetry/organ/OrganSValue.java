package org.netra.dosimetry.organ;

import org.netra.physics.quantity.Mass;

/**
 * One S-value of a phantom: target ← source, with OpenDose's Monte Carlo standard error (same unit) and the
 * target's mass in the phantom.
 */
public record OrganSValue(
        ReferencePhantom phantom,
        SourceRegion source,
        String target,
        SValue s,
        double standardError,
        Mass targetMass) {}

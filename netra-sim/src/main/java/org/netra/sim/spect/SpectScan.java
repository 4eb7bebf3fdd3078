package org.netra.sim.spect;

import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.Volume;

/**
 * One simulated SPECT reconstruction: the hours after injection it started at, the image (Bq/mL at scan
 * start, no decay correction beyond that), and the rigid motion of the patient relative to the CT (the
 * identity when aligned): the image shows the activity at {@code motion⁻¹} of each CT position.
 */
public record SpectScan(double hoursAfterInjection, Volume image, RigidTransform motion) {}

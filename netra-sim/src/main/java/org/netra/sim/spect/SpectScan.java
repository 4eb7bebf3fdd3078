package org.netra.sim.spect;

import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.RigidTransform;
import org.netra.sim.anatomy.Phantom;

/**
 * One simulated SPECT reconstruction: the hours after injection it started at, the image (Bq/mL at scan
 * start, no decay correction beyond that), and the rigid motion of the patient relative to the CT (the
 * identity when aligned): the image shows the activity at {@code motion⁻¹} of each CT position.
 */
public record SpectScan(double hoursAfterInjection, ImageVolume image, RigidTransform motion) {
    /**
     * The CT taken with this scan (a SPECT/CT's low-dose CT, in the SPECT's frame): the phantom's CT moved by
     * the scan's motion exactly as the activity is, air (−1000 HU) where the moved body leaves the grid.
     */
    public ImageVolume ct(Phantom phantom) {
        return SpectSimulator.move(phantom.ct(), motion, -1000f);
    }
}

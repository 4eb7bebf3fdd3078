package org.netra.sim.export;

/**
 * DICOM UIDs that are the same for the same twin: netra-imaging's name-based UID of the seed and the
 * object's role, so a re-run with the same seed writes the same files.
 */
final class TwinUids {
    private TwinUids() {}

    static String of(long seed, String role) {
        return org.netra.imaging.dicom.Uids.named("netra-sim/" + seed + "/" + role);
    }
}

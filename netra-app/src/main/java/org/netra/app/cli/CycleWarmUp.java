package org.netra.app.cli;

import org.netra.app.dosimetry.CycleJson;
import org.netra.dosimetry.voxel.PhotonPointKernel;
import org.netra.dosimetry.voxel.VoxelSValues;
import org.netra.imaging.dicom.DataDictionary;
import org.netra.physics.material.CtDensity;
import org.netra.physics.nuclide.NuclideCatalog;

/**
 * The tables a {@code netra dosimetry} run loads once — the DICOM dictionary, the ICRP 107 nuclides, the CT density
 * curve, the voxel S-values, the photon point kernels — and the report's JSON serializers, made on a second thread
 * from the first line of {@code main}, while the main thread builds picocli's model and parses the arguments (about a
 * tenth of a second in which the second core mostly idled; docs/benchmarks.md, the small twin's whole process). The
 * cycle then finds them made. Nothing is computed that the run would not make anyway, and the results do not change:
 * each table is loaded once, by whichever thread asks first (the JVM's class initialisation and the catalogue's lock).
 * A failure here is left for the command to meet and report in its own words.
 */
final class CycleWarmUp {
    private CycleWarmUp() {}

    static void start() {
        Thread.ofPlatform().daemon().name("netra-warm-up").start(CycleWarmUp::run);
    }

    private static void run() {
        try {
            DataDictionary.standard();
            PhaseTimeline.mark("warm-up: DICOM dictionary");
            NuclideCatalog.icrp107();
            PhaseTimeline.mark("warm-up: nuclides");
            CtDensity.schneider2000();
            VoxelSValues.nuclides();
            PhotonPointKernel.of("Lu-177");
            PhaseTimeline.mark("warm-up: density curve and kernels");
            CycleJson.prepare();
            PhaseTimeline.mark("warm-up: JSON serializers");
        } catch (RuntimeException | LinkageError e) {
            // the command loads the same and reports what fails where a user reads it
        }
    }
}

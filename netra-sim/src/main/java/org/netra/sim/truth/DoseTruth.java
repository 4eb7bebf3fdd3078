package org.netra.sim.truth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netra.dosimetry.kinetics.Exponentials;
import org.netra.dosimetry.radiobiology.Bed;
import org.netra.dosimetry.radiobiology.LeaCatcheside;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.dosimetry.voxel.KernelDose;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.TrueKinetics;

/**
 * Ground-truth absorbed doses by the physics netra's dosimetry uses: the true time-integrated activity map
 * convolved with the 177Lu voxel S-value kernel for the grid's voxel size (Lanconelli et al. 2012, soft
 * tissue) and scaled voxel by voxel by ρ_soft/ρ from the phantom's CT (Schneider 2000), plus the long-range
 * photon dose beyond that kernel ({@link KernelDose#withLongRangePhotons}); a VOI's dose is the
 * mass-weighted mean over its voxels. BED per VOI from the VOI's own activity curve (Lea–Catcheside G).
 */
public final class DoseTruth {
    public static final String METHOD = "voxel S-value convolution (Lanconelli 2012, Lu-177 soft tissue)"
            + " + long-range photon kernel (netra Monte Carlo in soft tissue) of the true TIA map, the short part"
            + " density-scaled from the phantom CT (Schneider 2000); VOI mean mass-weighted";

    private DoseTruth() {}

    /** The dose map (Gy) of one cycle's kinetics. */
    public static ImageVolume doseMap(TrueKinetics kinetics) {
        Geometry g = kinetics.phantom().geometry();
        return KernelDose.withLongRangePhotons(
                        g, NuclideCatalog.icrp107().lutetium177().name())
                .dose(kinetics.tiaMap(), kinetics.phantom().density());
    }

    public static CycleTruth of(int cycle, TrueKinetics kinetics, List<Voi> vois) {
        Phantom phantom = kinetics.phantom();
        ImageVolume dose = doseMap(kinetics);
        float[] rho = phantom.density().voxels();
        float[] d = dose.voxels();
        double voxelMl = phantom.geometry().voxelVolume().inMl();
        List<VoiTruth> out = new ArrayList<>();
        for (Voi voi : vois) {
            Mask m = phantom.mask(voi);
            if (m.isEmpty()) {
                continue;
            }
            double mass = 0;
            double energy = 0;
            for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                mass += rho[v] * voxelMl;
                energy += d[v] * rho[v] * voxelMl;
            }
            double meanGy = energy / mass;
            Exponentials tac = kinetics.voi(voi);
            Optional<TissueParameters> tissue = Radiobiology.forVoi(voi);
            Optional<AbsorbedDose> bed = tissue.map(
                    t -> Bed.of(AbsorbedDose.ofGy(meanGy), LeaCatcheside.gFactor(tac, t.repairHalfTime()), t));
            out.add(new VoiTruth(
                    voi.name(),
                    voi.kind().name().toLowerCase(java.util.Locale.ROOT),
                    org.netra.physics.quantity.Volume.ofMl(m.voxelCount() * voxelMl),
                    org.netra.physics.quantity.Mass.ofGrams(mass),
                    tac.terms().stream()
                            .map(t -> new VoiTruth.Term(t.coefficientMBq(), t.ratePerHour()))
                            .toList(),
                    org.netra.physics.quantity.TimeIntegratedActivity.ofMBqHours(
                            tac.integralMBqHours(0, Double.POSITIVE_INFINITY)),
                    AbsorbedDose.ofGy(meanGy),
                    meanGy / (kinetics.injectedMBq() / 1000),
                    bed,
                    tissue.map(TissueParameters::source)));
        }
        return new CycleTruth(cycle, kinetics.injectedMBq(), METHOD, out);
    }
}

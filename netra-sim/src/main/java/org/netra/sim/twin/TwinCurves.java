package org.netra.sim.twin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netra.dosimetry.kinetics.Exponentials;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Region;
import org.netra.sim.kinetics.Lu177Dotatate.Group;
import org.netra.sim.kinetics.TrueKinetics;

/**
 * A twin's true 177Lu curves of one cycle (the first unless asked) for the kidneys (both together) and each tumour, its organ masses and
 * its 68Ga PET SUVs, without simulating images: what a population study of hundreds of twins needs.
 *
 * <p>The Gy/GBq here is local deposition of 177Lu's non-penetrating energy (ICRP 107: electrons and photons
 * below 10 keV, ≈ 0.148 MeV per decay) over the region's mass; for 177Lu, whose electrons travel < 2 mm, it
 * lies within a few per cent of the voxel-kernel truth of {@link org.netra.sim.truth.DoseTruth} for kidneys and
 * tumours ≥ 5 mL (the photon cross-dose and the edge loss roughly cancel), and it costs no convolution.
 */
public record TwinCurves(
        TwinSpec spec, Exponentials kidneys, double kidneyMassG, List<Lesion> tumours, Map<Group, Double> petSuv) {
    /** One tumour: its compartment, voxelised volume and mass, and its true curve (MBq, hours). */
    public record Lesion(Group group, double volumeMl, double massG, Exponentials curve) {}

    private static final double JOULES_PER_DECAY = EnergyPartition.of(
                    NuclideCatalog.icrp107().lutetium177())
            .nonPenetrating()
            .inJoules();

    public TwinCurves {
        tumours = List.copyOf(tumours);
        petSuv = Map.copyOf(petSuv);
    }

    /** The curves of cycle 1 of the twin drawn from {@code seed} with the standard 7.4 GBq. */
    public static TwinCurves of(long seed) {
        return of(TwinSpec.draw(seed, 1, 7400));
    }

    public static TwinCurves of(TwinSpec spec) {
        return of(spec, Phantom.build(spec.phantom()), 0);
    }

    /** The curves of every cycle of the twin (one phantom for all: the anatomy stays, the kinetics change). */
    public static List<TwinCurves> everyCycle(TwinSpec spec) {
        Phantom phantom = Phantom.build(spec.phantom());
        List<TwinCurves> out = new ArrayList<>();
        for (int c = 0; c < spec.cycles(); c++) {
            out.add(of(spec, phantom, c));
        }
        return out;
    }

    private static TwinCurves of(TwinSpec spec, Phantom phantom, int cycleIndex) {
        TrueKinetics k = TrueKinetics.of(phantom, spec.cycleKinetics().get(cycleIndex), spec.injectedMBq());
        List<Exponentials> kidneyParts = new ArrayList<>();
        double kidneyMass = 0;
        List<Lesion> lesions = new ArrayList<>();
        for (Region r : Region.values()) {
            if (phantom.voxelCount(r) == 0) {
                continue;
            }
            double mass = phantom.volumeMl(r) * Phantom.density(r);
            if (Group.of(r) == Group.KIDNEYS) {
                kidneyParts.add(k.region(r));
                kidneyMass += mass;
            } else if (r.tumour()) {
                lesions.add(new Lesion(Group.of(r), phantom.volumeMl(r), mass, k.region(r)));
            }
        }
        Exponentials kidneys = new Exponentials(
                kidneyParts.stream().flatMap(e -> e.terms().stream()).toList());
        return new TwinCurves(spec, kidneys, kidneyMass, lesions, Ga68PetPopulation.draw(spec));
    }

    /** The kidneys' true absorbed dose per administered GBq. */
    public double kidneyGyPerGBq() {
        return gyPerGBq(kidneys, kidneyMassG);
    }

    /** A tumour's true absorbed dose per administered GBq. */
    public double gyPerGBq(Lesion lesion) {
        return gyPerGBq(lesion.curve(), lesion.massG());
    }

    private double gyPerGBq(Exponentials curve, double massG) {
        double decays = curve.integralMBqHours(0, Double.POSITIVE_INFINITY) * 1e6 * 3600;
        return decays * JOULES_PER_DECAY / (massG / 1000) / (spec.injectedMBq() / 1000);
    }
}

package org.netra.sim.kinetics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.netra.dosimetry.kinetics.ExponentialTerm;
import org.netra.dosimetry.kinetics.Exponentials;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Region;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.Lu177Dotatate.Group;

/**
 * The true activity of every phantom region over time (MBq, t in hours from injection), uniform within a
 * region: a compartment's curve is shared by its regions in proportion to volume (kidney medulla at
 * {@link Lu177Dotatate#MEDULLA_TO_CORTEX} of the cortex's concentration). Maps come from these curves
 * analytically, so the truth has no discretisation in time.
 */
public final class TrueKinetics {
    private final Phantom phantom;
    private final double injectedMBq;
    private final Map<Region, Exponentials> byRegion = new EnumMap<>(Region.class);

    private TrueKinetics(Phantom phantom, double injectedMBq, Map<Group, Uptake> uptake) {
        if (!(injectedMBq > 0)) {
            throw new IllegalArgumentException("injected activity must be positive, got " + injectedMBq + " MBq");
        }
        this.phantom = phantom;
        this.injectedMBq = injectedMBq;
        Map<Group, Double> groupWeight = new EnumMap<>(Group.class);
        for (Region r : Region.values()) {
            groupWeight.merge(Group.of(r), weight(r), Double::sum);
        }
        for (Region r : Region.values()) {
            if (phantom.voxelCount(r) == 0) {
                continue;
            }
            Group g = Group.of(r);
            Uptake u = uptake.get(g);
            if (u == null) {
                throw new IllegalArgumentException("no kinetics given for " + g);
            }
            double groupVolume = 0;
            for (Region o : Region.values()) {
                if (Group.of(o) == g) {
                    groupVolume += phantom.volumeMl(o);
                }
            }
            Exponentials whole = u.curve(injectedMBq, groupVolume);
            byRegion.put(r, scale(whole, weight(r) / groupWeight.get(g)));
        }
    }

    public static TrueKinetics of(Phantom phantom, Map<Group, Uptake> uptake, double injectedMBq) {
        return new TrueKinetics(phantom, injectedMBq, uptake);
    }

    private double weight(Region r) {
        double v = phantom.volumeMl(r);
        return switch (r) {
            case KIDNEY_L_MEDULLA, KIDNEY_R_MEDULLA -> v * Lu177Dotatate.MEDULLA_TO_CORTEX;
            // the remainder's activity per gram, not per mL (Lu177Dotatate): lung is a quarter as dense
            case LUNG_L, LUNG_R -> v * Phantom.density(r) / Phantom.density(Region.SOFT_TISSUE);
            default -> v;
        };
    }

    public Phantom phantom() {
        return phantom;
    }

    public double injectedMBq() {
        return injectedMBq;
    }

    /** The activity curve of a region (MBq, hours); empty regions are not in the map. */
    public Exponentials region(Region r) {
        Exponentials e = byRegion.get(r);
        if (e == null) {
            throw new IllegalArgumentException("region " + r + " has no voxels in this phantom");
        }
        return e;
    }

    /** The activity curve of a VOI: the sum of its regions'. */
    public Exponentials voi(Voi voi) {
        List<ExponentialTerm> terms = new ArrayList<>();
        for (Region r : voi.regions()) {
            Exponentials e = byRegion.get(r);
            if (e != null) {
                terms.addAll(e.terms());
            }
        }
        return new Exponentials(terms);
    }

    /** Fraction of the injected activity in the body at {@code hours} after injection. */
    public double wholeBodyRetention(double hours) {
        double sum = 0;
        for (Exponentials e : byRegion.values()) {
            sum += e.valueMBq(hours);
        }
        return sum / injectedMBq;
    }

    /** The true activity concentration at {@code hours}, Bq/mL. */
    public ImageVolume activityMap(double hours) {
        Map<Region, Double> conc = new EnumMap<>(Region.class);
        byRegion.forEach((r, e) -> conc.put(r, Math.max(0, e.valueMBq(hours)) * 1e6 / phantom.volumeMl(r)));
        return map(conc, VoxelUnit.BQ_PER_ML);
    }

    /** The true time-integrated activity per voxel from injection to infinity, Bq·s. */
    public ImageVolume tiaMap() {
        Map<Region, Double> perVoxel = new EnumMap<>(Region.class);
        byRegion.forEach((r, e) ->
                perVoxel.put(r, e.integralMBqHours(0, Double.POSITIVE_INFINITY) * 1e6 * 3600 / phantom.voxelCount(r)));
        return map(perVoxel, VoxelUnit.BQ_S);
    }

    private ImageVolume map(Map<Region, Double> value, VoxelUnit unit) {
        int n = phantom.geometry().voxelCount();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            Region r = phantom.region(i);
            if (r != null) {
                v[i] = value.getOrDefault(r, 0.0).floatValue();
            }
        }
        return ImageVolume.wrap(phantom.geometry(), unit, v);
    }

    private static Exponentials scale(Exponentials e, double f) {
        return new Exponentials(e.terms().stream()
                .map(t -> new ExponentialTerm(t.coefficientMBq() * f, t.ratePerHour()))
                .toList());
    }
}

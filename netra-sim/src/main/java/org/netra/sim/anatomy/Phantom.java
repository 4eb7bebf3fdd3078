package org.netra.sim.anatomy;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.netra.clinical.patient.Sex;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.LabelMap;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.material.CtDensity;

/**
 * A voxel phantom of the trunk: one {@link Region} per voxel centre, built from ellipsoids and cylinders in
 * DICOM patient coordinates (LPS: +x the patient's left, +y posterior, +z superior; the grid is centred on
 * the origin). Organ volumes are the ICRP 89 reference adult's (liver 1800/1400 mL, spleen 150/130 mL,
 * kidneys 310/275 mL for both, male/female) scaled by body surface area; positions scale with the trunk's
 * width and the patient's height. Each kidney is a cortex around a medulla holding 30 % of its volume.
 * Tumours: three liver metastases, a pancreatic primary and a metastasis in the uppermost vertebral body;
 * the marrow VOI is the cancellous core of the five vertebral bodies below it. With {@link Lungs} in the spec, two
 * lung bases rise from the diaphragm (their lowest point 15 mm below the liver dome, the liver and spleen moulding
 * them) between the mediastinum and the chest wall, and a lung tumour, if any, sits deep in the right lower lobe
 * 50 mm above the base, surrounded by lung on every side.
 */
public final class Phantom {
    private static final CtDensity SCHNEIDER = CtDensity.schneider2000();
    /** Fraction of each kidney's volume that is medulla (Emamian et al., AJR 1993: cortex ≈ 70 %). */
    static final double MEDULLA_FRACTION = 0.30;

    private final PhantomSpec spec;
    private final Geometry geometry;
    private final byte[] labels;
    private final Map<Region, Integer> counts = new EnumMap<>(Region.class);

    private Phantom(PhantomSpec spec, Geometry geometry, byte[] labels) {
        this.spec = spec;
        this.geometry = geometry;
        this.labels = labels;
        for (Region r : Region.values()) {
            counts.put(r, 0);
        }
        for (byte b : labels) {
            if (b != 0) {
                counts.merge(Region.ofLabel(b & 0xff), 1, Integer::sum);
            }
        }
    }

    public static Phantom build(PhantomSpec spec) {
        double s = spec.voxelMm();
        Geometry g = Geometry.of(spec.nx(), spec.ny(), spec.nz(), new double[] {s, s, s}, new double[] {
            -(spec.nx() - 1) * s / 2, -(spec.ny() - 1) * s / 2, -(spec.nz() - 1) * s / 2
        });
        BodySize body = spec.body();
        double w = body.widthScale();
        double h = body.lengthScale();
        double v = body.organScale();
        boolean male = body.sex() == Sex.MALE;

        double bodyA = 165 * w;
        double bodyB = 110 * w;
        double fat = 15 * w;
        Shape liver = Shape.ellipsoid(-50 * w, 0, 60 * h, 1.0, 0.75, 0.70, (male ? 1800 : 1400) * v);
        Shape spleen = Shape.ellipsoid(95 * w, 45 * w, 95 * h, 0.5, 0.9, 1.0, (male ? 150 : 130) * v);
        double kidneyMl = (male ? 310 : 275) * v / 2;
        Shape kidneyL = Shape.ellipsoid(70 * w, 55 * w, 0, 0.5, 0.45, 1.0, kidneyMl);
        Shape kidneyR = Shape.ellipsoid(-70 * w, 55 * w, -10 * h, 0.5, 0.45, 1.0, kidneyMl);
        Shape medullaL = kidneyL.scaled(Math.cbrt(MEDULLA_FRACTION));
        Shape medullaR = kidneyR.scaled(Math.cbrt(MEDULLA_FRACTION));
        Shape bladder = Shape.ellipsoid(0, -20 * w, -170 * h, 1.0, 0.8, 0.7, 150);
        // vertebral bodies T12 (top, with the metastasis) to L5: 28 mm high at a 35 mm pitch
        double[] vertebraZ = new double[6];
        for (int i = 0; i < 6; i++) {
            vertebraZ[i] = (65 - 35 * i) * h;
        }
        double vertebraR = 20;
        double vertebraHalf = 14;
        double marrowR = 15;
        double marrowHalf = 11;
        double spineY = 75 * w;
        Shape met1 = Shape.sphere(-70 * w, -10 * w, 75 * h, spec.liverMet1Ml());
        Shape met2 = Shape.sphere(-20 * w, 20 * w, 50 * h, spec.liverMet2Ml());
        Shape met3 = Shape.sphere(-95 * w, 25 * w, 45 * h, spec.liverMet3Ml());
        Shape pancreas = Shape.sphere(30 * w, 5 * w, 5 * h, spec.pancreasMl());
        Shape boneMet = Shape.sphere(0, spineY, vertebraZ[0], spec.boneMetMl());
        // lung bases: ICRP 89 mass at inflated density, half per lung, their base under the liver dome's top
        double lungMl = (male ? Lungs.MALE_MASS_G : Lungs.FEMALE_MASS_G) * v / Lungs.DENSITY_G_PER_ML / 2;
        double lungBaseZ = liver.cz() + liver.c() - 15;
        Shape lungL = Shape.ellipsoid(80 * w, 5 * w, 0, 0.37, 0.43, 1.0, lungMl).withBottomAt(lungBaseZ);
        Shape lungR =
                Shape.ellipsoid(-80 * w, 5 * w, 0, 0.37, 0.43, 1.0, lungMl).withBottomAt(lungBaseZ);
        boolean lungs = spec.lungs().isPresent();
        double lungTumourMl = spec.lungs().map(l -> l.tumourMl().orElse(0)).orElse(0.0);
        // without a lung tumour the sphere is never asked (lungTumourMl > 0 below); it needs a positive volume
        Shape lungTumour = Shape.sphere(lungR.cx(), lungR.cy(), lungBaseZ + 50 * h, Math.max(lungTumourMl, 1e-9));

        byte[] lab = new byte[g.voxelCount()];
        double[] p = new double[3];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    g.indexToWorld(i, j, k, p);
                    double x = p[0], y = p[1], z = p[2];
                    double outer = sq(x / bodyA) + sq(y / bodyB);
                    if (outer > 1) {
                        continue;
                    }
                    Region r = sq(x / (bodyA - fat)) + sq(y / (bodyB - fat)) > 1 ? Region.FAT : Region.SOFT_TISSUE;
                    if (lungs && r == Region.SOFT_TISSUE) {
                        // inside the ribcage's fat layer only; the organs drawn below take their own space
                        if (lungL.contains(x, y, z)) {
                            r = Region.LUNG_L;
                        } else if (lungR.contains(x, y, z)) {
                            r = Region.LUNG_R;
                        }
                    }
                    if (liver.contains(x, y, z)) {
                        r = Region.LIVER;
                    }
                    if (spleen.contains(x, y, z)) {
                        r = Region.SPLEEN;
                    }
                    if (kidneyL.contains(x, y, z)) {
                        r = medullaL.contains(x, y, z) ? Region.KIDNEY_L_MEDULLA : Region.KIDNEY_L_CORTEX;
                    }
                    if (kidneyR.contains(x, y, z)) {
                        r = medullaR.contains(x, y, z) ? Region.KIDNEY_R_MEDULLA : Region.KIDNEY_R_CORTEX;
                    }
                    if (bladder.contains(x, y, z)) {
                        r = Region.BLADDER;
                    }
                    double radial = Math.hypot(x, y - spineY);
                    for (int vtb = 0; vtb < vertebraZ.length; vtb++) {
                        double dz = Math.abs(z - vertebraZ[vtb]);
                        if (radial <= vertebraR && dz <= vertebraHalf) {
                            // the top vertebra hosts the metastasis: its core stays out of the marrow VOI
                            boolean core = radial <= marrowR && dz <= marrowHalf && vtb > 0;
                            r = core ? Region.MARROW : Region.CORTICAL_BONE;
                        }
                    }
                    if (liver.contains(x, y, z)) {
                        if (met1.contains(x, y, z)) {
                            r = Region.LIVER_MET_1;
                        } else if (met2.contains(x, y, z)) {
                            r = Region.LIVER_MET_2;
                        } else if (met3.contains(x, y, z)) {
                            r = Region.LIVER_MET_3;
                        }
                    }
                    if (pancreas.contains(x, y, z)) {
                        r = Region.PANCREAS_PRIMARY;
                    }
                    if (boneMet.contains(x, y, z)) {
                        r = Region.BONE_MET;
                    }
                    if (lungTumourMl > 0 && lungTumour.contains(x, y, z)) {
                        r = Region.LUNG_TUMOUR;
                    }
                    lab[g.index(i, j, k)] = (byte) r.label();
                }
            }
        }
        return new Phantom(spec, g, lab);
    }

    public PhantomSpec spec() {
        return spec;
    }

    public Geometry geometry() {
        return geometry;
    }

    /** The region of voxel {@code index}, or null outside the body. */
    public Region region(int index) {
        int l = labels[index] & 0xff;
        return l == 0 ? null : Region.ofLabel(l);
    }

    public int voxelCount(Region r) {
        return counts.get(r);
    }

    /** The region's volume as voxelised, mL. */
    public double volumeMl(Region r) {
        return counts.get(r) * geometry.voxelVolume().inMl();
    }

    /**
     * The regions as a NIfTI-ready label map (a copy of the labels), naming the regions this phantom has (a twin
     * without lungs names no lung labels).
     */
    public LabelMap labelMap() {
        Map<Integer, String> names = new LinkedHashMap<>();
        for (Region r : Region.values()) {
            if (voxelCount(r) > 0) {
                names.put(r.label(), r.labelName());
            }
        }
        return LabelMap.wrap(geometry, labels.clone(), names);
    }

    public Mask mask(Voi voi) {
        BitSet bits = new BitSet(labels.length);
        for (int i = 0; i < labels.length; i++) {
            Region r = region(i);
            if (r != null && voi.regions().contains(r)) {
                bits.set(i);
            }
        }
        return Mask.of(voi.name(), geometry, bits);
    }

    public double volumeMl(Voi voi) {
        return voi.regions().stream().mapToDouble(this::volumeMl).sum();
    }

    /** The CT in Hounsfield units (air −1000 outside the body). */
    public ImageVolume ct() {
        float[] hu = new float[labels.length];
        for (int i = 0; i < hu.length; i++) {
            Region r = region(i);
            hu[i] = r == null ? -1000 : r.hounsfield();
        }
        return ImageVolume.wrap(geometry, VoxelUnit.HU, hu);
    }

    /** Mass density, g/mL, from the CT through the Schneider 2000 calibration. */
    public ImageVolume density() {
        return ImageVolume.wrap(geometry, VoxelUnit.G_PER_ML, SCHNEIDER.gramsPerMl(ct().voxels()));
    }

    /** The density of a region, g/mL (Schneider 2000 at its CT number). */
    public static double density(Region r) {
        return SCHNEIDER.gramsPerMl(r.hounsfield());
    }

    private static double sq(double a) {
        return a * a;
    }

    /** An axis-aligned ellipsoid. */
    record Shape(double cx, double cy, double cz, double a, double b, double c) {
        /** An ellipsoid of {@code ml} with semi-axes in the ratio ra : rb : rc. */
        static Shape ellipsoid(double cx, double cy, double cz, double ra, double rb, double rc, double ml) {
            double k = Math.cbrt(ml * 1000 * 3 / (4 * Math.PI * ra * rb * rc));
            return new Shape(cx, cy, cz, k * ra, k * rb, k * rc);
        }

        static Shape sphere(double cx, double cy, double cz, double ml) {
            return ellipsoid(cx, cy, cz, 1, 1, 1, ml);
        }

        /** The same ellipsoid moved along z so that its lowest point is at {@code z}. */
        Shape withBottomAt(double z) {
            return new Shape(cx, cy, z + c, a, b, c);
        }

        Shape scaled(double f) {
            return new Shape(cx, cy, cz, a * f, b * f, c * f);
        }

        boolean contains(double x, double y, double z) {
            return sq((x - cx) / a) + sq((y - cy) / b) + sq((z - cz) / c) <= 1;
        }
    }

    /**
     * The largest distance (mm) between where two rigid transforms send the body (every third voxel along each
     * axis whose CT number is above −900 HU): how far a registration's answer is from the simulated motion.
     */
    public double largestDisplacementMm(RigidTransform a, RigidTransform b) {
        Geometry g = geometry();
        float[] hu = ct().voxels();
        double worst = 0;
        double[] w = new double[3], p = new double[3], q = new double[3];
        for (int k = 0; k < g.nz(); k += 3) {
            for (int j = 0; j < g.ny(); j += 3) {
                for (int i = 0; i < g.nx(); i += 3) {
                    if (hu[g.index(i, j, k)] > -900) {
                        g.indexToWorld(i, j, k, w);
                        a.apply(w[0], w[1], w[2], p);
                        b.apply(w[0], w[1], w[2], q);
                        worst = Math.max(worst, Math.hypot(Math.hypot(p[0] - q[0], p[1] - q[1]), p[2] - q[2]));
                    }
                }
            }
        }
        return worst;
    }
}

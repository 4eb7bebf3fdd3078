package org.netra.imaging.volume;

import java.util.Arrays;
import java.util.Locale;

/**
 * Rigid registration of one activity image (moving) onto another (fixed): six parameters (rotations
 * about x, y, z through the fixed image's centre of activity, then a translation) maximising the
 * normalised mutual information NMI = (H(F) + H(M)) / H(F, M) (Studholme et al., Pattern Recognit.
 * 1999;32:71) of a 32-bin joint histogram of the two images, each clipped at its 99.5th percentile, or
 * for images of one modality the normalised cross-correlation ({@link Metric}).
 * The search starts from aligned centres of activity and runs a compass (pattern) search at three
 * resolutions (sampling strides 4, 2, 1 times a base stride that keeps the finest level to about
 * 500 000 samples), rotations scaled so one step turns a point 100 mm away
 * by one step in mm. Gradient-free and deterministic; no random sampling.
 *
 * <p>The result maps fixed world positions to moving world positions (the convention of {@link
 * Resampling}): resampling the moving image through it onto the fixed grid aligns the two.
 */
public final class RigidRegistration {
    static final int BINS = 32;
    static final int MAX_SAMPLES = 500_000;
    static final double ROTATION_ARM_MM = 100;
    static final double CLIP_PERCENTILE = 0.995;
    /** At least this share of samples must land inside the moving image, else the pose is refused. */
    static final double MIN_OVERLAP = 0.5;

    /**
     * What the registration found.
     *
     * @param parameters rx, ry, rz (radians, about {@code centreMm}), tx, ty, tz (mm)
     * @param nmi normalised mutual information at the result (1 = independent, 2 = identical)
     * @param initialNmi NMI at the start (centres of activity aligned)
     * @param ncc normalised cross-correlation of the two images at the result (a quality figure: 1 =
     *     identical up to scale)
     * @param overlap the share of fixed samples inside the moving image
     */
    public record Result(
            RigidTransform transform,
            double[] parameters,
            double[] centreMm,
            double nmi,
            double initialNmi,
            double ncc,
            double overlap,
            int evaluations) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "rotation (%.3f°, %.3f°, %.3f°), translation (%.2f, %.2f, %.2f) mm; NMI %.4f (start %.4f),"
                            + " NCC %.4f, overlap %.2f, %d evaluations",
                    Math.toDegrees(parameters[0]),
                    Math.toDegrees(parameters[1]),
                    Math.toDegrees(parameters[2]),
                    parameters[3],
                    parameters[4],
                    parameters[5],
                    nmi,
                    initialNmi,
                    ncc,
                    overlap,
                    evaluations);
        }
    }

    /** What the search maximises. */
    public enum Metric {
        /** Normalised mutual information: images whose intensities relate in any way (SPECT at different times). */
        NMI,
        /**
         * Normalised cross-correlation of the interpolated values: the same modality and scanner (CT to CT of one
         * patient), where intensities match linearly. Smooth in the parameters, so the search ends sub-voxel. Its
         * coarse levels compare both images blurred to the level's sample spacing (a Gaussian pyramid): CT's sharp
         * periodic anatomy would otherwise alias at sparse samples and trap the search a vertebra away.
         */
        NCC
    }

    private RigidRegistration() {}

    public static Result register(ImageVolume fixed, ImageVolume moving) {
        return register(fixed, moving, Metric.NMI);
    }

    public static Result register(ImageVolume fixed, ImageVolume moving, Metric metric) {
        double[] cf = centreOfActivity(fixed);
        double[] cm = centreOfActivity(moving);
        double[] p = {0, 0, 0, cm[0] - cf[0], cm[1] - cf[1], cm[2] - cf[2]};
        double[] start = p.clone();
        double fixedTop = percentile(fixed.voxels(), CLIP_PERCENTILE);
        double movingTop = percentile(moving.voxels(), CLIP_PERCENTILE);
        int evaluations = 0;
        // the finest level samples at most about MAX_SAMPLES fixed voxels
        int base = (int) Math.max(1, Math.ceil(Math.cbrt(fixed.geometry().voxelCount() / (double) MAX_SAMPLES)));
        for (int stride : new int[] {4 * base, 2 * base, base}) {
            ImageVolume f = fixed;
            ImageVolume m = moving;
            if (metric == Metric.NCC && stride > base) {
                // a Gaussian pyramid: sparse samples of sharp anatomy alias (vertebrae 35 mm apart sampled every
                // 40 mm), so the coarse levels compare images blurred to their sample spacing
                double fwhm = stride * maxSpacing(fixed);
                f = smooth(fixed, fwhm);
                m = smooth(moving, fwhm);
            }
            Samples s = Samples.of(f, stride, fixedTop);
            double best = s.score(metric, m, movingTop, transform(p, cf));
            evaluations++;
            double step = 2.0 * stride / base;
            double stop = 0.05 * stride / base;
            while (step >= stop) {
                boolean improved = false;
                for (int a = 0; a < 6; a++) {
                    for (int sign : new int[] {1, -1}) {
                        double[] trial = p.clone();
                        trial[a] += sign * (a < 3 ? step / ROTATION_ARM_MM : step);
                        double score = s.score(metric, m, movingTop, transform(trial, cf));
                        evaluations++;
                        if (score > best) {
                            best = score;
                            p = trial;
                            improved = true;
                        }
                    }
                }
                if (!improved) {
                    step /= 2;
                }
            }
        }
        RigidTransform t = transform(p, cf);
        Samples full = Samples.of(fixed, base, fixedTop);
        double nmi = full.nmi(moving, movingTop, t);
        double initial = full.nmi(moving, movingTop, transform(start, cf));
        double[] q = full.ncc(moving, t);
        return new Result(t, p, cf, nmi, initial, q[0], q[1], evaluations);
    }

    /**
     * Gaussian blur normalised by the blurred grid (normalised convolution): near the grid's edges the value is
     * the average of what lies inside, not a fall towards zero that would pull the two images' edges together.
     */
    static ImageVolume smooth(ImageVolume v, double fwhmMm) {
        // the blurred grid is the product of the three axes' blurred ones (the blur is separable): no second blur
        Geometry g = v.geometry();
        double[] wx = GaussianBlur.onesProfile(g, fwhmMm, 0);
        double[] wy = GaussianBlur.onesProfile(g, fwhmMm, 1);
        double[] wz = GaussianBlur.onesProfile(g, fwhmMm, 2);
        float[] out = GaussianBlur.blur(v, fwhmMm).voxels();
        int nx = g.nx();
        int ny = g.ny();
        for (int i = 0; i < out.length; i++) {
            out[i] /= (float) (wx[i % nx] * wy[(i / nx) % ny] * wz[i / (nx * ny)]);
        }
        return ImageVolume.wrap(g, v.unit(), out);
    }

    private static double maxSpacing(ImageVolume v) {
        Geometry g = v.geometry();
        return Math.max(g.spacing(0), Math.max(g.spacing(1), g.spacing(2)));
    }

    static RigidTransform transform(double[] p, double[] centre) {
        return RigidTransform.ofEuler(p[0], p[1], p[2], centre, p[3], p[4], p[5]);
    }

    /** The activity-weighted mean world position (negative values count as zero). */
    static double[] centreOfActivity(ImageVolume v) {
        Geometry g = v.geometry();
        double[] sum = new double[3];
        double total = 0;
        double[] w = new double[3];
        float[] x = v.voxels();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double a = x[g.index(i, j, k)];
                    if (a > 0) {
                        g.indexToWorld(i, j, k, w);
                        sum[0] += a * w[0];
                        sum[1] += a * w[1];
                        sum[2] += a * w[2];
                        total += a;
                    }
                }
            }
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("an image with no positive value cannot be registered: " + g);
        }
        return new double[] {sum[0] / total, sum[1] / total, sum[2] / total};
    }

    static double percentile(float[] values, double q) {
        int step = Math.max(1, values.length / 200_000);
        float[] s = new float[(values.length + step - 1) / step];
        for (int i = 0, n = 0; i < values.length; i += step, n++) {
            s[n] = values[i];
        }
        Arrays.sort(s);
        double top = s[Math.min(s.length - 1, (int) (q * s.length))];
        return top > 0 ? top : Math.max(1e-12, s[s.length - 1]);
    }

    /** Fixed-image sample positions (world) and their bins, on a stride. */
    private record Samples(double[] world, int[] fixedBin, float[] fixedValue) {
        static Samples of(ImageVolume fixed, int stride, double top) {
            Geometry g = fixed.geometry();
            int n = ((g.nx() + stride - 1) / stride)
                    * ((g.ny() + stride - 1) / stride)
                    * ((g.nz() + stride - 1) / stride);
            double[] world = new double[3 * n];
            int[] bins = new int[n];
            float[] values = new float[n];
            double[] w = new double[3];
            int c = 0;
            for (int k = 0; k < g.nz(); k += stride) {
                for (int j = 0; j < g.ny(); j += stride) {
                    for (int i = 0; i < g.nx(); i += stride) {
                        g.indexToWorld(i, j, k, w);
                        world[3 * c] = w[0];
                        world[3 * c + 1] = w[1];
                        world[3 * c + 2] = w[2];
                        values[c] = fixed.get(i, j, k);
                        bins[c] = bin(values[c], top);
                        c++;
                    }
                }
            }
            return new Samples(world, bins, values);
        }

        double score(Metric metric, ImageVolume moving, double top, RigidTransform t) {
            return switch (metric) {
                case NMI -> nmi(moving, top, t);
                case NCC -> {
                    double[] q = ncc(moving, t);
                    // too little overlap, or a flat image, scores below any real correlation
                    yield q[1] < MIN_OVERLAP || Double.isNaN(q[0]) ? -2 : q[0];
                }
            };
        }

        double nmi(ImageVolume moving, double top, RigidTransform t) {
            double[] joint = new double[BINS * BINS];
            double[] q = new double[3];
            double[] idx = new double[3];
            int inside = 0;
            int n = fixedBin.length;
            for (int s = 0; s < n; s++) {
                t.apply(world[3 * s], world[3 * s + 1], world[3 * s + 2], q);
                moving.geometry().worldToIndex(q[0], q[1], q[2], idx);
                double v = sample(moving, idx);
                if (Double.isNaN(v)) {
                    continue;
                }
                joint[fixedBin[s] * BINS + bin(v, top)]++;
                inside++;
            }
            if (inside < MIN_OVERLAP * n) {
                return 0;
            }
            double[] pf = new double[BINS];
            double[] pm = new double[BINS];
            double hj = 0;
            for (int a = 0; a < BINS; a++) {
                for (int b = 0; b < BINS; b++) {
                    double p = joint[a * BINS + b] / inside;
                    pf[a] += p;
                    pm[b] += p;
                    if (p > 0) {
                        hj -= p * Math.log(p);
                    }
                }
            }
            return (entropy(pf) + entropy(pm)) / hj;
        }

        /** NCC over the samples inside the moving image, and the share inside. */
        double[] ncc(ImageVolume moving, RigidTransform t) {
            double[] q = new double[3];
            double[] idx = new double[3];
            double sf = 0, sm = 0, sff = 0, smm = 0, sfm = 0;
            int inside = 0;
            for (int s = 0; s < fixedValue.length; s++) {
                t.apply(world[3 * s], world[3 * s + 1], world[3 * s + 2], q);
                moving.geometry().worldToIndex(q[0], q[1], q[2], idx);
                double m = sample(moving, idx);
                if (Double.isNaN(m)) {
                    continue;
                }
                double f = fixedValue[s];
                sf += f;
                sm += m;
                sff += f * f;
                smm += m * m;
                sfm += f * m;
                inside++;
            }
            double cov = sfm - sf * sm / inside;
            double vf = sff - sf * sf / inside;
            double vm = smm - sm * sm / inside;
            return new double[] {cov / Math.sqrt(vf * vm), inside / (double) fixedValue.length};
        }

        private static double entropy(double[] p) {
            double h = 0;
            for (double x : p) {
                if (x > 0) {
                    h -= x * Math.log(x);
                }
            }
            return h;
        }
    }

    static int bin(double v, double top) {
        int b = (int) (BINS * Math.max(0, v) / top);
        return Math.min(BINS - 1, b);
    }

    /** Trilinear value at continuous index, NaN outside the grid. */
    static double sample(ImageVolume v, double[] idx) {
        Geometry g = v.geometry();
        double x = idx[0];
        double y = idx[1];
        double z = idx[2];
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        if (!(x >= 0 && y >= 0 && z >= 0 && x <= nx - 1 && y <= ny - 1 && z <= nz - 1)) {
            return Double.NaN;
        }
        int i = Math.min((int) x, Math.max(nx - 2, 0));
        int j = Math.min((int) y, Math.max(ny - 2, 0));
        int k = Math.min((int) z, Math.max(nz - 2, 0));
        double fx = x - i;
        double fy = y - j;
        double fz = z - k;
        int dx = nx > 1 ? 1 : 0;
        int dy = ny > 1 ? nx : 0;
        int dz = nz > 1 ? nx * ny : 0;
        float[] a = v.voxels();
        int b = i + nx * (j + ny * k);
        double c00 = a[b] + fx * (a[b + dx] - a[b]);
        double c10 = a[b + dy] + fx * (a[b + dy + dx] - a[b + dy]);
        double c01 = a[b + dz] + fx * (a[b + dz + dx] - a[b + dz]);
        double c11 = a[b + dz + dy] + fx * (a[b + dz + dy + dx] - a[b + dz + dy]);
        double c0 = c00 + fy * (c10 - c00);
        double c1 = c01 + fy * (c11 - c01);
        return c0 + fz * (c1 - c0);
    }
}

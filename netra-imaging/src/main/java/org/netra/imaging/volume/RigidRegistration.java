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
        return register(FixedPyramid.of(fixed, metric), moving);
    }

    /**
     * The fixed image prepared once for registering several moving images onto it (a cycle's later scans): its
     * centre of activity, clipping level and the samples of every pyramid level, whose coarse levels under NCC are
     * blurred copies of the whole image. Each registration used to make them again; the results are the same.
     */
    public static final class FixedPyramid {
        private final Metric metric;
        private final double[] centre;
        private final double top;
        private final int base;
        private final int[] strides;
        private final Samples[] levels;

        private FixedPyramid(Metric metric, double[] centre, double top, int base, int[] strides, Samples[] levels) {
            this.metric = metric;
            this.centre = centre;
            this.top = top;
            this.base = base;
            this.strides = strides;
            this.levels = levels;
        }

        public static FixedPyramid of(ImageVolume fixed, Metric metric) {
            double[] centre = centreOfActivity(fixed);
            double top = percentile(fixed.voxels(), CLIP_PERCENTILE);
            // the finest level samples at most about MAX_SAMPLES fixed voxels
            int base = (int) Math.max(1, Math.ceil(Math.cbrt(fixed.geometry().voxelCount() / (double) MAX_SAMPLES)));
            int[] strides = {4 * base, 2 * base, base};
            Samples[] levels = new Samples[strides.length];
            for (int l = 0; l < strides.length; l++) {
                levels[l] = Samples.of(level(fixed, metric, strides[l], base), strides[l], top);
            }
            return new FixedPyramid(metric, centre, top, base, strides, levels);
        }

        public Metric metric() {
            return metric;
        }
    }

    /**
     * The image a pyramid level compares: under NCC the coarse levels blur it to their sample spacing. Sparse
     * samples of sharp anatomy alias (vertebrae 35 mm apart sampled every 40 mm) and trap the search.
     */
    private static ImageVolume level(ImageVolume v, Metric metric, int stride, int base) {
        return metric == Metric.NCC && stride > base ? smooth(v, stride * maxSpacing(v)) : v;
    }

    /** Registers {@code moving} onto a fixed image prepared once ({@link FixedPyramid#of}), by its metric. */
    public static Result register(FixedPyramid fixed, ImageVolume moving) {
        Metric metric = fixed.metric;
        double[] cf = fixed.centre;
        double[] cm = centreOfActivity(moving);
        double[] p = {0, 0, 0, cm[0] - cf[0], cm[1] - cf[1], cm[2] - cf[2]};
        double[] start = p.clone();
        double movingTop = percentile(moving.voxels(), CLIP_PERCENTILE);
        int base = fixed.base;
        int evaluations = 0;
        for (int l = 0; l < fixed.strides.length; l++) {
            int stride = fixed.strides[l];
            ImageVolume m = level(moving, metric, stride, base);
            Samples s = fixed.levels[l];
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
                            // the step back is the point just left, which scored lower: not worth an evaluation
                            break;
                        }
                    }
                }
                if (!improved) {
                    step /= 2;
                }
            }
        }
        RigidTransform t = transform(p, cf);
        // the finest level is the fixed image itself, unblurred, at the base stride
        Samples full = fixed.levels[fixed.levels.length - 1];
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

    /**
     * The fixed image's samples on a stride, in row order (x fastest), with their bins. A rigid transform between
     * two grids is affine in the fixed grid's indices, so the moving image's continuous index of every sample is
     * {@code A·(i, j, k) + b} ({@link Resampling.Affine}): each row of samples starts at one point and steps by one
     * constant vector, with no per-sample transform or world-to-index conversion.
     */
    private record Samples(
            Geometry grid, int stride, int countX, int countY, int countZ, int[] fixedBin, float[] fixedValue) {
        static Samples of(ImageVolume fixed, int stride, double top) {
            Geometry g = fixed.geometry();
            int cx = (g.nx() + stride - 1) / stride;
            int cy = (g.ny() + stride - 1) / stride;
            int cz = (g.nz() + stride - 1) / stride;
            int n = cx * cy * cz;
            int[] bins = new int[n];
            float[] values = new float[n];
            float[] a = fixed.voxels();
            int c = 0;
            for (int k = 0; k < g.nz(); k += stride) {
                for (int j = 0; j < g.ny(); j += stride) {
                    for (int i = 0; i < g.nx(); i += stride) {
                        values[c] = a[g.index(i, j, k)];
                        bins[c] = bin(values[c], top);
                        c++;
                    }
                }
            }
            return new Samples(g, stride, cx, cy, cz, bins, values);
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

        /**
         * One pass over the samples inside the moving image under {@code t}: with a {@code joint} histogram, counts
         * (fixed bin, moving bin) pairs; otherwise adds to {@code sums} (Σf, Σm, Σf², Σm², Σf·m). Returns how many
         * samples were inside. One loop for both metrics, chosen by a branch rather than a callback, because the
         * one-shot CLI runs on C1, which would not inline a callback per sample.
         */
        private int accumulate(ImageVolume moving, RigidTransform t, double top, int[] joint, double[] sums) {
            Resampling.Affine m = Resampling.Affine.between(grid, moving.geometry(), t);
            Geometry mg = moving.geometry();
            int nx = mg.nx(), ny = mg.ny(), nz = mg.nz();
            // the last cell starts at n − 2 (a point on the far face interpolates within it); one-voxel axes have
            // no neighbour, their step is 0
            int lastX = Math.max(nx - 2, 0), lastY = Math.max(ny - 2, 0), lastZ = Math.max(nz - 2, 0);
            int dx = nx > 1 ? 1 : 0, dy = ny > 1 ? nx : 0, dz = nz > 1 ? nx * ny : 0;
            double maxX = nx - 1, maxY = ny - 1, maxZ = nz - 1;
            // per sample number rather than voxel index: the matrix times the stride
            double[] ma = m.m().clone();
            for (int e = 0; e < 9; e++) {
                ma[e] *= stride;
            }
            double[] mb = m.b();
            double ax = ma[0], ay = ma[3], az = ma[6];
            float[] a = moving.voxels();
            boolean histogram = joint != null;
            double sf = 0, sm = 0, sff = 0, smm = 0, sfm = 0;
            int inside = 0;
            int s = 0;
            for (int k = 0; k < countZ; k++) {
                for (int j = 0; j < countY; j++) {
                    double x0 = mb[0] + ma[1] * j + ma[2] * k;
                    double y0 = mb[1] + ma[4] * j + ma[5] * k;
                    double z0 = mb[2] + ma[7] * j + ma[8] * k;
                    for (int i = 0; i < countX; i++, s++) {
                        double x = x0 + ax * i, y = y0 + ay * i, z = z0 + az * i;
                        if (!(x >= 0 && y >= 0 && z >= 0 && x <= maxX && y <= maxY && z <= maxZ)) {
                            continue;
                        }
                        int ix = Math.min((int) x, lastX), iy = Math.min((int) y, lastY), iz = Math.min((int) z, lastZ);
                        double fx = x - ix, fy = y - iy, fz = z - iz;
                        int p = ix + nx * (iy + ny * iz);
                        double c00 = a[p] + fx * (a[p + dx] - a[p]);
                        double c10 = a[p + dy] + fx * (a[p + dy + dx] - a[p + dy]);
                        double c01 = a[p + dz] + fx * (a[p + dz + dx] - a[p + dz]);
                        double c11 = a[p + dz + dy] + fx * (a[p + dz + dy + dx] - a[p + dz + dy]);
                        double c0 = c00 + fy * (c10 - c00);
                        double v = c0 + fz * (c01 + fy * (c11 - c01) - c0);
                        inside++;
                        if (histogram) {
                            joint[fixedBin[s] * BINS + bin(v, top)]++;
                        } else {
                            double f = fixedValue[s];
                            sf += f;
                            sm += v;
                            sff += f * f;
                            smm += v * v;
                            sfm += f * v;
                        }
                    }
                }
            }
            if (!histogram) {
                sums[0] = sf;
                sums[1] = sm;
                sums[2] = sff;
                sums[3] = smm;
                sums[4] = sfm;
            }
            return inside;
        }

        double nmi(ImageVolume moving, double top, RigidTransform t) {
            int[] joint = new int[BINS * BINS];
            int inside = accumulate(moving, t, top, joint, null);
            if (inside < MIN_OVERLAP * fixedBin.length) {
                return 0;
            }
            double[] pf = new double[BINS];
            double[] pm = new double[BINS];
            double hj = 0;
            for (int a = 0; a < BINS; a++) {
                for (int b = 0; b < BINS; b++) {
                    double p = joint[a * BINS + b] / (double) inside;
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
            double[] q = new double[5];
            double inside = accumulate(moving, t, 1, null, q);
            double cov = q[4] - q[0] * q[1] / inside;
            double vf = q[2] - q[0] * q[0] / inside;
            double vm = q[3] - q[1] * q[1] / inside;
            return new double[] {cov / Math.sqrt(vf * vm), inside / fixedValue.length};
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
}

package org.netra.imaging.volume;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Rigid registration of one activity image (moving) onto another (fixed): six parameters (rotations
 * about x, y, z through the fixed image's centre of activity, then a translation) maximising the
 * normalised mutual information NMI = (H(F) + H(M)) / H(F, M) (Studholme et al., Pattern Recognit.
 * 1999;32:71) of a 32-bin joint histogram of the two images, each clipped at its 99.5th percentile, or
 * for images of one modality the normalised cross-correlation ({@link Metric}).
 * The search starts from aligned centres of activity and runs a compass (pattern) search at three
 * resolutions (sampling strides 4, 2, 1 times a base stride that keeps the finest level to about
 * 500 000 samples), rotations scaled so one step turns a point 100 mm away
 * by one step in mm. Under NCC, which is smooth in the parameters, the two finer levels are instead refined by
 * Levenberg–Marquardt on the NCC's analytic gradient (a handful of passes over their samples where the compass
 * search took a hundred or more); NMI on a hard-binned histogram is piecewise constant, so it keeps the compass
 * search throughout. Deterministic; no random sampling.
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
                levels[l] = metric == Metric.NCC && strides[l] > base
                        // the blurred level's values at its samples only, not the whole blurred image (the same floats)
                        ? Samples.of(
                                fixed.geometry(),
                                strides[l],
                                smoothSamples(fixed, strides[l] * maxSpacing(fixed), strides[l]),
                                top)
                        : Samples.of(fixed, strides[l], top);
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

    /**
     * The moving image a pyramid level reads. A blurred NCC level's blur (FWHM 8 and 4 voxels at a base stride of 2)
     * is wider than a voxel, so it is made on the image's 2×2×2 block means (an eighth of the voxels, half the
     * kernel's taps), its FWHM less the blocks' own width: a level read at a stride of 4 voxels or more finds the
     * basin or a step towards the optimum, which the finest level, unblurred at full resolution, refines. The fixed
     * image keeps its full-resolution levels (its samples are its grid's voxels).
     */
    private static ImageVolume movingLevel(ImageVolume v, Metric metric, int stride, int base) {
        if (metric != Metric.NCC || stride == base || stride < 4) {
            return level(v, metric, stride, base);
        }
        double fwhm = stride * maxSpacing(v);
        // a mean of two voxels spaced s is a blur of standard deviation s / 2 along that axis
        double blockSigma = maxSpacing(v) / 2;
        double sigma = fwhm / GaussianBlur.FWHM_PER_SIGMA;
        return smooth(blockMeans(v), GaussianBlur.FWHM_PER_SIGMA * Math.sqrt(sigma * sigma - blockSigma * blockSigma));
    }

    /** Means of 2×2×2 blocks (an axis of one voxel kept, an odd last voxel dropped), centred on their blocks. */
    static ImageVolume blockMeans(ImageVolume v) {
        Geometry g = v.geometry();
        int[] n = {g.nx(), g.ny(), g.nz()};
        int[] f = new int[3];
        int[] h = new int[3];
        double[] spacing = new double[3];
        for (int a = 0; a < 3; a++) {
            f[a] = n[a] > 1 ? 2 : 1;
            h[a] = n[a] / f[a];
            spacing[a] = g.spacing(a) * f[a];
        }
        double[] origin = new double[3];
        g.indexToWorld((f[0] - 1) / 2.0, (f[1] - 1) / 2.0, (f[2] - 1) / 2.0, origin);
        Geometry out = Geometry.of(h[0], h[1], h[2], spacing, origin, g.direction());
        float[] in = v.voxels();
        float[] means = new float[out.voxelCount()];
        int row = n[0], plane = n[0] * n[1];
        int ox = f[0] - 1, oy = (f[1] - 1) * row, oz = (f[2] - 1) * plane;
        IntStream.range(0, h[2]).parallel().forEach(k -> {
            for (int j = 0, o = k * h[0] * h[1]; j < h[1]; j++) {
                int corner = f[1] * j * row + f[2] * k * plane;
                for (int i = 0; i < h[0]; i++, o++, corner += f[0]) {
                    // always eight terms: along a one-voxel axis the offset is 0 and the voxel counts twice
                    float sum = in[corner]
                            + in[corner + ox]
                            + in[corner + oy]
                            + in[corner + oy + ox]
                            + in[corner + oz]
                            + in[corner + oz + ox]
                            + in[corner + oz + oy]
                            + in[corner + oz + oy + ox];
                    means[o] = sum / 8f;
                }
            }
        });
        return ImageVolume.wrap(out, v.unit(), means);
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
            ImageVolume m = movingLevel(moving, metric, stride, base);
            Samples s = fixed.levels[l];
            double stop = 0.05 * stride / base;
            if (metric == Metric.NCC && l > 0) {
                // the finer levels' samples are the costly ones: a handful of Levenberg–Marquardt steps on the
                // NCC's analytic gradient from where the coarsest level's search ended, not hundreds of compass steps
                Refined r = refineNcc(s, m, p, cf, stop);
                if (r != null) {
                    p = r.parameters();
                    evaluations += r.evaluations();
                    continue;
                }
                // no positive correlation to climb from: the compass search below
            }
            double best = s.score(metric, m, movingTop, transform(p, cf));
            evaluations++;
            double step = 2.0 * stride / base;
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

    /** Where a Levenberg–Marquardt refinement ended and how many passes over the samples it took. */
    private record Refined(double[] parameters, int evaluations) {}

    /** Passes over the samples one level's refinement may take: a cap against one that keeps taking tiny improving steps. */
    static final int MAX_REFINE_PASSES = 40;

    /**
     * Maximises the NCC from {@code start} by Levenberg–Marquardt on its Gauss–Newton model: the fixed samples'
     * deviations f̃ fitted by α·m̃, the moving image's deviations at the transformed positions, whose Jacobian in the
     * six parameters is the interpolated image's gradient times the derivative of the sample's position
     * ({@link Samples#nccSystem}). The residual Σ(f̃ − α·m̃)² at the best α is Vf·(1 − NCC²), so a step that lowers it
     * raises the NCC; a step is kept only when the NCC rises (else the damping grows tenfold and the step is
     * retried shorter). Stops when a kept step moves no point within {@link #ROTATION_ARM_MM} of the centre by more
     * than {@code stopMm}. Null when the correlation at the start is not positive (nothing to fit α to).
     */
    private static Refined refineNcc(Samples s, ImageVolume moving, double[] start, double[] centre, double stopMm) {
        double[] p = start.clone();
        NccSystem here = s.nccSystem(moving, p, centre);
        int passes = 1;
        if (!here.usable() || !(here.ncc() > 0)) {
            return null;
        }
        double lambda = 1e-3;
        while (passes < MAX_REFINE_PASSES) {
            double[] delta = here.step(lambda);
            if (delta == null) {
                break;
            }
            double[] trial = p.clone();
            for (int a = 0; a < 6; a++) {
                trial[a] += delta[a];
            }
            NccSystem there = s.nccSystem(moving, trial, centre);
            passes++;
            boolean small = displacementMm(delta) < stopMm;
            if (there.usable() && there.ncc() > here.ncc()) {
                p = trial;
                here = there;
                lambda = Math.max(lambda / 10, 1e-7);
                if (small) {
                    break;
                }
            } else {
                lambda *= 10;
                if (small || lambda > 1e6) {
                    break;
                }
            }
        }
        return new Refined(p, passes);
    }

    /** The largest move a parameter change makes at {@link #ROTATION_ARM_MM} from the centre, mm (an upper bound). */
    private static double displacementMm(double[] delta) {
        double rotation = Math.sqrt(delta[0] * delta[0] + delta[1] * delta[1] + delta[2] * delta[2]);
        double translation = Math.sqrt(delta[3] * delta[3] + delta[4] * delta[4] + delta[5] * delta[5]);
        return rotation * ROTATION_ARM_MM + translation;
    }

    /**
     * One pass's sums for the NCC and its Gauss–Newton model at a pose: the sample count n, Σf, Σm, Σf², Σm², Σfm,
     * and with J the derivative of each sample's interpolated moving value in the six parameters, ΣJ, Σf·J, Σm·J and
     * the upper triangle of ΣJ·Jᵀ.
     */
    record NccSystem(
            double inside,
            double overlap,
            double[] sums,
            double[] sumJ,
            double[] sumFJ,
            double[] sumMJ,
            double[] sumJJ) {
        boolean usable() {
            return overlap >= MIN_OVERLAP && Double.isFinite(ncc());
        }

        double covariance() {
            return sums[4] - sums[0] * sums[1] / inside;
        }

        double fixedVariance() {
            return sums[2] - sums[0] * sums[0] / inside;
        }

        double movingVariance() {
            return sums[3] - sums[1] * sums[1] / inside;
        }

        double ncc() {
            return covariance() / Math.sqrt(fixedVariance() * movingVariance());
        }

        /** The NCC's gradient in the six parameters (analytic, the overlap held fixed). */
        double[] gradient() {
            double c = covariance(), vf = fixedVariance(), vm = movingVariance();
            double[] g = new double[6];
            for (int a = 0; a < 6; a++) {
                double dc = sumFJ[a] - sums[0] * sumJ[a] / inside;
                double dvm = 2 * (sumMJ[a] - sums[1] * sumJ[a] / inside);
                g[a] = dc / Math.sqrt(vf * vm) - c / Math.sqrt(vf) * 0.5 * Math.pow(vm, -1.5) * dvm;
            }
            return g;
        }

        /**
         * The damped Gauss–Newton step (H + λ·diag H)·δ = g with H = Σ J̃·J̃ᵀ (J̃ = J less its mean) and g = (Σ f̃·J −
         * α·Σ m̃·J)/α, α = cov/Vm: the step that best fits f̃ by α·m̃ to first order. Null if the system is singular.
         */
        double[] step(double lambda) {
            double alpha = covariance() / movingVariance();
            double[][] h = new double[6][7];
            for (int a = 0, t = 0; a < 6; a++) {
                for (int b = a; b < 6; b++, t++) {
                    double v = sumJJ[t] - sumJ[a] * sumJ[b] / inside;
                    h[a][b] = v;
                    h[b][a] = v;
                }
                double dc = sumFJ[a] - sums[0] * sumJ[a] / inside;
                double dvmHalf = sumMJ[a] - sums[1] * sumJ[a] / inside;
                h[a][6] = (dc - alpha * dvmHalf) / alpha;
            }
            for (int a = 0; a < 6; a++) {
                h[a][a] *= 1 + lambda;
            }
            return solve(h);
        }

        /** Gaussian elimination with partial pivoting of a 6×6 system given as its augmented matrix. */
        private static double[] solve(double[][] h) {
            int n = 6;
            for (int c = 0; c < n; c++) {
                int pivot = c;
                for (int r = c + 1; r < n; r++) {
                    if (Math.abs(h[r][c]) > Math.abs(h[pivot][c])) {
                        pivot = r;
                    }
                }
                if (!(Math.abs(h[pivot][c]) > 0)) {
                    return null;
                }
                double[] swap = h[c];
                h[c] = h[pivot];
                h[pivot] = swap;
                for (int r = c + 1; r < n; r++) {
                    double f = h[r][c] / h[c][c];
                    for (int k = c; k <= n; k++) {
                        h[r][k] -= f * h[c][k];
                    }
                }
            }
            double[] x = new double[n];
            for (int r = n - 1; r >= 0; r--) {
                double v = h[r][n];
                for (int k = r + 1; k < n; k++) {
                    v -= h[r][k] * x[k];
                }
                x[r] = v / h[r][r];
            }
            for (double v : x) {
                if (!Double.isFinite(v)) {
                    return null;
                }
            }
            return x;
        }
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
        // by rows: no division and remainder per voxel to find its three axis weights
        int nx = g.nx();
        int ny = g.ny();
        for (int k = 0, i = 0; k < g.nz(); k++) {
            for (int j = 0; j < ny; j++) {
                for (int x = 0; x < nx; x++, i++) {
                    out[i] /= (float) (wx[x] * wy[j] * wz[k]);
                }
            }
        }
        return ImageVolume.wrap(g, v.unit(), out);
    }

    /**
     * {@link #smooth}'s floats at the voxels (i·stride, j·stride, k·stride), x fastest, without the rest of the image
     * ({@link GaussianBlur#sampled}).
     */
    static float[] smoothSamples(ImageVolume v, double fwhmMm, int stride) {
        Geometry g = v.geometry();
        double[] wx = GaussianBlur.onesProfile(g, fwhmMm, 0);
        double[] wy = GaussianBlur.onesProfile(g, fwhmMm, 1);
        double[] wz = GaussianBlur.onesProfile(g, fwhmMm, 2);
        float[] out = GaussianBlur.sampled(v, fwhmMm, stride);
        for (int k = 0, i = 0; k < g.nz(); k += stride) {
            for (int j = 0; j < g.ny(); j += stride) {
                for (int x = 0; x < g.nx(); x += stride, i++) {
                    out[i] /= (float) (wx[x] * wy[j] * wz[k]);
                }
            }
        }
        return out;
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
    record Samples(Geometry grid, int stride, int countX, int countY, int countZ, int[] fixedBin, float[] fixedValue) {
        static Samples of(ImageVolume fixed, int stride, double top) {
            Geometry g = fixed.geometry();
            int cx = (g.nx() + stride - 1) / stride;
            int cy = (g.ny() + stride - 1) / stride;
            int cz = (g.nz() + stride - 1) / stride;
            float[] values = new float[cx * cy * cz];
            float[] a = fixed.voxels();
            int c = 0;
            for (int k = 0; k < g.nz(); k += stride) {
                for (int j = 0; j < g.ny(); j += stride) {
                    for (int i = 0; i < g.nx(); i += stride) {
                        values[c++] = a[g.index(i, j, k)];
                    }
                }
            }
            return of(g, stride, values, top);
        }

        /** The samples whose values, on {@code g}'s voxels at {@code stride} in row order, are given. */
        static Samples of(Geometry g, int stride, float[] values, double top) {
            int cx = (g.nx() + stride - 1) / stride;
            int cy = (g.ny() + stride - 1) / stride;
            int cz = (g.nz() + stride - 1) / stride;
            int[] bins = new int[values.length];
            for (int c = 0; c < values.length; c++) {
                bins[c] = bin(values[c], top);
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

        /**
         * The sums of {@link NccSystem} at parameters {@code p} about {@code centre}. The derivative of a sample's
         * position in the moving grid with a parameter is affine in the fixed indices too (the derivative of the
         * map's matrix and offset, by central differences of {@link Resampling.Affine#between}, exact to rounding at
         * these steps since the map is smooth); times the trilinear interpolant's gradient in that cell it is the
         * derivative of the sample's value.
         */
        NccSystem nccSystem(ImageVolume moving, double[] p, double[] centre) {
            Geometry mg = moving.geometry();
            Resampling.Affine m = Resampling.Affine.between(grid, mg, transform(p, centre));
            // dA[a] (9, times the stride) and db[a] (3) for each parameter
            double[][] dA = new double[6][];
            double[][] db = new double[6][];
            for (int a = 0; a < 6; a++) {
                double h = a < 3 ? 1e-6 : 1e-4;
                double[] up = p.clone();
                double[] down = p.clone();
                up[a] += h;
                down[a] -= h;
                Resampling.Affine u = Resampling.Affine.between(grid, mg, transform(up, centre));
                Resampling.Affine d = Resampling.Affine.between(grid, mg, transform(down, centre));
                dA[a] = new double[9];
                db[a] = new double[3];
                for (int e = 0; e < 9; e++) {
                    dA[a][e] = (u.m()[e] - d.m()[e]) / (2 * h) * stride;
                }
                for (int e = 0; e < 3; e++) {
                    db[a][e] = (u.b()[e] - d.b()[e]) / (2 * h);
                }
            }
            int nx = mg.nx(), ny = mg.ny(), nz = mg.nz();
            int lastX = Math.max(nx - 2, 0), lastY = Math.max(ny - 2, 0), lastZ = Math.max(nz - 2, 0);
            int dx = nx > 1 ? 1 : 0, dy = ny > 1 ? nx : 0, dz = nz > 1 ? nx * ny : 0;
            double maxX = nx - 1, maxY = ny - 1, maxZ = nz - 1;
            double[] ma = m.m().clone();
            for (int e = 0; e < 9; e++) {
                ma[e] *= stride;
            }
            double[] mb = m.b();
            float[] v = moving.voxels();
            double[] sums = new double[5];
            double[] sumJ = new double[6], sumFJ = new double[6], sumMJ = new double[6], sumJJ = new double[21];
            // per row: each parameter's position derivative at i = 0 (row0) and its change per sample (along)
            double[] row0 = new double[18];
            double[] along = new double[18];
            for (int a = 0; a < 6; a++) {
                for (int r = 0; r < 3; r++) {
                    along[a * 3 + r] = dA[a][r * 3];
                }
            }
            double[] jac = new double[6];
            int inside = 0;
            int s = 0;
            for (int k = 0; k < countZ; k++) {
                for (int j = 0; j < countY; j++) {
                    double x0 = mb[0] + ma[1] * j + ma[2] * k;
                    double y0 = mb[1] + ma[4] * j + ma[5] * k;
                    double z0 = mb[2] + ma[7] * j + ma[8] * k;
                    for (int a = 0; a < 6; a++) {
                        for (int r = 0; r < 3; r++) {
                            row0[a * 3 + r] = db[a][r] + dA[a][r * 3 + 1] * j + dA[a][r * 3 + 2] * k;
                        }
                    }
                    for (int i = 0; i < countX; i++, s++) {
                        double x = x0 + ma[0] * i, y = y0 + ma[3] * i, z = z0 + ma[6] * i;
                        if (!(x >= 0 && y >= 0 && z >= 0 && x <= maxX && y <= maxY && z <= maxZ)) {
                            continue;
                        }
                        int ix = Math.min((int) x, lastX), iy = Math.min((int) y, lastY), iz = Math.min((int) z, lastZ);
                        double fx = x - ix, fy = y - iy, fz = z - iz;
                        int q = ix + nx * (iy + ny * iz);
                        double v000 = v[q], v100 = v[q + dx], v010 = v[q + dy], v110 = v[q + dy + dx];
                        double v001 = v[q + dz], v101 = v[q + dz + dx], v011 = v[q + dz + dy];
                        double v111 = v[q + dz + dy + dx];
                        double c00 = v000 + fx * (v100 - v000);
                        double c10 = v010 + fx * (v110 - v010);
                        double c01 = v001 + fx * (v101 - v001);
                        double c11 = v011 + fx * (v111 - v011);
                        double c0 = c00 + fy * (c10 - c00);
                        double c1 = c01 + fy * (c11 - c01);
                        double value = c0 + fz * (c1 - c0);
                        // the interpolant's gradient in moving-grid indices, within this cell
                        double e0 = (v100 - v000) + fy * ((v110 - v010) - (v100 - v000));
                        double e1 = (v101 - v001) + fy * ((v111 - v011) - (v101 - v001));
                        double gx = e0 + fz * (e1 - e0);
                        double gy = (c10 - c00) + fz * ((c11 - c01) - (c10 - c00));
                        double gz = c1 - c0;
                        double f = fixedValue[s];
                        inside++;
                        sums[0] += f;
                        sums[1] += value;
                        sums[2] += f * f;
                        sums[3] += value * value;
                        sums[4] += f * value;
                        for (int a = 0; a < 6; a++) {
                            int o = a * 3;
                            double d = gx * (row0[o] + along[o] * i)
                                    + gy * (row0[o + 1] + along[o + 1] * i)
                                    + gz * (row0[o + 2] + along[o + 2] * i);
                            jac[a] = d;
                            sumJ[a] += d;
                            sumFJ[a] += f * d;
                            sumMJ[a] += value * d;
                        }
                        for (int a = 0, t = 0; a < 6; a++) {
                            double ja = jac[a];
                            for (int b = a; b < 6; b++, t++) {
                                sumJJ[t] += ja * jac[b];
                            }
                        }
                    }
                }
            }
            return new NccSystem(inside, inside / (double) fixedValue.length, sums, sumJ, sumFJ, sumMJ, sumJJ);
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

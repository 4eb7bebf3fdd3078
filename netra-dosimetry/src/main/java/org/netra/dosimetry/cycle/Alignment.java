package org.netra.dosimetry.cycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.netra.imaging.volume.GaussianBlur;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidRegistration;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.VoxelUnit;

/**
 * Brings a cycle's time points onto one grid: the earliest scan's (the reference, on which the VOIs are
 * drawn). Each later scan is resampled (trilinear, concentration kept) onto it, through the rigid transform
 * found by NMI registration of the scans, by registration of the CTs taken with them, or through the
 * scanner's own coordinates.
 */
public final class Alignment {
    /** How later scans are matched to the reference. */
    public enum Mode {
        /** Trust the scanner coordinates (same bed position, patient still). */
        NONE,
        /** Rigid NMI registration of each later scan onto the reference ({@link RigidRegistration}). */
        RIGID,
        /**
         * Rigid registration of each later scan's own CT (SPECT/CT) onto the reference scan's CT, the transform
         * then applied to the scan: anatomy does not change between time points the way activity does
         * ({@link #alignByCt}).
         */
        CT
    }

    /**
     * The time points on the reference grid, earliest first, with the registration found for each (empty for
     * the reference and in mode NONE).
     */
    public record Aligned(
            List<TimePointImage> timePoints,
            List<Optional<RigidRegistration.Result>> registrations,
            List<AsAcquired> asAcquired) {
        public Aligned {
            timePoints = List.copyOf(timePoints);
            registrations = List.copyOf(registrations);
            asAcquired = List.copyOf(asAcquired);
            if (asAcquired.size() != timePoints.size()) {
                throw new IllegalArgumentException("one acquired frame per time point");
            }
        }
    }

    /**
     * A time point as it was acquired, before resampling, and where each point of the reference grid lies in it.
     * Resampling a later scan onto the reference grid interpolates (trilinear), which blurs it further than the
     * camera's PSF; figures that model the PSF exactly (the GTM) read the scan on its own grid instead.
     *
     * @param referenceToScan world position on the reference grid → world position in this scan's frame
     */
    public record AsAcquired(ImageVolume activity, RigidTransform referenceToScan) {
        /** Whether the scan is on the reference grid already, not moved: nothing was resampled. */
        public boolean isOn(Geometry reference) {
            return activity.geometry().equals(reference) && referenceToScan.equals(RigidTransform.identity());
        }
    }

    /** Registration runs on images of at most this many voxels (block averages of larger ones). */
    static final int REGISTRATION_MAX_VOXELS = 2_000_000;

    /** Added to CT numbers before CT registration: air (−1000 HU) becomes 0. */
    static final float AIR_HU_OFFSET = 1000f;

    /**
     * CTs are smoothed by this Gaussian (FWHM, mm) before registration: the phantom's and a low-dose CT's sharp
     * edges and noise make the similarity rough at sub-voxel steps.
     */
    static final double CT_SMOOTHING_FWHM_MM = 4;

    /** How far inside its grid the reference CT is compared (mm): above any repositioning expected. */
    static final double CT_MARGIN_MM = 25;

    /** The reference CT's sample spacing relative to its voxels (not a whole or half number). */
    static final double CT_GRID_SCALE = 1.13;

    private Alignment() {}

    public static Aligned align(List<TimePointImage> timePoints, Mode mode) {
        if (timePoints.isEmpty()) {
            throw new CycleInputException("give at least one time point");
        }
        if (mode == Mode.CT) {
            throw new MissingCtException("CT-based alignment needs each time point's CT: give them (alignByCt)");
        }
        List<TimePointImage> sorted = new ArrayList<>(timePoints);
        sorted.sort(Comparator.comparing(TimePointImage::acquisition));
        TimePointImage reference = sorted.get(0);
        Geometry grid = reference.activity().geometry();
        int later = sorted.size() - 1;
        TimePointImage[] out = new TimePointImage[later];
        // set at distinct indices only (no structural change), joined before being read
        List<Optional<RigidRegistration.Result>> found =
                new ArrayList<>(java.util.Collections.nCopies(later, Optional.empty()));
        // prepared once for all later scans
        RigidRegistration.FixedPyramid fixed = mode == Mode.RIGID
                ? RigidRegistration.FixedPyramid.of(coarse(reference.activity()), RigidRegistration.Metric.NMI)
                : null;
        // the later scans are independent of each other: register them side by side
        IntStream.range(0, later).parallel().forEach(i -> {
            TimePointImage tp = sorted.get(i + 1);
            switch (mode) {
                case NONE -> {
                    out[i] = tp.activity().geometry().equals(grid)
                            ? tp
                            : tp.withActivity(Resampling.trilinear(tp.activity(), grid, RigidTransform.identity(), 0f));
                    found.set(i, Optional.empty());
                }
                case RIGID -> {
                    RigidRegistration.Result r = RigidRegistration.register(fixed, coarse(tp.activity()));
                    out[i] = tp.withActivity(Resampling.trilinear(tp.activity(), grid, r.transform(), 0f));
                    found.set(i, Optional.of(r));
                }
                case CT -> throw new IllegalStateException("mode CT is refused above");
            }
        });
        return aligned(reference, sorted.subList(1, sorted.size()), out, found);
    }

    /**
     * Aligns the time points through their CTs: {@code cts.get(i)} is the CT taken with {@code
     * timePoints.get(i)} in the same frame (one SPECT/CT session). Each later CT is registered rigidly onto the
     * reference (earliest) scan's CT, and the scan is resampled onto the reference grid through the transform
     * found. CT to CT of one patient is one modality, so the metric is the normalised cross-correlation, on
     * CT + 1000 HU clipped at 0 (air 0, water 1000: the centre of mass the search starts from is the body's),
     * smoothed by {@link #CT_SMOOTHING_FWHM_MM}, the reference sampled as {@link #referenceSamples} says.
     *
     * @throws MissingCtException when the lists differ in length or a CT is missing
     */
    public static Aligned alignByCt(List<TimePointImage> timePoints, List<ImageVolume> cts) {
        if (timePoints.isEmpty()) {
            throw new CycleInputException("give at least one time point");
        }
        if (cts.size() != timePoints.size()) {
            throw new MissingCtException("CT-based registration needs one CT per time point, in the same order: got "
                    + cts.size() + " CT(s) for " + timePoints.size() + " time point(s)");
        }
        List<Integer> order =
                new ArrayList<>(IntStream.range(0, timePoints.size()).boxed().toList());
        order.sort(Comparator.comparing(i -> timePoints.get(i).acquisition()));
        for (int i : order) {
            if (cts.get(i) == null) {
                throw new MissingCtException("time point " + timePoints.get(i).source()
                        + " has no CT; CT-based registration needs the CT taken with each scan");
            }
            cts.get(i)
                    .requireUnit(
                            VoxelUnit.HU,
                            "the CT of time point " + timePoints.get(i).source());
        }
        TimePointImage reference = timePoints.get(order.get(0));
        Geometry grid = reference.activity().geometry();
        // prepared once (its blurred pyramid levels too) for all later scans
        RigidRegistration.FixedPyramid fixed = RigidRegistration.FixedPyramid.of(
                referenceSamples(attenuation(cts.get(order.get(0)))), RigidRegistration.Metric.NCC);
        int later = order.size() - 1;
        TimePointImage[] out = new TimePointImage[later];
        List<Optional<RigidRegistration.Result>> found =
                new ArrayList<>(java.util.Collections.nCopies(later, Optional.empty()));
        IntStream.range(0, later).parallel().forEach(i -> {
            int index = order.get(i + 1);
            TimePointImage tp = timePoints.get(index);
            RigidRegistration.Result r = RigidRegistration.register(fixed, attenuation(cts.get(index)));
            // the scan shares its CT's frame: the CT's transform is the scan's
            out[i] = tp.withActivity(Resampling.trilinear(tp.activity(), grid, r.transform(), 0f));
            found.set(i, Optional.of(r));
        });
        List<TimePointImage> acquired =
                order.subList(1, order.size()).stream().map(timePoints::get).toList();
        return aligned(reference, acquired, out, found);
    }

    private static Aligned aligned(
            TimePointImage reference,
            List<TimePointImage> acquired,
            TimePointImage[] later,
            List<Optional<RigidRegistration.Result>> found) {
        List<TimePointImage> all = new ArrayList<>();
        List<Optional<RigidRegistration.Result>> registrations = new ArrayList<>();
        List<AsAcquired> frames = new ArrayList<>();
        all.add(reference);
        registrations.add(Optional.empty());
        frames.add(new AsAcquired(reference.activity(), RigidTransform.identity()));
        all.addAll(Arrays.asList(later));
        registrations.addAll(found);
        for (int i = 0; i < later.length; i++) {
            frames.add(new AsAcquired(
                    acquired.get(i).activity(),
                    found.get(i).map(RigidRegistration.Result::transform).orElse(RigidTransform.identity())));
        }
        return new Aligned(all, registrations, frames);
    }

    /**
     * The reference CT resampled for registration onto a grid {@link #CT_MARGIN_MM} inside its own on every side
     * and with a spacing incommensurate with the other CTs' (×{@link #CT_GRID_SCALE}). The margin keeps each
     * later CT's field-of-view edge (where the moved body leaves its grid) out of the comparison for motions
     * below it; a trunk CT has little structure along z, and that edge otherwise pulls z. The odd spacing puts the
     * sample positions at every fraction of the other CT's voxels, so interpolation does not favour whole-voxel
     * shifts (the grid-alignment artefact, Pluim et al., Comput Vis Image Underst 2000;77:211).
     */
    static ImageVolume referenceSamples(ImageVolume v) {
        Geometry g = v.geometry();
        int[] n = new int[3];
        double[] inset = new double[3];
        int[] size = {g.nx(), g.ny(), g.nz()};
        for (int a = 0; a < 3; a++) {
            inset[a] = Math.min(CT_MARGIN_MM / g.spacing(a), (size[a] - 1) / 4.0);
            n[a] = Math.max(1, (int) Math.floor((size[a] - 1 - 2 * inset[a]) / CT_GRID_SCALE) + 1);
        }
        double[] first = new double[3];
        g.indexToWorld(inset[0], inset[1], inset[2], first);
        Geometry h = Geometry.of(
                n[0],
                n[1],
                n[2],
                new double[] {g.spacing(0) * CT_GRID_SCALE, g.spacing(1) * CT_GRID_SCALE, g.spacing(2) * CT_GRID_SCALE},
                first,
                g.direction());
        return Resampling.trilinear(v, h, RigidTransform.identity(), 0f);
    }

    /**
     * What CT registration compares: CT numbers shifted so air is 0 and everything is non-negative, block-averaged
     * to the registration's size ({@link #coarse}) and smoothed by {@link #CT_SMOOTHING_FWHM_MM}. Averaged before
     * it is smoothed: a 256×256×200 CT blurred whole then averaged cost 8 times the blur of its averaged
     * 128×128×100, a tenth of a real-size cycle's CPU; the averaging is itself a smoothing, so the two orders
     * differ by a fraction of the smoothing (none on grids already below the size, such as the twins').
     */
    static ImageVolume attenuation(ImageVolume hu) {
        ImageVolume shifted;
        if (hu.geometry().voxelCount() > REGISTRATION_MAX_VOXELS) {
            // the shift applied within the first block average: no full-size shifted copy (52 MB at 256×256×200)
            shifted = coarse(halve(hu, AIR_HU_OFFSET, VoxelUnit.DIMENSIONLESS));
        } else {
            float[] in = hu.voxels();
            float[] out = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = Math.max(0f, in[i] + AIR_HU_OFFSET);
            }
            shifted = ImageVolume.wrap(hu.geometry(), VoxelUnit.DIMENSIONLESS, out);
        }
        // shifted is this method's own array: blurred over, not copied first
        return GaussianBlur.blurConsuming(shifted, CT_SMOOTHING_FWHM_MM);
    }

    /**
     * The image averaged over 2×2×2 blocks until it has at most {@link #REGISTRATION_MAX_VOXELS} voxels: the
     * registration's transform is in world coordinates, so it applies to the full image unchanged, and SPECT's
     * resolution (10–15 mm FWHM for 177Lu) leaves nothing to find in finer voxels. A 256×256×199 scan at 1.95 mm
     * is registered at 128×128×99 and 3.9 mm, about 4 times faster than at full size.
     */
    static ImageVolume coarse(ImageVolume v) {
        while (v.geometry().voxelCount() > REGISTRATION_MAX_VOXELS) {
            v = halve(v);
        }
        return v;
    }

    static ImageVolume halve(ImageVolume v) {
        return halve(v, Float.NaN, v.unit());
    }

    /**
     * 2×2×2 block averages; with a finite {@code shift}, of each voxel's {@code max(0, value + shift)} (the same float
     * as a shifted copy would hold, so the same averages), in {@code unit}.
     */
    private static ImageVolume halve(ImageVolume v, float shift, VoxelUnit unit) {
        boolean shifted = !Float.isNaN(shift);
        Geometry g = v.geometry();
        int nx = Math.max(1, g.nx() / 2), ny = Math.max(1, g.ny() / 2), nz = Math.max(1, g.nz() / 2);
        int fx = g.nx() > 1 ? 2 : 1, fy = g.ny() > 1 ? 2 : 1, fz = g.nz() > 1 ? 2 : 1;
        double[] origin = new double[3];
        g.indexToWorld((fx - 1) / 2.0, (fy - 1) / 2.0, (fz - 1) / 2.0, origin);
        Geometry h = Geometry.of(
                nx,
                ny,
                nz,
                new double[] {g.spacing(0) * fx, g.spacing(1) * fy, g.spacing(2) * fz},
                origin,
                g.direction());
        float[] in = v.voxels();
        float[] out = new float[h.voxelCount()];
        float weight = 1f / (fx * fy * fz);
        int rowIn = g.nx(), planeIn = g.nx() * g.ny();
        // a block's voxels as offsets from its first, in the order x fastest then y then z (the sum's order)
        int[] block = new int[fx * fy * fz];
        for (int c = 0, n = 0; c < fz; c++) {
            for (int b = 0; b < fy; b++) {
                for (int a = 0; a < fx; a++, n++) {
                    block[n] = a + rowIn * b + planeIn * c;
                }
            }
        }
        IntStream.range(0, nz).parallel().forEach(k -> {
            int o = k * nx * ny;
            for (int j = 0; j < ny; j++) {
                int first = rowIn * fy * j + planeIn * fz * k;
                for (int i = 0; i < nx; i++, o++, first += fx) {
                    double sum = 0;
                    for (int offset : block) {
                        float x = in[first + offset];
                        sum += shifted ? Math.max(0f, x + shift) : x;
                    }
                    out[o] = (float) (sum * weight);
                }
            }
        });
        return ImageVolume.wrap(h, unit, out);
    }
}

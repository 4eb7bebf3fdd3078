package org.netra.dosimetry.cycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidRegistration;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.Volume;

/**
 * Brings a cycle's time points onto one grid: the earliest scan's (the reference, on which the VOIs are
 * drawn). Each later scan is resampled (trilinear, concentration kept) onto it, through the rigid transform
 * found by NMI registration or through the scanner's own coordinates.
 */
public final class Alignment {
    /** How later scans are matched to the reference. */
    public enum Mode {
        /** Trust the scanner coordinates (same bed position, patient still). */
        NONE,
        /** Rigid NMI registration of each later scan onto the reference ({@link RigidRegistration}). */
        RIGID
    }

    /**
     * The time points on the reference grid, earliest first, with the registration found for each (empty for
     * the reference and in mode NONE).
     */
    public record Aligned(List<TimePointImage> timePoints, List<Optional<RigidRegistration.Result>> registrations) {
        public Aligned {
            timePoints = List.copyOf(timePoints);
            registrations = List.copyOf(registrations);
        }
    }

    /** Registration runs on images of at most this many voxels (block averages of larger ones). */
    static final int REGISTRATION_MAX_VOXELS = 2_000_000;

    private Alignment() {}

    public static Aligned align(List<TimePointImage> timePoints, Mode mode) {
        if (timePoints.isEmpty()) {
            throw new CycleInputException("give at least one time point");
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
        Volume fixed = mode == Mode.RIGID ? coarse(reference.activity()) : null;
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
            }
        });
        List<TimePointImage> all = new ArrayList<>();
        List<Optional<RigidRegistration.Result>> registrations = new ArrayList<>();
        all.add(reference);
        registrations.add(Optional.empty());
        all.addAll(Arrays.asList(out));
        registrations.addAll(found);
        return new Aligned(all, registrations);
    }

    /**
     * The image averaged over 2×2×2 blocks until it has at most {@link #REGISTRATION_MAX_VOXELS} voxels: the
     * registration's transform is in world coordinates, so it applies to the full image unchanged, and SPECT's
     * resolution (10–15 mm FWHM for 177Lu) leaves nothing to find in finer voxels. A 256×256×199 scan at 1.95 mm
     * is registered at 128×128×99 and 3.9 mm, about 4 times faster than at full size.
     */
    static Volume coarse(Volume v) {
        while (v.geometry().voxelCount() > REGISTRATION_MAX_VOXELS) {
            v = halve(v);
        }
        return v;
    }

    static Volume halve(Volume v) {
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
        IntStream.range(0, nz).parallel().forEach(k -> {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double sum = 0;
                    for (int c = 0; c < fz; c++) {
                        for (int b = 0; b < fy; b++) {
                            for (int a = 0; a < fx; a++) {
                                sum += in[g.index(fx * i + a, fy * j + b, fz * k + c)];
                            }
                        }
                    }
                    out[h.index(i, j, k)] = (float) (sum * weight);
                }
            }
        });
        return Volume.wrap(h, v.unit(), out);
    }
}

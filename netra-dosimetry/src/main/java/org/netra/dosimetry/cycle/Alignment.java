package org.netra.dosimetry.cycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidRegistration;
import org.netra.imaging.volume.RigidTransform;

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

    private Alignment() {}

    public static Aligned align(List<TimePointImage> timePoints, Mode mode) {
        if (timePoints.isEmpty()) {
            throw new CycleInputException("give at least one time point");
        }
        List<TimePointImage> sorted = new ArrayList<>(timePoints);
        sorted.sort(Comparator.comparing(TimePointImage::acquisition));
        TimePointImage reference = sorted.get(0);
        var grid = reference.activity().geometry();
        List<TimePointImage> out = new ArrayList<>();
        List<Optional<RigidRegistration.Result>> found = new ArrayList<>();
        out.add(reference);
        found.add(Optional.empty());
        for (TimePointImage tp : sorted.subList(1, sorted.size())) {
            switch (mode) {
                case NONE -> {
                    out.add(
                            tp.activity().geometry().equals(grid)
                                    ? tp
                                    : tp.withActivity(
                                            Resampling.trilinear(tp.activity(), grid, RigidTransform.identity(), 0f)));
                    found.add(Optional.empty());
                }
                case RIGID -> {
                    RigidRegistration.Result r = RigidRegistration.register(reference.activity(), tp.activity());
                    out.add(tp.withActivity(Resampling.trilinear(tp.activity(), grid, r.transform(), 0f)));
                    found.add(Optional.of(r));
                }
            }
        }
        return new Aligned(out, found);
    }
}

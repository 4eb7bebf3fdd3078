package org.netra.app.viewer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.imaging.quant.AcquisitionFacts;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.VoxelUnit;

/**
 * What the viewer shows of one study, all on the emission image's grid: the emission image (SPECT or
 * PET, Bq/mL), optionally a CT resampled onto it for fusion, VOIs, and a dose map. Display windows are
 * computed once here.
 */
public final class Scene {
    /** The emission window's top: this percentile of the positive voxels, so one hot spot does not wash out the rest. */
    static final double WINDOW_PERCENTILE = 99.9;

    private final String title;
    private final ImageVolume emission;
    private final Optional<ImageVolume> ct;
    private final List<Mask> vois;
    private final Optional<ImageVolume> dose;
    private final String doseNote;
    private final Slicer slicer;
    /**
     * The emission's positive voxels. Only partly ordered until a percentile other than the default is asked
     * for: sorting 13 M voxels takes about a second, selecting the default window's one value a tenth of that,
     * and the first image must not wait for the sort.
     */
    private final float[] positiveEmission;

    private boolean positiveEmissionSorted;
    private final float emissionTop;
    private final float doseTop;
    private final Optional<Acquisition> acquisition;

    /** The series the emission image came from and its acquisition facts (injection, weight: SUVs need them). */
    public record Acquisition(String seriesInstanceUid, AcquisitionFacts facts) {}

    private final java.util.OptionalDouble suvPerBqMl;
    /**
     * Projections through the whole volume, made once: a MIP reads every voxel (hundreds of ms for a 256² × 199
     * SPECT), a slice only its plane, and the layers never change.
     */
    private final java.util.Map<String, Object> projections = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param ct a CT in the same frame of reference on any grid (resampled here), or empty
     * @param dose a dose map (Gy) on the emission grid, or empty
     * @param doseNote how the dose map was computed, shown beside it
     */
    public Scene(
            String title,
            ImageVolume emission,
            Optional<ImageVolume> ct,
            List<Mask> vois,
            Optional<ImageVolume> dose,
            String doseNote) {
        this(title, emission, ct, vois, dose, doseNote, Optional.empty(), java.util.OptionalDouble.empty());
    }

    /**
     * As above, with the series UID and acquisition facts of the emission image.
     *
     * @param suvPerBqMl the factor that turns Bq/mL at scan start into SUV (body weight), when the series gives
     *     the patient's weight and the injected activity
     */
    public Scene(
            String title,
            ImageVolume emission,
            Optional<ImageVolume> ct,
            List<Mask> vois,
            Optional<ImageVolume> dose,
            String doseNote,
            Optional<Acquisition> acquisition,
            java.util.OptionalDouble suvPerBqMl) {
        this.acquisition = Objects.requireNonNull(acquisition, "acquisition");
        this.suvPerBqMl = Objects.requireNonNull(suvPerBqMl, "SUV factor");
        this.title = Objects.requireNonNull(title, "title");
        this.emission = emission;
        this.slicer = new Slicer(emission.geometry());
        this.ct = ct.map(c -> {
            c.requireUnit(VoxelUnit.HU, "the CT for fusion");
            // air outside the CT's field of view
            return Resampling.trilinear(
                    c, emission.geometry(), org.netra.imaging.volume.RigidTransform.identity(), -1000f);
        });
        this.vois = List.copyOf(vois);
        for (Mask m : this.vois) {
            m.requireOn(emission.geometry(), "VOI " + m.name());
        }
        this.dose = dose;
        dose.ifPresent(d -> {
            d.requireUnit(VoxelUnit.GY, "the dose map");
            if (!d.geometry().sameDimensions(emission.geometry())) {
                throw new IllegalArgumentException("the dose map's grid " + d.geometry()
                        + " is not the emission image's " + emission.geometry() + "; resample it first");
            }
        });
        this.doseNote = doseNote == null ? "" : doseNote;
        this.positiveEmission = positive(emission.voxels());
        this.emissionTop = selected(positiveEmission, WINDOW_PERCENTILE);
        this.doseTop = dose.map(d -> percentile(d.voxels(), WINDOW_PERCENTILE)).orElse(0f);
    }

    public Optional<Acquisition> acquisition() {
        return acquisition;
    }

    public String title() {
        return title;
    }

    public ImageVolume emission() {
        return emission;
    }

    public Optional<ImageVolume> ct() {
        return ct;
    }

    public List<Mask> vois() {
        return vois;
    }

    public Optional<ImageVolume> dose() {
        return dose;
    }

    public String doseNote() {
        return doseNote;
    }

    public Slicer slicer() {
        return slicer;
    }

    public float emissionTop() {
        return emissionTop;
    }

    public float doseTop() {
        return doseTop;
    }

    /** The MIP of {@code layer} in {@code plane}, made on first use. */
    Slice projection(String layer, Plane plane, java.util.function.Supplier<Slice> make) {
        return (Slice) projections.computeIfAbsent(layer + "/" + plane, k -> make.get());
    }

    /** The pixels VOI {@code voi} covers in the projection through {@code plane}, made on first use. */
    java.util.BitSet outlineOfProjection(int voi, Plane plane, java.util.function.Supplier<java.util.BitSet> make) {
        return (java.util.BitSet) projections.computeIfAbsent("voi-" + voi + "/" + plane, k -> make.get());
    }

    /** SUV per Bq/mL (body weight), when the study has what SUV needs. */
    public java.util.OptionalDouble suvPerBqMl() {
        return suvPerBqMl;
    }

    /** The top of the emission colour scale in Bq/mL for {@code scale}; an SUV range needs an SUV. */
    public float emissionTop(Windowing.EmissionScale scale) {
        return switch (scale) {
            case Windowing.Percentile p ->
                p.percent() == WINDOW_PERCENTILE ? emissionTop : at(sortedPositiveEmission(), p.percent());
            case Windowing.SuvRange r -> {
                if (suvPerBqMl.isEmpty()) {
                    throw new IllegalArgumentException("this study has no SUV (its series lacks the patient's weight"
                            + " or the injected activity): scale it by percentile instead, e.g. p99.9");
                }
                yield (float) (r.max() / suvPerBqMl.getAsDouble());
            }
        };
    }

    /** The values of every layer at voxel (i, j, k) of the emission grid, and where that voxel is (mm, LPS). */
    public VoxelReadout readout(int i, int j, int k) {
        var g = emission.geometry();
        int v = g.index(i, j, k);
        double[] at = new double[3];
        g.indexToWorld(i, j, k, at);
        double bqPerMl = emission.voxels()[v];
        return new VoxelReadout(
                i,
                j,
                k,
                at,
                bqPerMl,
                suvPerBqMl.isPresent() ? bqPerMl * suvPerBqMl.getAsDouble() : null,
                dose.map(d -> (double) d.voxels()[v]).orElse(null),
                ct.map(c -> (double) c.voxels()[v]).orElse(null));
    }

    /** The {@code p}-th percentile of the positive values (0 when there are none). */
    static float percentile(float[] values, double p) {
        return selected(positive(values), p);
    }

    private synchronized float[] sortedPositiveEmission() {
        if (!positiveEmissionSorted) {
            Arrays.sort(positiveEmission);
            positiveEmissionSorted = true;
        }
        return positiveEmission;
    }

    private static int rank(int n, double p) {
        return (int) Math.min(n - 1, Math.round(p / 100 * (n - 1)));
    }

    private static float at(float[] sortedPositive, double p) {
        int n = sortedPositive.length;
        return n == 0 ? 0 : sortedPositive[rank(n, p)];
    }

    /**
     * The value {@link #at} would give after sorting {@code values}, found by selection (Hoare's quickselect with a
     * median-of-three pivot, expected linear time); reorders {@code values}.
     */
    static float selected(float[] values, double p) {
        int n = values.length;
        if (n == 0) {
            return 0;
        }
        int k = rank(n, p);
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            float pivot = medianOfThree(values[lo], values[mid], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = values[i];
                    values[i++] = values[j];
                    values[j--] = t;
                }
            }
            // now values[lo..j] <= pivot <= values[i..hi], and anything between equals the pivot
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static float medianOfThree(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static float[] positive(float[] values) {
        int n = 0;
        for (float v : values) {
            if (v > 0) {
                n++;
            }
        }
        float[] positive = new float[n];
        int o = 0;
        for (float v : values) {
            if (v > 0) {
                positive[o++] = v;
            }
        }
        return positive;
    }
}

package org.netra.app.viewer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.imaging.quant.AcquisitionFacts;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.Volume;
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
    private final Volume emission;
    private final Optional<Volume> ct;
    private final List<Mask> vois;
    private final Optional<Volume> dose;
    private final String doseNote;
    private final Slicer slicer;
    private final float emissionTop;
    private final float doseTop;
    private final Optional<Acquisition> acquisition;

    /** The series the emission image came from and its acquisition facts (injection, weight: SUVs need them). */
    public record Acquisition(String seriesInstanceUid, AcquisitionFacts facts) {}

    /**
     * @param ct a CT in the same frame of reference on any grid (resampled here), or empty
     * @param dose a dose map (Gy) on the emission grid, or empty
     * @param doseNote how the dose map was computed, shown beside it
     */
    public Scene(
            String title,
            Volume emission,
            Optional<Volume> ct,
            List<Mask> vois,
            Optional<Volume> dose,
            String doseNote) {
        this(title, emission, ct, vois, dose, doseNote, Optional.empty());
    }

    /** As above, with the series UID and acquisition facts of the emission image. */
    public Scene(
            String title,
            Volume emission,
            Optional<Volume> ct,
            List<Mask> vois,
            Optional<Volume> dose,
            String doseNote,
            Optional<Acquisition> acquisition) {
        this.acquisition = Objects.requireNonNull(acquisition, "acquisition");
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
        this.emissionTop = percentile(emission.voxels(), WINDOW_PERCENTILE);
        this.doseTop = dose.map(d -> percentile(d.voxels(), WINDOW_PERCENTILE)).orElse(0f);
    }

    public Optional<Acquisition> acquisition() {
        return acquisition;
    }

    public String title() {
        return title;
    }

    public Volume emission() {
        return emission;
    }

    public Optional<Volume> ct() {
        return ct;
    }

    public List<Mask> vois() {
        return vois;
    }

    public Optional<Volume> dose() {
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

    /** The {@code p}-th percentile of the positive values (0 when there are none). */
    static float percentile(float[] values, double p) {
        int n = 0;
        for (float v : values) {
            if (v > 0) {
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        float[] positive = new float[n];
        int o = 0;
        for (float v : values) {
            if (v > 0) {
                positive[o++] = v;
            }
        }
        Arrays.sort(positive);
        int idx = (int) Math.min(n - 1, Math.round(p / 100 * (n - 1)));
        return positive[idx];
    }
}

package org.netra.app.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The items a dosimetry report must state, after the EANM Dosimetry Committee's reporting checklist (Lassmann et
 * al., EJNMMI 2011;38:192–200) and the EANM 2022 recommendations for 177Lu dosimetry (Sjögreen Gleisner et al.,
 * EJNMMI 2022). Every item is printed: what netra does not hold reads {@value #NOT_RECORDED}, so that a reader
 * sees the gap instead of missing it.
 */
public record EanmChecklist(Map<Item, String> values) {
    public static final String NOT_RECORDED = "not recorded";

    /** The checklist's items in the order the report prints them. */
    public enum Item {
        ADMINISTERED_ACTIVITY("Administered activity"),
        ADMINISTRATION_TIME("Administration time"),
        RESIDUAL_ACTIVITY("Residual activity"),
        CAMERA("Camera and collimator"),
        CALIBRATION("Calibration (incl. counts calibration factor)"),
        RECONSTRUCTION("Reconstruction"),
        CORRECTIONS("Attenuation and scatter correction"),
        PARTIAL_VOLUME("Partial-volume correction (method, PSF)"),
        TIME_POINTS("Imaging time points"),
        SEGMENTATION("Segmentation"),
        MASSES("Masses"),
        FIT_MODELS("Fit model and effective half-life per region"),
        INTEGRATION("Integration method"),
        DOSE_METHOD("Dose method"),
        SOFTWARE("Software"),
        CUMULATIVE_DOSES("Per-cycle and cumulative doses"),
        BED_MODEL("BED: alpha/beta and repair half-time per tissue"),
        UNCERTAINTY("Uncertainty and its components"),
        WARNINGS("Warnings");

        private final String label;

        Item(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One printed line: the item's label and its value, or {@value #NOT_RECORDED}. */
    public record Line(String label, String value, boolean recorded) {}

    public EanmChecklist {
        Objects.requireNonNull(values, "checklist values");
        var copy = new EnumMap<Item, String>(Item.class);
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                copy.put(k, v.strip());
            }
        });
        values = Map.copyOf(copy);
    }

    /** A checklist where nothing is recorded (every line reads {@value #NOT_RECORDED}). */
    public static EanmChecklist empty() {
        return new EanmChecklist(Map.of());
    }

    /** This checklist with {@code item} set to {@code value} (blank or null leaves it not recorded). */
    public EanmChecklist with(Item item, String value) {
        var next = new EnumMap<Item, String>(Item.class);
        next.putAll(values);
        if (value == null || value.isBlank()) {
            next.remove(item);
        } else {
            next.put(item, value);
        }
        return new EanmChecklist(next);
    }

    /** Every item, in order, with its value or {@value #NOT_RECORDED}. */
    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        for (Item item : Item.values()) {
            String v = values.get(item);
            out.add(new Line(item.label(), v == null ? NOT_RECORDED : v, v != null));
        }
        return out;
    }
}

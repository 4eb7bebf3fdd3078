package org.netra.app.viewer;

import java.util.Locale;

/**
 * How the viewer maps values to colours. CT windows are the usual presets by width and level (HU); the emission
 * image is scaled either to a percentile of its positive voxels (robust to one hot spot) or, when the study has
 * an SUV, to a fixed SUV range, which makes scans comparable.
 */
public final class Windowing {
    private Windowing() {}

    /** CT presets (window width, level in HU). */
    public enum CtWindow {
        SOFT_TISSUE("soft", "soft tissue W400 L40", 400, 40),
        BONE("bone", "bone W1500 L300", 1500, 300),
        LUNG("lung", "lung W1500 L−600", 1500, -600);

        private final String id;
        private final String label;
        private final float width;
        private final float level;

        CtWindow(String id, String label, float width, float level) {
            this.id = id;
            this.label = label;
            this.width = width;
            this.level = level;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        public float low() {
            return level - width / 2;
        }

        public float high() {
            return level + width / 2;
        }

        /** The preset named {@code id} (soft, bone, lung), or a message listing them. */
        public static CtWindow parse(String id) {
            for (CtWindow w : values()) {
                if (w.id.equalsIgnoreCase(id)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("unknown CT window '" + id + "': use soft, bone or lung");
        }
    }

    /** The top of the emission colour scale. */
    public sealed interface EmissionScale {
        /** Parses {@code p99.9}, {@code p99}, {@code p95} (percentiles) or {@code suv5}, {@code suv10} … (SUV 0–N). */
        static EmissionScale parse(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            try {
                if (t.startsWith("p")) {
                    double p = Double.parseDouble(t.substring(1));
                    if (p > 50 && p <= 100) {
                        return new Percentile(p);
                    }
                } else if (t.startsWith("suv")) {
                    double max = Double.parseDouble(t.substring(3));
                    if (max > 0 && max <= 100) {
                        return new SuvRange(max);
                    }
                }
            } catch (NumberFormatException e) {
                // named below
            }
            throw new IllegalArgumentException("unknown emission scale '" + text
                    + "': use a percentile p50–p100 (e.g. p99.9) or an SUV range suv1–suv100 (e.g. suv10)");
        }

        String id();
    }

    public record Percentile(double percent) implements EmissionScale {
        @Override
        public String id() {
            return "p" + (percent == Math.rint(percent) ? Integer.toString((int) percent) : Double.toString(percent));
        }
    }

    public record SuvRange(double max) implements EmissionScale {
        @Override
        public String id() {
            return "suv" + (max == Math.rint(max) ? Integer.toString((int) max) : Double.toString(max));
        }
    }

    public static final EmissionScale DEFAULT_SCALE = new Percentile(Scene.WINDOW_PERCENTILE);
}

package org.netra.app.viewer;

/**
 * A 2-D image cut from (or projected through) a volume: {@code values[col + width·row]}, row 0 at the
 * top, with the physical size of its pixels so a renderer can keep the aspect ratio.
 */
public record Slice(int width, int height, float[] values, double pixelWidthMm, double pixelHeightMm) {
    public Slice {
        if (values.length != width * height) {
            throw new IllegalArgumentException(
                    "a " + width + "×" + height + " slice needs " + width * height + " values, got " + values.length);
        }
    }

    public float get(int col, int row) {
        return values[col + width * row];
    }
}

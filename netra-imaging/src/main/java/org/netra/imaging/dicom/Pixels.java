package org.netra.imaging.dicom;

import java.util.Arrays;

/**
 * Decoded stored pixel values of all frames: {@code rows × columns × samplesPerPixel} per frame, samples
 * of a pixel adjacent, frames one after another. Values are the stored values (masked to Bits Stored
 * and sign-extended where Pixel Representation is 1), before any rescale.
 */
public record Pixels(
        int rows, int columns, int samplesPerPixel, int frames, int bitsStored, boolean signed, int[] values) {
    public Pixels {
        if ((long) rows * columns * samplesPerPixel * frames != values.length) {
            throw new IllegalArgumentException("pixel count " + values.length + " is not " + rows + "×" + columns + "×"
                    + samplesPerPixel + "×" + frames);
        }
    }

    public int frameLength() {
        return rows * columns * samplesPerPixel;
    }

    /** A copy of one frame's values. */
    public int[] frame(int index) {
        return Arrays.copyOfRange(values, index * frameLength(), (index + 1) * frameLength());
    }
}

package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The series reader's one pass from a file's 16-bit words to rescaled voxels ({@link RescalableFrames}) against
 * {@link PixelData#decode} followed by the rescale the volumes used before it, {@code (float) (stored * slope +
 * intercept)}: the same floats to the bit, over signed and unsigned values, Bits Stored below 16 with the High Bit
 * at the top or below it, both byte orders, several frames, frames that are not a whole number of the copy's chunks
 * and rescales that round.
 */
class RescalableFramesTest {
    private static final double[][] RESCALES = {{1, 0}, {1, -1024}, {2.097747864, 0}, {0.37, -1024.5}, {-3.1e-5, 7.25}};

    @Test
    void theOnePassGivesDecodesValuesRescaledToTheBit() throws Exception {
        Random random = new Random(22);
        int files = 0;
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (boolean signed : new boolean[] {false, true}) {
                // Bits Stored and High Bit: whole words, 12 bits at the bottom, 12 and 10 bits with the top bit below
                // 15
                for (int[] bits : new int[][] {{16, 15}, {12, 11}, {12, 13}, {10, 14}, {1, 0}}) {
                    // one frame of fewer words than a chunk, not a multiple of four; three frames of over a chunk
                    for (int[] shape : new int[][] {{5, 7, 1}, {61, 70, 3}}) {
                        int rows = shape[0];
                        int columns = shape[1];
                        int frames = shape[2];
                        short[] words = new short[rows * columns * frames];
                        for (int i = 0; i < words.length; i++) {
                            // every bit set at random, the ones outside Bits Stored too
                            words[i] = (short) random.nextInt(1 << 16);
                        }
                        words[0] = Short.MIN_VALUE;
                        words[1] = -1;
                        DicomFile file = DicomFile.parse(
                                image(order, rows, columns, frames, bits, signed, words), "test", DicomFile.Extent.ALL);
                        assertThat(file.transferSyntax().bigEndian()).isEqualTo(order == ByteOrder.BIG_ENDIAN);
                        assertSameFloats(file, order + " signed " + signed + " bits " + bits[0] + "/" + bits[1]);
                        files++;
                    }
                }
            }
        }
        assertThat(files).isEqualTo(40);
    }

    /** Fails unless every frame of {@code file} comes out of the one pass as decode's values rescaled, to the bit. */
    static void assertSameFloats(DicomFile file, String what) throws DicomParseException {
        Pixels pixels = PixelData.decode(file);
        RescalableFrames frames = PixelData.rescalable(file).orElseThrow();
        int length = frames.frameLength();
        assertThat(length).isEqualTo(pixels.frameLength());
        assertThat(frames.frames()).isEqualTo(pixels.frames());
        for (double[] rescale : RESCALES) {
            // frames written in reverse order, after a gap: each lands where asked
            int gap = 3;
            float[] mine = new float[gap + length * pixels.frames()];
            float[] expected = new float[mine.length];
            for (int f = 0; f < pixels.frames(); f++) {
                int to = gap + (pixels.frames() - 1 - f) * length;
                frames.rescale(f, rescale[0], rescale[1], mine, to);
                for (int v = 0; v < length; v++) {
                    expected[to + v] = (float) (pixels.values()[f * length + v] * rescale[0] + rescale[1]);
                }
            }
            for (int i = 0; i < mine.length; i++) {
                if (Float.floatToRawIntBits(mine[i]) != Float.floatToRawIntBits(expected[i])) {
                    throw new AssertionError(what + ", slope " + rescale[0] + ", intercept " + rescale[1] + ": voxel "
                            + i + " is " + mine[i] + ", decoded and rescaled " + expected[i]);
                }
            }
        }
    }

    @Test
    void imagesOtherThanSixteenBitNativeGreyscaleAreLeftToDecode() throws Exception {
        byte[] eightBit = image(ByteOrder.LITTLE_ENDIAN, 2, 2, 1, new int[] {8, 7}, false, new short[2]);
        // the same header with Bits Allocated 8 (its 4 bytes are the 2 words' bytes)
        DicomFile file = DicomFile.parse(withBitsAllocated(eightBit, 8), "test", DicomFile.Extent.ALL);
        assertThat(PixelData.decode(file).values()).hasSize(4);
        assertThat(PixelData.rescalable(file)).isEmpty();
    }

    @Test
    void aFileDecodeRefusesIsRefusedTheSameWay() throws Exception {
        // two rows of words where the header declares three
        byte[] bytes = image(ByteOrder.LITTLE_ENDIAN, 2, 4, 1, new int[] {16, 15}, false, new short[8]);
        DicomFile file = DicomFile.parse(withRows(bytes, 3), "short.dcm", DicomFile.Extent.ALL);
        String decodes = "";
        try {
            PixelData.decode(file);
        } catch (DicomParseException e) {
            decodes = e.getMessage();
        }
        assertThat(decodes).contains("short.dcm").contains("pixel data holds 16 bytes, the image needs 24");
        assertThatThrownBy(() -> PixelData.rescalable(file))
                .isInstanceOf(DicomParseException.class)
                .hasMessage(decodes);
    }

    /** Offsets of values this test patches in the bytes {@link #image} writes. */
    private static final int ROWS_VALUE = 0;

    private static final int BITS_ALLOCATED_VALUE = 1;

    private static byte[] withRows(byte[] bytes, int rows) {
        return patch(bytes, ROWS_VALUE, rows);
    }

    private static byte[] withBitsAllocated(byte[] bytes, int allocated) {
        return patch(bytes, BITS_ALLOCATED_VALUE, allocated);
    }

    /** Replaces the little-endian US value of the {@code which}th patchable element (they sit at fixed places). */
    private static byte[] patch(byte[] bytes, int which, int value) {
        byte[] out = bytes.clone();
        int at = patchable(out)[which];
        out[at] = (byte) value;
        out[at + 1] = (byte) (value >>> 8);
        return out;
    }

    /** Where the values of Rows and Bits Allocated start: after their 8-byte element headers. */
    private static int[] patchable(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int[] at = new int[2];
        for (int i = 132; i + 8 <= bytes.length; i += 2) {
            if (b.getShort(i) == 0x0028 && b.getShort(i + 2) == 0x0010 && bytes[i + 4] == 'U') {
                at[ROWS_VALUE] = i + 8;
            } else if (b.getShort(i) == 0x0028 && b.getShort(i + 2) == 0x0100 && bytes[i + 4] == 'U') {
                at[BITS_ALLOCATED_VALUE] = i + 8;
                return at;
            }
        }
        throw new IllegalStateException("no Rows or Bits Allocated");
    }

    /**
     * A Part 10 file of a native greyscale image in explicit VR, little or big endian (DicomWriter writes little endian
     * only): the elements decode reads and 16-bit words.
     */
    private static byte[] image(
            ByteOrder order, int rows, int columns, int frames, int[] bits, boolean signed, short[] words) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        String syntax = order == ByteOrder.BIG_ENDIAN
                ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid()
                : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
        element(out, ByteOrder.LITTLE_ENDIAN, Tag.TRANSFER_SYNTAX_UID, "UI", text(syntax, '\0'));
        element(out, order, Tag.SAMPLES_PER_PIXEL, "US", us(order, 1));
        element(out, order, Tag.PHOTOMETRIC_INTERPRETATION, "CS", text("MONOCHROME2", ' '));
        element(out, order, Tag.NUMBER_OF_FRAMES, "IS", text(Integer.toString(frames), ' '));
        element(out, order, Tag.ROWS, "US", us(order, rows));
        element(out, order, Tag.COLUMNS, "US", us(order, columns));
        element(out, order, Tag.BITS_ALLOCATED, "US", us(order, 16));
        element(out, order, Tag.BITS_STORED, "US", us(order, bits[0]));
        element(out, order, Tag.HIGH_BIT, "US", us(order, bits[1]));
        element(out, order, Tag.PIXEL_REPRESENTATION, "US", us(order, signed ? 1 : 0));
        ByteBuffer pixels = ByteBuffer.allocate(2 * words.length).order(order);
        pixels.asShortBuffer().put(words);
        element(out, order, Tag.PIXEL_DATA, "OW", pixels.array());
        return out.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, ByteOrder order, int tag, String vr, byte[] value) {
        boolean longLength = vr.equals("OW");
        ByteBuffer header = ByteBuffer.allocate(longLength ? 12 : 8).order(order);
        header.putShort((short) (tag >>> 16)).putShort((short) tag);
        header.put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longLength) {
            header.putShort((short) 0).putInt(value.length);
        } else {
            header.putShort((short) value.length);
        }
        out.writeBytes(header.array());
        out.writeBytes(value);
    }

    /** A text value padded to even length. */
    private static byte[] text(String value, char pad) {
        String even = value.length() % 2 == 0 ? value : value + pad;
        return even.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] us(ByteOrder order, int value) {
        return ByteBuffer.allocate(2).order(order).putShort((short) value).array();
    }
}

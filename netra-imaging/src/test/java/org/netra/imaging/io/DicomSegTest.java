package org.netra.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/** A small binary SEG written with netra's writer (1-bit frames packed across frame boundaries), read back. */
class DicomSegTest {
    @TempDir
    Path dir;

    private static final Geometry GRID = Geometry.of(4, 3, 5, new double[] {2, 2, 3}, new double[] {10, 20, 30});

    /** frames: (segment, slice k, voxels set in that frame) */
    private static Path write(Path dir, int[][] frames, int[][] set) throws Exception {
        int plane = 12;
        byte[] packed = new byte[(frames.length * plane + 7) / 8];
        List<Attributes> perFrame = new ArrayList<>();
        for (int f = 0; f < frames.length; f++) {
            for (int v : set[f]) {
                int bit = f * plane + v;
                packed[bit >>> 3] |= (byte) (1 << (bit & 7));
            }
            Attributes segId = Attributes.builder()
                    .setInts(Tag.REFERENCED_SEGMENT_NUMBER, Vr.US, frames[f][0])
                    .build();
            Attributes pos = Attributes.builder()
                    .setString(Tag.IMAGE_POSITION_PATIENT, Vr.DS, "10", "20", Double.toString(30 + 3 * frames[f][1]))
                    .build();
            perFrame.add(Attributes.builder()
                    .setSequence(Tag.SEGMENT_IDENTIFICATION_SEQUENCE, List.of(segId))
                    .setSequence(Tag.PLANE_POSITION_SEQUENCE, List.of(pos))
                    .build());
        }
        List<Attributes> segments = List.of(segment(1, "liver"), segment(2, "lesion"));
        Attributes seg = Attributes.builder()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, SopClass.SEGMENTATION_STORAGE)
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "1.2.3.9")
                .setString(Tag.MODALITY, Vr.CS, "SEG")
                .setString(Tag.SEGMENTATION_TYPE, Vr.CS, "BINARY")
                .setSequence(Tag.SEGMENT_SEQUENCE, segments)
                .setSequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrame)
                .setString(Tag.NUMBER_OF_FRAMES, Vr.IS, Integer.toString(frames.length))
                .setInts(Tag.ROWS, Vr.US, 3)
                .setInts(Tag.COLUMNS, Vr.US, 4)
                .setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, 1)
                .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                .setInts(Tag.BITS_ALLOCATED, Vr.US, 1)
                .setInts(Tag.BITS_STORED, Vr.US, 1)
                .setInts(Tag.HIGH_BIT, Vr.US, 0)
                .setInts(Tag.PIXEL_REPRESENTATION, Vr.US, 0)
                .setBytes(Tag.PIXEL_DATA, Vr.OB, packed)
                .build();
        Path f = dir.resolve("seg.dcm");
        DicomWriter.write(f, seg);
        return f;
    }

    private static Attributes segment(int n, String label) {
        return Attributes.builder()
                .setInts(Tag.SEGMENT_NUMBER, Vr.US, n)
                .setString(Tag.SEGMENT_LABEL, Vr.LO, label)
                .build();
    }

    @Test
    void segmentsComeBackOnTheirSlicesWithTheirLabels() throws Exception {
        // 3 frames of 12 bits: frame 1 crosses a byte boundary
        Path f = write(dir, new int[][] {{1, 0}, {1, 3}, {2, 3}}, new int[][] {{0, 11}, {1, 2, 5}, {7}});
        List<Mask> masks = DicomSeg.read(f, GRID);
        assertThat(masks).extracting(Mask::name).containsExactly("liver", "lesion");
        assertThat(masks.get(0).indices()).containsExactly(0, 11, 36 + 1, 36 + 2, 36 + 5);
        assertThat(masks.get(1).indices()).containsExactly(36 + 7);
    }

    @Test
    void aFrameBeyondTheImageIsATypedErrorNamingTheSegment() throws Exception {
        Path f = write(dir, new int[][] {{2, 7}}, new int[][] {{3}});
        assertThatThrownBy(() -> DicomSeg.read(f, GRID))
                .isInstanceOf(VoiOutsideImageException.class)
                .hasMessageContaining("'lesion'");
    }
}

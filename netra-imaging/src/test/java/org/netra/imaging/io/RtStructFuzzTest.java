package org.netra.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.DicomParseException;
import org.netra.imaging.dicom.InvalidValueException;
import org.netra.imaging.volume.Geometry;

/**
 * Coverage-guided fuzzing (Jazzer) of reading an RT Structure Set from Part 10 bytes and rasterising
 * every ROI onto a 20×20×5 grid. The only errors allowed out are typed and name the input: DICOM parse
 * errors, an invalid value (say Contour Data that is not numbers), "not an RT Structure Set", and a
 * {@link VoiOutsideImageException}.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays {@code RtStructFuzzTestInputs/readAndRasterise}: small
 * structure sets written by pydicom (explicit and implicit VR, a ring with a hole, a contour outside the
 * grid) and every crash found so far; see docs/testing.md.
 */
class RtStructFuzzTest {
    private static final String SOURCE = "fuzzed-rs.dcm";
    private static final Geometry GRID = Geometry.of(20, 20, 5, new double[] {1, 1, 2}, new double[3]);

    @FuzzTest(maxDuration = "60s")
    void readAndRasterise(byte[] bytes) {
        try {
            RtStruct rs = RtStruct.of(DicomFile.parse(bytes, SOURCE, DicomFile.Extent.ALL));
            rs.rasterise(GRID).forEach(mask -> assertThat(mask.voxelCount()).isBetween(0, GRID.voxelCount()));
        } catch (DicomParseException | InvalidValueException expected) {
            assertThat(expected.getMessage()).contains(SOURCE);
        } catch (VoiOutsideImageException expected) {
            assertThat(expected.getMessage()).contains(SOURCE);
        } catch (IllegalArgumentException e) {
            // the one plain IllegalArgumentException RtStruct.of throws on purpose
            assertThat(e.getMessage()).contains(SOURCE).contains("is not an RT Structure Set");
        }
    }
}

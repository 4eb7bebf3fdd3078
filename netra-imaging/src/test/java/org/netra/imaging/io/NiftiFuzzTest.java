package org.netra.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the NIfTI-1 reader: any header, dimensions, data type, offset
 * and scaling. Only a {@link NiftiException} naming the input may escape; anything else (an
 * out-of-memory error, a negative array size, an index out of bounds) is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays {@code NiftiFuzzTestInputs/parse}: small files written by
 * nibabel (uint8, big-endian int16, float64 with only a qform, scaled int32) and every crash found so
 * far; see docs/testing.md.
 */
class NiftiFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parse(byte[] bytes) {
        try {
            Nifti.Image image = Nifti.parse(bytes, "fuzzed.nii");
            assertThat(image.values()).hasSize(image.geometry().voxelCount());
        } catch (NiftiException expected) {
            assertThat(expected.getMessage()).contains("fuzzed.nii");
        }
    }
}

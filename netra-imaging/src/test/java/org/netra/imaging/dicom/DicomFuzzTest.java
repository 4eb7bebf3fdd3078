package org.netra.imaging.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the whole read path: Part 10 parsing from bytes, then pixel
 * decoding of whatever parses. Anything but a typed {@link DicomParseException} (or
 * {@link InvalidValueException}) naming the input is a finding, as are hangs and out-of-memory errors.
 *
 * <p>Without {@code JAZZER_FUZZ} (every {@code ./netra test}) this replays the committed corpus in
 * {@code DicomFuzzTestInputs/parseAndDecode}: small real files (NM1_JPLY.dcm from dcm4che's test data,
 * GH184.dcm from fo-dicom's, SC_rgb_small_odd_jpeg.dcm, MR_small_bigendian, MR_small_implicit, image_dfl (deflated), nested_priv_SQ, rtdose_1frame and rtdose_rle_1frame (RLE with explicit VR UN elements, once a division by zero) from pydicom's, GH610 in RLE by GDCM, NM-MONO2-16-13x-heart in JPEG-LS by GDCM and near-lossless by DCMTK, SC_rgb_small_odd line-interleaved JPEG-LS by DCMTK), files netra writes, truncated
 * and mutated variants, and every crash found so far. With {@code JAZZER_FUZZ=1} it fuzzes for
 * {@code maxDuration} (or {@code -Djazzer.max_duration}); see docs/testing.md.
 */
class DicomFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parseAndDecode(byte[] bytes) {
        MalformedInputTest.parseAndDecodeExpectingOnlyTypedErrors(bytes);
    }
}

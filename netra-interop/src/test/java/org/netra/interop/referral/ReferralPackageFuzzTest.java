package org.netra.interop.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of reading a referral package (a zip with a manifest), with small
 * limits so that inflating past them is reachable. Only a {@link ReferralException} naming the file may
 * escape: a damaged zip, an unsafe path (zip-slip), an entry or package unpacking past its limit (zip
 * bomb), a duplicate entry, a manifest that does not match.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays {@code ReferralPackageFuzzTestInputs/read}: a valid
 * package, a zip-slip entry, a zip bomb, a duplicate entry, a damaged entry and every crash found so
 * far; see docs/testing.md.
 */
class ReferralPackageFuzzTest {
    private static final ReferralPackage.Limits LIMITS = new ReferralPackage.Limits(64 << 10, 256 << 10, 64);

    @FuzzTest(maxDuration = "60s")
    void read(byte[] bytes) throws IOException {
        Path zip = Files.createTempFile("fuzzed-referral", ".zip");
        try {
            Files.write(zip, bytes);
            var contents = ReferralPackage.read(zip, LIMITS);
            assertThat(contents.dicom().values().stream()
                            .mapToLong(d -> d.length)
                            .sum())
                    .isLessThanOrEqualTo(LIMITS.maxTotalBytes());
        } catch (ReferralException expected) {
            assertThat(expected.getMessage()).contains(zip.toString());
        } catch (UncheckedIOException e) {
            throw new AssertionError("an I/O error escaped untyped", e);
        } finally {
            Files.deleteIfExists(zip);
        }
    }
}

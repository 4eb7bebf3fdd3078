package org.netra.interop.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Damaged and hostile packages are refused with a sentence naming the file and what is wrong. */
class ReferralPackageReadTest {
    private static final ReferralPackage.Limits SMALL = new ReferralPackage.Limits(64 << 10, 256 << 10, 64);

    private static Path seed(String name) throws URISyntaxException {
        return Path.of(ReferralPackageReadTest.class
                .getResource("ReferralPackageFuzzTestInputs/read/" + name)
                .toURI());
    }

    @Test
    void aValidPackageReads() throws Exception {
        var c = ReferralPackage.read(seed("valid.zip"), SMALL);
        assertThat(c.summary().patientId()).isEqualTo("P1");
        assertThat(c.dicom()).containsOnlyKeys("dicom/1.2.3.dcm");
        assertThat(c.records()).hasSize(1);
    }

    @Test
    void anEntryInflatingPastItsLimitIsRefusedAsAZipBomb() {
        // 1 MiB of zeros deflated to about 1 KiB, against a 64 KiB entry limit
        assertThatThrownBy(() -> ReferralPackage.read(seed("zip-bomb.zip"), SMALL))
                .isInstanceOf(ReferralException.class)
                .hasMessageContaining("zip-bomb.zip")
                .hasMessageContaining("'dicom/9.9.dcm' unpacks to more than the 65536-byte entry limit");
    }

    @Test
    void zipSlipDuplicatesAndMissingPartsAreRefused() {
        assertThatThrownBy(() -> ReferralPackage.read(seed("zip-slip.zip"), SMALL))
                .isInstanceOf(ReferralException.class)
                .hasMessageContaining("unsafe path '../../etc/evil'");
        assertThatThrownBy(() -> ReferralPackage.read(seed("duplicate-entry.zip"), SMALL))
                .isInstanceOf(ReferralException.class)
                .hasMessageContaining("'dicom/1.2.3.dcm' occurs twice");
        assertThatThrownBy(() -> ReferralPackage.read(seed("no-bundle.zip"), SMALL))
                .isInstanceOf(ReferralException.class)
                .hasMessageContaining("has no fhir/bundle.json");
        assertThatThrownBy(() -> ReferralPackage.read(seed("bad-json-line.zip"), SMALL))
                .isInstanceOf(ReferralException.class)
                .hasMessageContaining("netra/records.jsonl is not valid JSON");
    }
}

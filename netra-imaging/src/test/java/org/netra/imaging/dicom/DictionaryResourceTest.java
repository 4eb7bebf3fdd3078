package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;

/** The committed dictionary is exactly what the documented conversion makes of DCMTK's dicom.dic. */
class DictionaryResourceTest {
    private static final Path RESOURCE_DIR = Path.of("src/main/resources/org/netra/imaging/dicom");

    @Test
    void committedDictionaryEqualsAFreshConversion() throws IOException {
        Path dic = DictionaryConversion.installedDcmtkDictionary().orElse(null);
        if (dic == null) {
            TestData.unavailable("DCMTK's dicom.dic (Debian package dcmtk)");
            return;
        }
        if (Boolean.getBoolean("netra.regenerate")) {
            DictionaryConversion.main(new String[] {dic.toString(), RESOURCE_DIR.toString()});
        }
        String committed = Files.readString(RESOURCE_DIR.resolve(DataDictionary.RESOURCE), StandardCharsets.US_ASCII);
        assertThat(committed).isEqualTo(DictionaryConversion.convert(dic));
    }

    @Test
    void dictionaryAnswersKnownEntries() {
        var d = DataDictionary.standard();
        assertThat(d.keyword(0x00541001)).isEqualTo("Units");
        assertThat(d.implicitVr(0x00181074)).isEqualTo(Vr.DS);
        assertThat(d.implicitVr(Tag.PIXEL_DATA)).isEqualTo(Vr.OW);
        assertThat(d.implicitVr(0x00280106)).isEqualTo(Vr.US);
        assertThat(d.implicitVr(0x00540016)).isEqualTo(Vr.SQ);
        // repeating groups: overlay data in group 6002, curve data in 5004
        assertThat(d.keyword(0x60023000)).isEqualTo("OverlayData");
        assertThat(d.keyword(0x60033000))
                .as("odd groups are private, not overlays")
                .isEmpty();
        assertThat(d.implicitVr(0x00291010)).as("private data is UN").isEqualTo(Vr.UN);
        assertThat(d.implicitVr(0x00290010)).as("private creator").isEqualTo(Vr.LO);
        assertThat(d.tagOf("RadiopharmaceuticalInformationSequence")).contains(0x00540016);
    }

    /** Each Tag constant is named after its registry keyword, so a typo in a tag number cannot hide. */
    @Test
    void tagConstantsMatchTheirKeywords() throws IllegalAccessException {
        int checked = 0;
        for (var field : Tag.class.getFields()) {
            // the item markers of group FFFE are structure, not registry entries
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == int.class
                    && Tag.group(field.getInt(null)) != 0xfffe) {
                String keyword = DataDictionary.standard().keyword(field.getInt(null));
                String constant = keyword.replaceAll("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_")
                        .toUpperCase(Locale.ROOT);
                assertThat(constant).as(field.getName()).isEqualTo(field.getName());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }
}

package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Specific Character Set values (PS3.3 C.12.1.1.2), including the odd ones a fuzzer found. */
class CharacterSetsTest {
    @Test
    void valuesMapToTheirRepertoire() {
        assertThat(CharacterSets.of("ISO_IR 192")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CharacterSets.of("ISO_IR 100")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(CharacterSets.of("\\ISO 2022 IR 144")).isEqualTo(Charset.forName("ISO-8859-5"));
        assertThat(CharacterSets.of("")).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void emptyMultiValuesAreTheDefaultRepertoire() {
        // found by Jazzer (RtStructFuzzTest crash-e62bc1a7…): two empty values made an index error
        assertThat(CharacterSets.of("\\")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(CharacterSets.of("\\\\")).isEqualTo(StandardCharsets.ISO_8859_1);
    }
}

package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionRoleTest {
    @ParameterizedTest
    @CsvSource({
        "Kidney_L, KIDNEY",
        "Right kidney, KIDNEY",
        "kidneys, KIDNEY",
        "Kidney_L_cortex, ORGAN",
        "lesion1, TUMOUR",
        "Tumour_liver_1, TUMOUR",
        "GTV_Mass, TUMOUR",
        "liver met 2, TUMOUR",
        "Marrow L2-L4, MARROW",
        "Body, BODY",
        "External, BODY",
        "Liver, ORGAN",
        "Spleen, ORGAN"
    })
    void theRoleIsReadFromTheVoiName(String name, RegionRole role) {
        assertThat(RegionRole.of(name)).isEqualTo(role);
    }
}

package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleRulesTest {
    @ParameterizedTest
    @CsvSource({
        "Kidney_L, KIDNEY",
        "Right kidney, KIDNEY",
        "kidneys, KIDNEY",
        "Kidney_L_cortex, KIDNEY_CORTEX",
        "renal cortex R, KIDNEY_CORTEX",
        "lesion1, TUMOUR",
        "lesion1 liver R lobe, TUMOUR",
        "Tumour_liver_1, TUMOUR",
        "GTV_Mass, TUMOUR",
        "liver met 2, TUMOUR",
        "Marrow L2-L4, MARROW",
        "Body, BODY",
        "External, BODY",
        "Liver, ORGAN",
        "Spleen, ORGAN",
        "Bladder, URINARY_BLADDER",
        "Urinary_Bladder, URINARY_BLADDER",
        "Gallbladder, ORGAN",
        "bladder tumour, TUMOUR"
    })
    void netrasRulesReadTheRoleFromTheName(String name, RegionRole role) {
        assertThat(RoleRules.DEFAULT.roleOf(name)).isEqualTo(role);
    }

    @Test
    void anOverrideWinsOverTheRules() {
        RoleRules r = RoleRules.DEFAULT.withOverrides(List.of("NK1=kidney", "Liver=tumour"));
        assertThat(r.roleOf("NK1")).isEqualTo(RegionRole.KIDNEY);
        assertThat(r.roleOf("Liver")).isEqualTo(RegionRole.TUMOUR);
        assertThat(r.roleOf("Spleen")).isEqualTo(RegionRole.ORGAN);
        assertThatThrownBy(() -> RoleRules.DEFAULT.withOverrides(List.of("NK1=kidneyy")))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("kidneyy")
                .hasMessageContaining("kidney_cortex");
    }

    @Test
    void aDepartmentReplacesTheRules() {
        RoleRules r = RoleRules.parse(List.of("# Uppsala names", "kidney=nj(v|h)", "tumour=tu \\d+", ""));
        assertThat(r.roleOf("NjV")).isEqualTo(RegionRole.KIDNEY);
        assertThat(r.roleOf("TU 3")).isEqualTo(RegionRole.TUMOUR);
        assertThat(r.roleOf("Kidney_L")).isEqualTo(RegionRole.ORGAN);
        assertThatThrownBy(() -> RoleRules.parse(List.of("tumour=(")))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("tumour=(");
    }
}

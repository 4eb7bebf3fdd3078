package org.netra.clinical.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.Mass;

class PatientDataTest {
    private static final LocalDate DAY = LocalDate.of(2024, 5, 2);

    @Test
    void impossibleLabValuesAreTypedErrorsNamingValueAndUnit() {
        assertThatThrownBy(() -> LabResult.of(Analyte.PLATELETS, -5, LabUnit.PER_NL, DAY))
                .isInstanceOf(InvalidLabValueException.class)
                .hasMessageContaining("platelets")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> LabResult.of(Analyte.HAEMOGLOBIN, 200, LabUnit.G_PER_DL, DAY))
                .isInstanceOf(InvalidLabValueException.class)
                .hasMessageContaining("haemoglobin 200 g/dL")
                .hasMessageContaining("unit");
        assertThatThrownBy(() -> LabResult.of(Analyte.CREATININE, 80, LabUnit.G_PER_DL, DAY))
                .isInstanceOf(InvalidLabValueException.class)
                .hasMessageContaining("µmol/L");
        assertThatThrownBy(() -> new Ki67(0.15 * 1000, DAY)).isInstanceOf(InvalidLabValueException.class);
    }

    @Test
    void unitsConvertToTheCanonicalUnit() {
        // 1 mg/dL creatinine = 88.4 µmol/L; Hb 120 g/L = 12 g/dL; 7.5 mmol/L Hb × 1.6114 = 12.09 g/dL
        assertThat(LabResult.of(Analyte.CREATININE, 1.0, LabUnit.MG_PER_DL_CREATININE, DAY)
                        .value())
                .isEqualTo(88.4);
        assertThat(LabResult.of(Analyte.HAEMOGLOBIN, 120, LabUnit.G_PER_L, DAY).value())
                .isCloseTo(12, within(1e-12));
        assertThat(LabResult.of(Analyte.HAEMOGLOBIN, 7.5, LabUnit.MMOL_PER_L_HB, DAY)
                        .value())
                .isCloseTo(12.0855, within(1e-9));
        assertThat(LabResult.of(Analyte.PLATELETS, 150_000, LabUnit.PER_UL, DAY).value())
                .isCloseTo(150, within(1e-9));
        assertThat(LabUnit.parse("umol/L", Analyte.CREATININE)).isEqualTo(LabUnit.UMOL_PER_L);
        assertThat(LabUnit.parse("10^9/L", Analyte.PLATELETS)).isEqualTo(LabUnit.PER_NL);
        assertThatThrownBy(() -> LabUnit.parse("mg/dL", Analyte.PLATELETS)).hasMessageContaining("×10⁹/L");
    }

    @Test
    void performanceStatusConvertsByTheOkenTable() {
        assertThat(new PerformanceStatus.Karnofsky(100).toEcog().grade()).isZero();
        assertThat(new PerformanceStatus.Karnofsky(80).toEcog().grade()).isEqualTo(1);
        assertThat(new PerformanceStatus.Karnofsky(70).toEcog().grade()).isEqualTo(2);
        assertThat(new PerformanceStatus.Karnofsky(60).toEcog().grade()).isEqualTo(2);
        assertThat(new PerformanceStatus.Karnofsky(50).toEcog().grade()).isEqualTo(3);
        assertThat(new PerformanceStatus.Karnofsky(0).toEcog().grade()).isEqualTo(5);
        assertThat(new PerformanceStatus.Ecog(2).karnofskyRange())
                .isEqualTo(new PerformanceStatus.KarnofskyRange(60, 70));
        // round trip: every Karnofsky score lies in the range of its ECOG grade
        for (int k = 0; k <= 100; k += 10) {
            var range = new PerformanceStatus.Karnofsky(k).toEcog().karnofskyRange();
            assertThat(k).isBetween(range.lowest(), range.highest());
        }
        assertThatThrownBy(() -> new PerformanceStatus.Karnofsky(65)).hasMessageContaining("steps of 10");
    }

    @Test
    void weightOfTheDayAndAge() {
        var p = new Patient(
                "P1",
                Sex.FEMALE,
                LocalDate.of(1960, 6, 15),
                List.of(
                        new Dated<>(LocalDate.of(2024, 1, 1), Mass.ofKg(70)),
                        new Dated<>(LocalDate.of(2024, 4, 1), Mass.ofKg(66))),
                List.of());
        assertThat(p.weightOn(LocalDate.of(2024, 3, 1)).orElseThrow().value().inKg())
                .isEqualTo(70);
        assertThat(p.weightOn(DAY).orElseThrow().value().inKg()).isEqualTo(66);
        assertThat(p.ageOn(LocalDate.of(2024, 6, 14))).isEqualTo(63);
        assertThat(p.ageOn(LocalDate.of(2024, 6, 15))).isEqualTo(64);
        assertThatThrownBy(
                        () -> new Patient("P2", Sex.MALE, DAY, List.of(new Dated<>(DAY, Mass.ofKg(7000))), List.of()))
                .hasMessageContaining("kilograms");
    }
}

package org.netra.clinical.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Entering labs as labs write them: units people use, converted by published factors; identifiers; therapies. */
class LabEntryTest {
    static final LocalDate DAY = LocalDate.of(2024, 5, 2);

    /**
     * Independent factors: bilirubin C33H36N4O6, 584.66 g/mol → 1 mg/dL = 10 000 / 584.66 = 17.10 µmol/L (the
     * usual 17.1); albumin 1 g/dL = 10 g/L; 1 µkat/L = 60 U/L (1 U = 1 µmol/min = 1/60 µkat); CgA 1 ng/mL =
     * 1 µg/L; Hb 1 g/L = 0.1 g/dL; creatinine 1 mg/dL = 88.4 µmol/L.
     */
    @Test
    void valuesInTheUnitsLabsWriteAreConvertedToNetrasUnit() {
        assertThat(LabResult.of(Analyte.BILIRUBIN, 1.0, LabUnit.parse("mg/dl", Analyte.BILIRUBIN), DAY)
                        .value())
                .isCloseTo(17.10, within(0.01));
        assertThat(LabResult.of(Analyte.ALBUMIN, 4.1, LabUnit.parse("g/dL", Analyte.ALBUMIN), DAY)
                        .value())
                .isCloseTo(41, within(1e-9));
        assertThat(LabResult.of(Analyte.ALBUMIN, 41, LabUnit.parse("g/L", Analyte.ALBUMIN), DAY)
                        .value())
                .isCloseTo(41, within(1e-9));
        assertThat(LabResult.of(Analyte.ALT, 0.5, LabUnit.parse("µkat/L", Analyte.ALT), DAY)
                        .value())
                .isCloseTo(30, within(1e-9));
        assertThat(LabResult.of(Analyte.CHROMOGRANIN_A, 1250, LabUnit.parse("ng/mL", Analyte.CHROMOGRANIN_A), DAY)
                        .value())
                .isCloseTo(1250, within(1e-9));
        assertThat(LabResult.of(Analyte.HAEMOGLOBIN, 125, LabUnit.parse("g/L", Analyte.HAEMOGLOBIN), DAY)
                        .value())
                .isCloseTo(12.5, within(1e-12));
        assertThat(LabUnit.MG_PER_DL_CREATININE.fromCanonical(79.56)).isCloseTo(0.9, within(1e-12));
        // "g/L" is albumin's own unit and haemoglobin's tenth of a g/dL: the analyte decides
        assertThat(LabUnit.parse("g/L", Analyte.ALBUMIN)).isEqualTo(LabUnit.G_PER_L_ALBUMIN);
        assertThat(LabUnit.parse("g/L", Analyte.HAEMOGLOBIN)).isEqualTo(LabUnit.G_PER_L);
        for (String written : new String[] {"×10⁹/L", "x10^9/L", "10^9/l", "10⁹/L", "/nL"}) {
            assertThat(LabUnit.parse(written, Analyte.PLATELETS)).as(written).isEqualTo(LabUnit.PER_NL);
        }
        assertThat(LabUnit.PER_NL.symbol()).isEqualTo("×10⁹/L");
        assertThat(Analyte.CREATININE.units()).containsExactly(LabUnit.UMOL_PER_L, LabUnit.MG_PER_DL_CREATININE);
    }

    @Test
    void aWrongUnitOrAnImpossibleValueIsRefusedNamingTheAnalyte() {
        assertThatThrownBy(() -> LabUnit.parse("mg/dL", Analyte.ALT))
                .hasMessageContaining("ALT")
                .hasMessageContaining("U/L");
        assertThatThrownBy(() -> LabResult.of(Analyte.ALBUMIN, 41, LabUnit.G_PER_DL_ALBUMIN, DAY))
                .isInstanceOf(InvalidLabValueException.class)
                .hasMessageContaining("albumin 410 g/L")
                .hasMessageContaining("impossible");
        assertThatThrownBy(() -> LabResult.of(Analyte.BILIRUBIN, 80, LabUnit.MG_PER_DL_BILIRUBIN, DAY))
                .hasMessageContaining("bilirubin");
    }

    @Test
    void identifiersMatchWhateverSpacingAndSeparatorsWereTyped() {
        var mrn = new Identifier("MRN", "HOSP-0042/7");
        assertThat(mrn.sameAs(new Identifier("mrn", "hosp 0042 7"))).isTrue();
        assertThat(mrn.sameAs(new Identifier("NHS", "HOSP-0042/7"))).isFalse();
        assertThat(mrn.sameAs(new Identifier("MRN", "HOSP-0042/8"))).isFalse();
        assertThatThrownBy(() -> new Identifier("MRN", " ")).hasMessageContaining("MRN");
    }

    @Test
    void aTherapyIsFiledUnderItsKindWithTheDrugNamed() {
        var t = NetTherapy.SUNITINIB.given(DAY, Optional.empty(), "37.5 mg daily");
        assertThat(t.kind()).isEqualTo(TreatmentKind.TARGETED_THERAPY);
        assertThat(t.detail()).isEqualTo("sunitinib: 37.5 mg daily");
        assertThat(NetTherapy.SURGERY.given(DAY, Optional.of(DAY), "").detail()).isEqualTo("surgery");
        assertThat(NetTherapy.EVEROLIMUS
                        .given(DAY, Optional.empty(), "everolimus 10 mg")
                        .detail())
                .isEqualTo("everolimus 10 mg");
    }
}

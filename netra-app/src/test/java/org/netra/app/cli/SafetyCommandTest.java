package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SafetyCommandTest {
    /**
     * By hand (NUREG-1556 vol. 9: D = Ḋ·E·T_eff/ln 2; restriction T = (T_eff/ln 2)·ln(D/constraint)): 25 µSv/h at
     * 1 m, T_eff 60 h → T_eff/ln 2 = 86.56 h. Colleagues (8 h/d at 2 m, E = 1/12, 0.075 mSv per cycle):
     * D = 180.3 µSv, T = 75.9 h from the measurement (2024-05-03 10:00) → 4 days, until 2024-05-06. Partner (E = 0.25, 1 mSv): 541 µSv → none. US NRC release: projected
     * 0.541 mSv ≤ 5 mSv, no written instructions needed (≤ 1 mSv); Australia: 25 µSv/h is not below 25.
     */
    @Test
    void releaseAndRestrictionsByHand() throws Exception {
        String[] args = {
            "safety",
            "--patient",
            "P-7",
            "--administered",
            "2024-05-02T09:30",
            "--measured",
            "2024-05-03T10:00",
            "--dose-rate",
            "25",
            "--teff-hours",
            "60",
            "--json"
        };
        var r = NuclideCommandTest.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        double tau = 60 / Math.log(2);
        assertThat(j.at("/release/releasable").asBoolean()).isTrue();
        assertThat(j.at("/release/writtenInstructions").asBoolean()).isFalse();
        assertThat(j.at("/release/projectedDoseMilliSv").asDouble()).isCloseTo(25 * 0.25 * tau / 1000, within(1e-12));
        JsonNode partner = j.at("/restrictions/0");
        assertThat(partner.get("contact").asText()).isEqualTo("partner");
        // sharing the bed, OF = 8/24/0.5² + 4/24 = 1.5: T = τ·ln(25·1.5·τ/1000) = 101.9 h → 5 days, to 2024-05-07
        double partnerHours = tau * Math.log(25 * 1.5 * tau / 1000);
        assertThat(partnerHours).isCloseTo(101.9, within(0.05));
        assertThat(partner.get("days").asLong()).isEqualTo(5);
        assertThat(partner.get("until").asText()).isEqualTo("2024-05-07");
        JsonNode colleagues = j.at("/restrictions/4");
        assertThat(colleagues.get("contact").asText()).isEqualTo("colleagues");
        double dose = 25 * (8.0 / 24 / 4) * tau;
        double hours = tau * Math.log(dose / 75);
        assertThat(colleagues.get("doseWithoutMilliSv").asDouble()).isCloseTo(dose / 1000, within(1e-12));
        assertThat(hours).isCloseTo(75.9, within(0.05));
        assertThat(colleagues.get("days").asLong()).isEqualTo((long) Math.ceil(hours / 24));
        assertThat(colleagues.get("until").asText()).isEqualTo("2024-05-06");
        assertThat(colleagues.get("doseWithMilliSv").asDouble()).isCloseTo(0.075, within(1e-9));
        assertThat(j.get("sheet").asText()).contains("Patient: P-7", "colleagues:", "until 2024-05-06");

        args[args.length - 1] = "--release=australia";
        var au = NuclideCommandTest.run(args);
        assertThat(au.exit()).as(au.err()).isZero();
        assertThat(au.out()).startsWith("NOT RELEASABLE").contains("is not below 25", "RADIATION SAFETY");
    }

    @Test
    void badInputIsNamed() {
        var r = NuclideCommandTest.run(
                "safety",
                "--administered",
                "2024-05-02 09:30",
                "--measured",
                "2024-05-03T10:00",
                "--dose-rate",
                "25",
                "--teff-hours",
                "60");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--administered", "2024-05-02T09:30").doesNotContain("Exception");
        var early = NuclideCommandTest.run(
                "safety",
                "--administered",
                "2024-05-02T09:30",
                "--measured",
                "2024-05-01T10:00",
                "--dose-rate",
                "25",
                "--teff-hours",
                "60");
        assertThat(early.err()).contains("before --administered");
    }
}

package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClinicalCommandsTest {
    @TempDir
    Path dir;

    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "eligibility-patient.json");

    @Test
    void documentedExampleIsEligible() throws Exception {
        var r = NuclideCommandTest.run("eligibility", "--patient", EXAMPLE.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("verdict").asText()).isEqualTo("ELIGIBLE");
        assertThat(j.get("criteria")).hasSizeGreaterThan(10);
        assertThat(j.at("/criteria/1/name").asText()).isEqualTo("SSTR uptake");
        assertThat(j.at("/criteria/1/measured").asText()).isEqualTo("2024-04-11");
    }

    @Test
    void greyZoneAndBadInputAreExplained() throws Exception {
        String text = Files.readString(EXAMPLE).replace("\"percent\": 8", "\"percent\": 30");
        Path f = dir.resolve("grey.json");
        Files.writeString(f, text);
        var r = NuclideCommandTest.run("eligibility", "--patient", f.toString(), "--json");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("verdict").asText()).isEqualTo("NEEDS_TEAM_DECISION");
        assertThat(j.get("open").get(0).asText()).isEqualTo("Ki-67");

        Files.writeString(f, Files.readString(EXAMPLE).replace("\"value\": 13.1", "\"value\": 200"));
        var bad = NuclideCommandTest.run("eligibility", "--patient", f.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("haemoglobin 200 g/dL").doesNotContain("Exception");

        Files.writeString(f, Files.readString(EXAMPLE).replace("\"sex\"", "\"gender\""));
        var typo = NuclideCommandTest.run("eligibility", "--patient", f.toString());
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("gender");
    }

    /** The aml data of R's survival package (Miller 1981), maintained group: R gives median 31 and p = 0.0653. */
    @Test
    void survivalTableMedianAndLogRank() throws Exception {
        Path csv = dir.resolve("aml.csv");
        Files.writeString(csv, """
                time,status,x
                9,1,Maintained
                13,1,Maintained
                13,0,Maintained
                18,1,Maintained
                23,1,Maintained
                28,0,Maintained
                31,1,Maintained
                34,1,Maintained
                45,0,Maintained
                48,1,Maintained
                161,0,Maintained
                5,1,Nonmaintained
                5,1,Nonmaintained
                8,1,Nonmaintained
                8,1,Nonmaintained
                12,1,Nonmaintained
                16,0,Nonmaintained
                23,1,Nonmaintained
                27,1,Nonmaintained
                30,1,Nonmaintained
                33,1,Nonmaintained
                43,1,Nonmaintained
                45,1,Nonmaintained
                """);
        var r = NuclideCommandTest.run(
                "survival", "--csv", csv.toString(), "--time", "time", "--event", "status", "--group", "x", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/curves/0/group").asText()).isEqualTo("Maintained");
        assertThat(j.at("/curves/0/median").asDouble()).isEqualTo(31);
        assertThat(j.at("/curves/1/median").asDouble()).isEqualTo(23);
        assertThat(j.at("/curves/0/table/0/atRisk").asInt()).isEqualTo(11);
        // survdiff(Surv(time, status) ~ x, aml): Chisq = 3.4 on 1 df, p = 0.07 (R prints 3.3964, 0.0653)
        assertThat(j.at("/logRank/chiSquare").asDouble()).isCloseTo(3.3964, within(1e-4));
        assertThat(j.at("/logRank/pValue").asDouble()).isCloseTo(0.0653, within(1e-4));
        assertThat(j.at("/curves/1/medianUpper").isNull()).as("R: NA").isTrue();
        var missing =
                NuclideCommandTest.run("survival", "--csv", csv.toString(), "--time", "months", "--event", "status");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("'months'").contains("time, status, x");
    }
}

package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @TempDir
    Path dir;

    @Test
    void simulateWritesTheTwinAndPrintsItsTruth() throws Exception {
        var r = NuclideCommandTest.run(
                "simulate",
                "--out",
                dir.toString(),
                "--seed",
                "3",
                "--timepoints",
                "24,96",
                "--misalign-mm",
                "4",
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode cycle = j.at("/groundTruth/cycles/0");
        assertThat(cycle.get("scans")).hasSize(2);
        assertThat(j.at("/groundTruth/imaging/misalignmentMm").asDouble()).isEqualTo(4.0);
        JsonNode kidney = cycle.get("vois").get(0);
        assertThat(kidney.get("name").asText()).isEqualTo("Kidney_L");
        assertThat(kidney.get("bedGy").isNumber()).isTrue();
        assertThat(kidney.get("doseGyPerGBq").asDouble()).isBetween(0.2, 1.0);
        assertThat(dir.resolve("cycle-1/spect-096h/slice-001.dcm")).exists();
        assertThat(dir.resolve("rtstruct.dcm")).exists();
        assertThat(Files.readString(dir.resolve("ground-truth.json"))).contains("\"Tumour_bone\"");
        // the same twin from the table form
        var table = NuclideCommandTest.run(
                "simulate",
                "--out",
                dir.resolve("again").toString(),
                "--seed",
                "3",
                "--timepoints",
                "24,96",
                "--misalign-mm",
                "4");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("Kidney_L").contains("Gy/GBq");
        assertThat(Files.readAllBytes(dir.resolve("again/ground-truth.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("ground-truth.json")));
    }

    /**
     * With --lungs, twin 2 (a lung-tumour twin by its seed) has both lungs and the tumour in its truth, its RTSTRUCT
     * and its label map; the lungs, a quarter as dense and holding the remainder's activity per gram, get far less
     * dose than the kidneys, the lung tumour a tumour's dose.
     */
    @Test
    void simulateWithLungsWritesTheLungsAndTheLungTumour() throws Exception {
        var r = NuclideCommandTest.run(
                "simulate", "--out", dir.toString(), "--seed", "2", "--timepoints", "24,96", "--lungs", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode vois = new ObjectMapper().readTree(r.out()).at("/groundTruth/cycles/0/vois");
        java.util.Map<String, Double> gyPerGBq = new java.util.HashMap<>();
        vois.forEach(
                v -> gyPerGBq.put(v.get("name").asText(), v.get("doseGyPerGBq").asDouble()));
        assertThat(gyPerGBq).containsKeys("Lung_L", "Lung_R", "Tumour_lung", "Kidney_L", "Tumour_bone");
        assertThat(gyPerGBq.get("Lung_R")).isLessThan(gyPerGBq.get("Kidney_L") / 4);
        assertThat(gyPerGBq.get("Tumour_lung")).isGreaterThan(gyPerGBq.get("Kidney_L"));
        assertThat(Files.readString(dir.resolve("labels.json"))).contains("Tumour_lung");
        // twin 3 has lungs but no lung tumour: no such VOI, label or ROI
        var clear = NuclideCommandTest.run(
                "simulate",
                "--out",
                dir.resolve("clear").toString(),
                "--seed",
                "3",
                "--timepoints",
                "24,96",
                "--lungs");
        assertThat(clear.exit()).as(clear.err()).isZero();
        assertThat(Files.readString(dir.resolve("clear/ground-truth.json")))
                .contains("\"Lung_R\"")
                .doesNotContain("Tumour_lung");
        assertThat(Files.readString(dir.resolve("clear/labels.json")))
                .contains("Lung_R")
                .doesNotContain("Tumour_lung");
        assertThat(new String(
                        Files.readAllBytes(dir.resolve("rtstruct.dcm")), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("Lung_L")
                .contains("Tumour_lung");
    }

    @Test
    void badInputIsOneSentence() {
        var r = NuclideCommandTest.run("simulate", "--out", dir.toString(), "--timepoints", "24,4");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("scan times must be increasing").doesNotContain("Exception");
        var c = NuclideCommandTest.run("simulate", "--out", dir.toString(), "--cycles", "9");
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err()).contains("1–8 cycles");
    }

    @Test
    void simulateCohortWritesTheCohortAndItsSummary() throws Exception {
        var r = NuclideCommandTest.run(
                "simulate-cohort", "--out", dir.toString(), "--patients", "60", "--seed", "5", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(r.out());
        assertThat(s.get("patients").asInt()).isEqualTo(60);
        assertThat(s.get("eligible").asInt()
                        + s.get("teamDecision").asInt()
                        + s.get("notEligible").asInt())
                .isEqualTo(60);
        JsonNode cohort = new ObjectMapper().readTree(dir.resolve("cohort.json").toFile());
        assertThat(cohort).hasSize(60);
        assertThat(cohort.at("/0/candidate/patient/id").asText()).isEqualTo("SIM-5-0001");
        // ttp.csv feeds netra survival: its median is the summary's
        var km = NuclideCommandTest.run(
                "survival",
                "--csv",
                dir.resolve("ttp.csv").toString(),
                "--time",
                "months",
                "--event",
                "progression",
                "--json");
        assertThat(km.exit()).as(km.err()).isZero();
        JsonNode curve = new ObjectMapper().readTree(km.out()).at("/curves/0");
        assertThat(curve.get("median").asDouble())
                .isCloseTo(s.at("/timeToProgressionMonths/median").asDouble(), within(1e-2));
    }
}

package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;

class NextCycleCommandTest {
    @TempDir
    Path dir;

    private static final LocalDate C1 = LocalDate.of(2025, 1, 6);

    /**
     * Four cycles at 0.72 Gy/GBq kidney, T_eff 50 h: BED per cycle 5.328·(1 + 5.328·2.8/(2.6·52.8)) = 5.9070 Gy,
     * 23.63 Gy after four; the 3.37 Gy left allow 3.17 Gy → 4.40 GBq: adjust, limited by the kidney.
     */
    @Test
    void decidesFromTheDatabaseAndSavesWithAnActor() throws Exception {
        new StoredCourse(
                        "P-9",
                        LocalDate.of(1958, 3, 1),
                        C1,
                        4,
                        0.72,
                        Map.of(C1.minusDays(5), 75.0, C1.plusWeeks(31), 75.0))
                .store(dir);
        String[] base = {
            "next-cycle",
            "--data-dir",
            dir.toString(),
            "--patient",
            "P-9",
            "--course",
            "P-9/prrt-1",
            "--as-of",
            C1.plusWeeks(31).toString()
        };
        var text = NuclideCommandTest.run(base);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("cycle 5", "ADJUST to 4.40 GBq", "limited by kidney");

        var noActor = NuclideCommandTest.run(concat(base, "--save"));
        assertThat(noActor.exit()).isEqualTo(2);
        assertThat(noActor.err()).contains("--actor");

        var saved = NuclideCommandTest.run(concat(base, "--save", "--actor", "dr.berg", "--json"));
        assertThat(saved.exit()).as(saved.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(saved.out());
        assertThat(j.at("/decision/type").asText()).isEqualTo("adjust");
        assertThat(j.at("/decision/activity/becquerels").asDouble() / 1e9).isBetween(4.39, 4.41);
        try (var store = Store.open(StoreConfig.embedded(dir))) {
            assertThat(store.records()
                            .get(ClinicalKinds.DECISION, "P-9/prrt-1/decision-5")
                            .updatedBy())
                    .isEqualTo("dr.berg");
            assertThat(store.audit().history("cycle_decision", "P-9/prrt-1/decision-5"))
                    .hasSize(1);
        }
        var unknown =
                NuclideCommandTest.run("next-cycle", "--data-dir", dir.toString(), "--patient", "P-0", "--course", "x");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("P-0");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

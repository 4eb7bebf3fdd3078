package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.PopulationModelSettings;

/** {@code netra population fit|show} on a real embedded database, and the forecast beside {@code next-cycle}. */
class PopulationCommandTest {
    @TempDir
    Path dir;

    private static final LocalDate C1 = LocalDate.of(2025, 1, 6);

    @Test
    void showsRefitsAndSetsTheRiskLevel() throws Exception {
        new StoredCourse("P-9", LocalDate.of(1958, 3, 1), C1, 4, 0.72, Map.of(C1.minusDays(5), 75.0)).store(dir);
        var shown = NuclideCommandTest.run("population", "show", "--data-dir", dir.toString());
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("published defaults", "kidney", "5.0 %");

        var noActor = NuclideCommandTest.run("population", "fit", "--data-dir", dir.toString());
        assertThat(noActor.exit()).isEqualTo(2);
        assertThat(noActor.err()).contains("--actor");
        var wrong = NuclideCommandTest.run("population", "fitt", "--data-dir", dir.toString());
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("fitt", "fit", "show");

        // one patient is too few to replace anything: the fit says so and the published values stay in force
        var fit = NuclideCommandTest.run(
                "population", "fit", "--actor", "physicist", "--risk-level", "10", "--data-dir", dir.toString());
        assertThat(fit.exit()).as(fit.err()).isZero();
        assertThat(fit.out()).contains("saved as version 1", "published values stay", "10.0 %");
        try (var store = Store.open(StoreConfig.embedded(dir))) {
            var s = store.records().get(ClinicalKinds.POPULATION_MODEL, PopulationModelSettings.ID);
            assertThat(s.version()).isEqualTo(2);
            assertThat(s.value().riskLevel()).isEqualTo(0.10);
            assertThat(store.audit().history("population_model", PopulationModelSettings.ID))
                    .hasSize(2);
        }
    }

    /**
     * Next to the deterministic proposal (4.40 GBq: the budget at the last cycle's own Gy/GBq), the forecast's
     * largest activity at a 5 % risk is lower: the patient's next Gy/GBq is uncertain.
     */
    @Test
    void nextCycleShowsTheForecast() throws Exception {
        new StoredCourse(
                        "P-9",
                        LocalDate.of(1958, 3, 1),
                        C1,
                        4,
                        0.72,
                        Map.of(C1.minusDays(5), 75.0, C1.plusWeeks(31), 75.0))
                .store(dir);
        var text = NuclideCommandTest.run(
                "next-cycle",
                "--data-dir",
                dir.toString(),
                "--patient",
                "P-9",
                "--course",
                "P-9/prrt-1",
                "--as-of",
                C1.plusWeeks(31).toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("ADJUST to 4.40 GBq", "Forecast (population model, 4000 draws)");
        Matcher m = Pattern.compile("≤ 5 %: ([0-9.]+) GBq \\(kidney\\)").matcher(text.out());
        assertThat(m.find()).as(text.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isBetween(1.0, 4.40);
    }
}

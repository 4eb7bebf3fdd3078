package org.netra.sim.cohort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a cohort to a folder: {@code cohort.json} (every patient as its netra-clinical objects),
 * {@code summary.json} ({@link CohortSummary}) and {@code ttp.csv} (one row per treated patient: months to
 * progression or censoring, event 1/0, primary site), which {@code netra survival} and R's survival read.
 */
public final class CohortWriter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private CohortWriter() {}

    /** {@code value} as indented JSON, dates as ISO text and optional values as values or null. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    public static CohortSummary write(List<SyntheticPatient> cohort, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("cohort.json").toFile(), cohort);
        CohortSummary summary = CohortSummary.of(cohort);
        JSON.writeValue(dir.resolve("summary.json").toFile(), summary);
        List<String> rows = new ArrayList<>();
        rows.add("patient,months,progression,site");
        for (SyntheticPatient p : cohort) {
            p.course().ifPresent(c -> {
                var o = CohortSummary.timeToProgression(List.of(c)).get(0);
                rows.add(String.format(
                        Locale.ROOT,
                        "%s,%.3f,%d,%s",
                        p.id(),
                        o.time(),
                        o.event() ? 1 : 0,
                        p.candidate().tumour().site().name().toLowerCase(Locale.ROOT)));
            });
        }
        Files.write(dir.resolve("ttp.csv"), rows);
        return summary;
    }
}

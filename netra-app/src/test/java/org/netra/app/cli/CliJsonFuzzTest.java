package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of the JSON inputs of the command line, through the real commands:
 * the first byte picks {@code eligibility --patient} ('e') or {@code continuation --cycles} (anything
 * else), the rest is the file. Every input must end in a result (exit 0) or in one sentence
 * {@code netra: …} naming the file (exit 2); a stack trace (exit 1) or an escaping exception is a
 * finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays {@code CliJsonFuzzTestInputs/readInput}: the two examples
 * in docs/examples, entries that are null, a date that is not one, and every crash found so far; see
 * docs/testing.md.
 */
class CliJsonFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readInput(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Path file = Files.createTempFile("fuzzed-input", ".json");
        try {
            Files.write(file, Arrays.copyOfRange(input, 1, input.length));
            String[] args = input[0] == 'e'
                    ? new String[] {"eligibility", "--patient", file.toString(), "--json"}
                    : new String[] {"continuation", "--cycles", file.toString(), "--json"};
            var run = NuclideCommandTest.run(args);
            assertThat(run.exit()).as("exit code; stderr: %s", run.err()).isIn(0, 2);
            if (run.exit() == 2) {
                assertThat(run.err().strip())
                        .startsWith("netra: ")
                        .doesNotContain("\n")
                        .doesNotContain("\tat ");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

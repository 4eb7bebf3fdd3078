package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line says when the user's input is wrong: the field, the file, the fix; never a library's words. */
class CliMessagesTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "eligibility-patient.json");

    private static NuclideCommandTest.Run eligibility(Path dir, String from, String to) throws IOException {
        String json = Files.readString(EXAMPLE);
        assertThat(json).contains(from);
        Path file = dir.resolve("patient.json");
        Files.writeString(file, json.replace(from, to));
        return NuclideCommandTest.run("eligibility", "--patient", file.toString());
    }

    @Test
    void aNegativeWeightNamesTheFieldAndTheFile(@TempDir Path dir) throws IOException {
        var r = eligibility(dir, "\"kg\": 78.0", "\"kg\": -78.0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("patient.json")
                .contains("patient.weights[0].kg")
                .contains("negative");
    }

    @Test
    void notANumberIsSaidInPlainWords(@TempDir Path dir) throws IOException {
        var r = eligibility(dir, "\"kg\": 78.0", "\"kg\": NaN");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("patient.json")
                .contains("NaN")
                .contains("line 7")
                .doesNotContain("JsonReadFeature")
                .doesNotContain("ALLOW_NON_NUMERIC");
        var text = eligibility(dir, "\"kg\": 78.0", "\"kg\": \"heavy\"");
        assertThat(text.err())
                .contains("patient.weights[0].kg")
                .contains("number")
                .doesNotContain("`");
    }

    @Test
    void survivalAsksForTheCodingWhenOneAndTwoCouldMeanEither(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("lung.csv");
        // R's lung data style: 1 = censored, 2 = dead
        Files.writeString(csv, "time,status\n5,2\n8,1\n12,2\n20,2\n30,1\n");
        var r = NuclideCommandTest.run("survival", "--csv", csv.toString(), "--time", "time", "--event", "status");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--event-coding").contains("status").contains("lung.csv");

        var oneTwo = NuclideCommandTest.run(
                "survival", "--csv", csv.toString(), "--time", "time", "--event", "status", "--event-coding", "1/2");
        assertThat(oneTwo.exit()).as(oneTwo.err()).isZero();
        Path zeroOne = dir.resolve("zero-one.csv");
        Files.writeString(zeroOne, "time,status\n5,1\n8,0\n12,1\n20,1\n30,0\n");
        var same =
                NuclideCommandTest.run("survival", "--csv", zeroOne.toString(), "--time", "time", "--event", "status");
        assertThat(same.exit()).isZero();
        assertThat(oneTwo.out()).isEqualTo(same.out().replace("zero-one.csv", "lung.csv"));

        // a 2 under 0/1 coding, named
        var wrong = NuclideCommandTest.run(
                "survival", "--csv", csv.toString(), "--time", "time", "--event", "status", "--event-coding", "0/1");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("line 2").contains("'2'").contains("0/1");
    }

    /** Every command at every depth, the root included, as the argument lists that reach it. */
    static java.util.List<java.util.List<String>> allCommands(picocli.CommandLine cl, java.util.List<String> path) {
        var out = new java.util.ArrayList<java.util.List<String>>();
        out.add(path);
        for (var sub : cl.getSubcommands().entrySet()) {
            // an alias would repeat a command already listed
            if (!sub.getKey().equals(sub.getValue().getCommandName())) {
                continue;
            }
            var next = new java.util.ArrayList<>(path);
            next.add(sub.getKey());
            out.addAll(allCommands(sub.getValue(), next));
        }
        return out;
    }

    @Test
    void helpPrintsNoWarnings() {
        var commands = allCommands(Main.commandLine(), java.util.List.of());
        // root, every command and the subcommands of export, import, pacs, referral, db …
        assertThat(commands)
                .contains(
                        java.util.List.of(),
                        java.util.List.of("export", "rrdsr"),
                        java.util.List.of("import", "rrdsr"));
        // picocli's own warnings go to System.err, not to the command's error writer
        var stderr = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (var command : commands) {
                var args = new java.util.ArrayList<>(command);
                args.add("--help");
                var r = NuclideCommandTest.run(args.toArray(String[]::new));
                assertThat(r.exit()).as("%s", command).isZero();
                assertThat(r.out()).as("netra %s --help", command).contains("Usage: netra");
                assertThat(r.out() + r.err() + captured)
                        .as("netra %s --help", command)
                        .doesNotContain("WARN");
            }
        } finally {
            System.setErr(stderr);
        }
    }
}

package org.netra.app.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the launcher's AOT cache (issue 22): the start-up work every netra run shares, done once in
 * one JVM so that the cache holds its classes already loaded and linked and the profiles of its hot methods — the
 * version, the usage, a nuclide's figures, and every subcommand's help, which builds every subcommand's model and
 * so loads the classes its options name. Output goes nowhere; an error in one command does not stop the others,
 * because a cache of what did run is still worth having.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) {
        var runs = new ArrayList<List<String>>();
        runs.add(List.of("--version"));
        runs.add(List.of("--help"));
        runs.add(List.of("nuclide", "Lu-177"));
        runs.add(List.of("nuclide", "Lu-177", "--json"));
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            runs.add(List.of(name, "--help"));
        }
        var nowhere = new PrintWriter(Writer.nullWriter());
        for (List<String> run : runs) {
            String[] words = run.toArray(String[]::new);
            var cl = Main.commandLine(words);
            cl.setOut(nowhere);
            cl.setErr(nowhere);
            cl.execute(words);
        }
    }
}

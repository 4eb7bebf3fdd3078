package org.netra.app.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/**
 * The training run of the launcher's AOT cache (issue 22): the start-up work every one-shot netra run shares — the
 * root command, one subcommand's model, its parsing, a nuclide's figures as text and JSON — done once so that the
 * cache holds those classes already loaded and linked and the profiles of their hot methods. Deliberately small:
 * a cache trained on every subcommand's help (27 MB) made each run slower than none, its mapping costing more than
 * the loading it saved; this one (17 MB) saves a little (docs/benchmarks.md, CLI start-up). Output goes nowhere.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) {
        var nowhere = new PrintWriter(Writer.nullWriter());
        for (List<String> run :
                List.of(List.of("--version"), List.of("nuclide", "Lu-177"), List.of("nuclide", "Lu-177", "--json"))) {
            String[] words = run.toArray(String[]::new);
            var cl = Main.commandLine(words);
            cl.setOut(nowhere);
            cl.setErr(nowhere);
            cl.execute(words);
        }
    }
}

package org.netra.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netra} command line: one subcommand per job, each computing one with {@code --json}. */
@Command(
        name = "netra",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Theranostics of neuroendocrine tumours: imaging, dosimetry and the PRRT pathway.",
        subcommands = {
            NuclideCommand.class,
            DicomCommand.class,
            QuantifyCommand.class,
            ConjugateViewCommand.class,
            DosimetryCommand.class,
            DbCommand.class,
            PacsCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            ReferralCommand.class,
            EligibilityCommand.class,
            SurvivalCommand.class,
            SafetyCommand.class,
            ContinuationCommand.class,
            NextCycleCommand.class,
            SimulateCommand.class,
            SimulateCohortCommand.class,
            DemoCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        var cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

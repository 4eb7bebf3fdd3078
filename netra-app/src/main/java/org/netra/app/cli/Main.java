package org.netra.app.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netra} command line: one subcommand per job, each computing one with {@code --json}. */
@Command(
        name = "netra",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Theranostics of neuroendocrine tumours: imaging, dosimetry and the PRRT pathway.")
public final class Main implements Runnable {
    /**
     * Every subcommand, in the order the usage lists them. They are registered in code, not in {@code @Command}'s
     * {@code subcommands}, because picocli builds the model of every listed class (reflecting over its options and
     * loading the types they name) before it parses a word: about a third of a second of CPU for a run that needs
     * one of them (docs/benchmarks.md, CLI start-up).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            CycleZeroCommand.class,
            PopulationCommand.class,
            SimulateCommand.class,
            SimulateCohortCommand.class,
            DemoCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The whole command line, every subcommand's model built: for help, completion and tests that walk it. */
    public static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS);
    }

    /**
     * The command line that runs {@code args}: when the first word names a subcommand, only that subcommand's model
     * is built (the root has no other options that could come first but {@code --help} and {@code --version}, which
     * need no subcommand, and {@code --version} gets none); anything else — no word, an option, {@code help}, a typo that picocli should answer with
     * the list of commands — gets the whole command line, so what the user sees never depends on this shortcut.
     */
    public static CommandLine commandLine(String... args) {
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return withSubcommands(List.of()); // the version names no subcommand
        }
        return invokedSubcommand(args)
                .filter(sub -> sub != CommandLine.HelpCommand.class)
                .map(sub -> withSubcommands(List.of(sub)))
                .orElseGet(Main::commandLine);
    }

    static Optional<Class<?>> invokedSubcommand(String... args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        return SUBCOMMANDS.stream()
                .filter(sub -> namesOf(sub).anyMatch(args[0]::equals))
                .findFirst();
    }

    /** The name and aliases from the class's {@code @Command}: read without building picocli's model. */
    private static Stream<String> namesOf(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        return Stream.concat(Stream.of(command.name()), Arrays.stream(command.aliases()));
    }

    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        var cl = new CommandLine(new Main());
        for (Class<?> sub : subcommands) {
            cl.addSubcommand(sub);
        }
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        PhaseTimeline.mark("main entered");
        if (invokedSubcommand(args).filter(DosimetryCommand.class::equals).isPresent()) {
            CycleWarmUp.start();
        }
        CommandLine cl = commandLine(args);
        PhaseTimeline.mark("command model built");
        int exit = cl.execute(args);
        PhaseTimeline.mark("command done");
        PhaseTimeline.threads();
        System.exit(exit);
    }
}

package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The start-up shortcut (issue 22): a run builds the model of the one subcommand it names, and the routing agrees
 * with the whole command line for every name and alias, so no command is lost or reached by the wrong class.
 */
class LazyCommandLineTest {
    @Test
    void everyNameAndAliasOfTheWholeCommandLineRoutesToItsOwnClassAlone() {
        var whole = Main.commandLine();
        assertThat(whole.getSubcommands()).hasSizeGreaterThanOrEqualTo(Main.SUBCOMMANDS.size());
        for (var entry : whole.getSubcommands().entrySet()) {
            String name = entry.getKey();
            Class<?> expected = entry.getValue().getCommandSpec().userObject().getClass();
            if (expected == picocli.CommandLine.HelpCommand.class) {
                assertThat(Main.commandLine(name).getSubcommands()).as(name).containsKeys("nuclide", "dicom", "help");
                continue;
            }
            var lazy = Main.commandLine(name, "--help");
            assertThat(lazy.getSubcommands().values())
                    .as("netra %s", name)
                    .singleElement()
                    .satisfies(
                            sub -> assertThat(sub.getCommandSpec().userObject()).isInstanceOf(expected));
        }
    }

    @Test
    void noWordAnOptionOrATypoGetsTheWholeCommandLine() {
        int all = Main.commandLine().getSubcommands().size();
        for (var args : List.of(new String[0], new String[] {"--help"}, new String[] {"nuclid", "Lu-177"})) {
            assertThat(Main.commandLine(args).getSubcommands())
                    .as(String.join(" ", args))
                    .hasSize(all);
        }
        assertThat(Main.commandLine("--version").getSubcommands()).isEmpty();
    }

    @Test
    void aTypoIsStillAnsweredWithTheCommandItResembles() {
        var r = NuclideCommandTest.run("nuclid", "Lu-177");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nuclide");
        var version = NuclideCommandTest.run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("netra ");
    }
}

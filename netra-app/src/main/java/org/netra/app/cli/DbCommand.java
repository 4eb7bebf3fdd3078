package org.netra.app.cli;

import java.nio.file.Path;
import java.util.Map;
import org.netra.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netra db backup|restore FILE}: the whole database to one zip and back (H2 or PostgreSQL). */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Back up or restore the whole database.",
        subcommands = {DbCommand.Backup.class, DbCommand.Restore.class})
final class DbCommand {
    record Result(String action, String file, String database, Map<String, Integer> rows) {}

    @Command(name = "backup", mixinStandardHelpOptions = true, description = "Write every table to a zip.")
    static final class Backup implements Runnable {
        @Parameters(paramLabel = "FILE", description = "the backup zip to write")
        Path file;

        @Mixin
        DatabaseSelection db;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            var config = db.options.config();
            try (var store = Store.open(config)) {
                report(
                        spec,
                        json,
                        new Result(
                                "backup",
                                file.toString(),
                                config.url(),
                                store.backups().write(file)));
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Load a backup into an empty database.")
    static final class Restore implements Runnable {
        @Parameters(paramLabel = "FILE", description = "the backup zip to read")
        Path file;

        @Mixin
        DatabaseSelection db;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            var config = db.options.config();
            try (var store = Store.open(config)) {
                report(
                        spec,
                        json,
                        new Result(
                                "restore",
                                file.toString(),
                                config.url(),
                                store.backups().restore(file)));
            }
        }
    }

    /** The database options, shared by both subcommands. */
    static final class DatabaseSelection {
        @ArgGroup(exclusive = false, heading = "Database%n")
        DatabaseOptions options = new DatabaseOptions();
    }

    private static void report(picocli.CommandLine.Model.CommandSpec spec, boolean json, Result r) {
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r));
        } else {
            out.printf("%s %s (%s): %s%n", r.action(), r.file(), r.database(), r.rows());
        }
        out.flush();
    }
}

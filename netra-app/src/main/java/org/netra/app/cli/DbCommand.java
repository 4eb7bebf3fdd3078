package org.netra.app.cli;

import java.nio.file.Path;
import java.util.Map;
import org.netra.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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

    /** What backup and restore share: a file, a database, and a report of rows per table. */
    abstract static class FileAction implements Runnable {
        @Parameters(paramLabel = "FILE", description = "the backup zip")
        Path file;

        @ArgGroup(exclusive = false, heading = "Database%n")
        DatabaseOptions db = new DatabaseOptions();

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract Map<String, Integer> apply(Store store, Path file);

        @Override
        public void run() {
            var config = db.config();
            Map<String, Integer> rows;
            try (var store = Store.open(config)) {
                rows = apply(store, file);
            }
            var r = new Result(spec.name(), file.toString(), config.url(), rows);
            var out = spec.commandLine().getOut();
            out.println(json ? Json.write(r) : r.action() + " " + r.file() + " (" + r.database() + "): " + r.rows());
            out.flush();
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true, description = "Write every table to a zip.")
    static final class Backup extends FileAction {
        @Override
        Map<String, Integer> apply(Store store, Path file) {
            return store.backups().write(file);
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Load a backup into an empty database.")
    static final class Restore extends FileAction {
        @Override
        Map<String, Integer> apply(Store store, Path file) {
            return store.backups().restore(file);
        }
    }
}

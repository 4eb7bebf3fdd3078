package org.netra.app.cli;

import java.nio.file.Path;
import org.netra.store.StoreConfig;
import picocli.CommandLine.Option;

/** Which database a command uses: --db-url, else NETRA_DB_URL, else the embedded H2 in --data-dir. */
final class DatabaseOptions {
    @Option(
            names = "--db-url",
            description = "JDBC URL (e.g. jdbc:postgresql://localhost/netra); default: NETRA_DB_URL, else embedded H2")
    String url;

    @Option(names = "--db-user", description = "database user (default: NETRA_DB_USER)")
    String user;

    @Option(
            names = "--db-password",
            description = "database password (default: NETRA_DB_PASSWORD)",
            arity = "0..1",
            interactive = true)
    String password;

    @Option(
            names = "--data-dir",
            description = "folder of the embedded database (default: NETRA_DATA, else ./netra-data)")
    Path dataDir;

    /** Whether a database was named, by an option or the environment (else the embedded default is implied). */
    boolean named() {
        return url != null
                || dataDir != null
                || System.getenv(StoreConfig.URL_VARIABLE) != null
                || System.getenv("NETRA_DATA") != null;
    }

    StoreConfig config() {
        String u = url != null ? url : System.getenv(StoreConfig.URL_VARIABLE);
        if (u != null && !u.isBlank()) {
            return new StoreConfig(u, orEnv(user, "NETRA_DB_USER"), orEnv(password, "NETRA_DB_PASSWORD"));
        }
        Path dir = dataDir != null
                ? dataDir
                : Path.of(orEnv(null, "NETRA_DATA") == null ? "netra-data" : System.getenv("NETRA_DATA"));
        return StoreConfig.embedded(dir);
    }

    private static String orEnv(String value, String variable) {
        return value != null ? value : System.getenv(variable);
    }
}

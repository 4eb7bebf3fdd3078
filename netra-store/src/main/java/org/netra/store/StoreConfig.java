package org.netra.store;

import java.nio.file.Path;

/**
 * Where the database is. The embedded default is an H2 file database under a data folder;
 * production points {@code url} at PostgreSQL ({@code jdbc:postgresql://host/db}).
 */
public record StoreConfig(String url, String user, String password) {
    /** The environment variable that, when set, points netra at its production database. */
    public static final String URL_VARIABLE = "NETRA_DB_URL";

    public StoreConfig {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "database URL must start with jdbc: (e.g. jdbc:postgresql://localhost/netra), got " + url);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /**
     * An H2 file database {@code netra} in {@code dataDir}. {@code WRITE_DELAY=0}: H2 writes each commit
     * to the file before the commit returns, instead of up to 500 ms later from a background thread, so a
     * write netra acknowledged survives the process being killed (CrashTest kills it with SIGKILL; with
     * H2's default delay acknowledged users were lost). H2 does not fsync each commit, so a power cut can
     * still lose the last commits; a department that cannot accept that runs PostgreSQL.
     */
    public static StoreConfig embedded(Path dataDir) {
        return new StoreConfig(
                "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("netra") + ";DB_CLOSE_DELAY=0;WRITE_DELAY=0",
                "sa",
                "");
    }

    /** A private in-memory H2 database, gone when closed: for tests and throw-away runs. */
    public static StoreConfig inMemory(String name) {
        return new StoreConfig("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    public Vendor vendor() {
        if (url.startsWith("jdbc:h2:")) {
            return Vendor.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Vendor.POSTGRESQL;
        }
        throw new IllegalArgumentException("netra runs on H2 or PostgreSQL; unsupported database URL " + url);
    }

    /** The databases netra supports; each has its own folder of vendor-specific migrations. */
    public enum Vendor {
        H2("h2"),
        POSTGRESQL("postgresql");

        private final String folder;

        Vendor(String folder) {
            this.folder = folder;
        }

        public String migrationFolder() {
            return folder;
        }
    }

    @Override
    public String toString() {
        return "StoreConfig[" + url + ", user=" + user + "]"; // never the password
    }
}

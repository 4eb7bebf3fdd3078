package org.netra.store;

import com.fasterxml.jackson.databind.Module;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.netra.store.audit.AuditTrail;
import org.netra.store.backup.Backups;
import org.netra.store.clinical.ClinicalJson;
import org.netra.store.job.JobRows;
import org.netra.store.record.Documents;
import org.netra.store.record.Records;
import org.netra.store.signin.SessionRows;
import org.netra.store.signin.SignInFailures;

/**
 * netra's database: opened on H2 or PostgreSQL, migrated to the current schema with Flyway (the same
 * migrations on both, plus a vendor folder for what SQL cannot say portably).
 */
public final class Store implements AutoCloseable {
    /** H2's ErrorCode.DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    private static final int H2_DATABASE_IN_USE = 90020;

    /**
     * Connections a node keeps open at most. Without a pool every query opened a connection of its own: on
     * PostgreSQL a new server process and a login each time, which made a page read ≈ 10 times dearer than the
     * read itself (issue 17's two-node load test). Ten is enough for two cores (HikariCP's sizing advice: about
     * twice the cores the database has); more would only queue inside the database instead of in the pool.
     */
    static final int MAX_CONNECTIONS = 10;

    private final HikariDataSource pool;

    private final StoreConfig config;
    private final Jdbi jdbi;
    private final Documents documents;
    private final Connection keepAlive;
    private final org.netra.store.clinical.StampedReads stampedReads;

    private Store(StoreConfig config, Documents documents, Documents frozenDocuments) {
        this.config = config;
        this.documents = documents;
        try {
            // keeps an in-memory or file H2 database open for the life of the store
            this.keepAlive = DriverManager.getConnection(config.url(), config.user(), config.password());
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_IN_USE) {
                // the embedded database is one file that one process opens at a time
                throw new StoreException(
                        "the embedded database "
                                + config.url().replaceFirst(";.*", "").replaceFirst("^jdbc:h2:file:", "")
                                + ".mv.db is in use by another netra process (a running `netra serve` or"
                                + " `netra demo`); stop that process and try again",
                        e);
            }
            throw new StoreException(
                    "cannot connect to " + config.url() + ": " + e.getMessage()
                            + " (check the URL, user and password, and that the server runs)",
                    e);
        }
        if (config.vendor() == StoreConfig.Vendor.POSTGRESQL) {
            // the server keeps the database open; this first connection only gave a clear error, and holding it
            // beside the pool's would double the connections every store (and test) keeps on the server
            try {
                keepAlive.close();
            } catch (SQLException e) {
                throw new StoreException("cannot close the database connection to " + config.url(), e);
            }
        }
        this.pool = pool(config);
        Flyway.configure()
                .dataSource(pool)
                .locations(
                        "classpath:db/migration/common",
                        "classpath:db/migration/" + config.vendor().migrationFolder())
                .load()
                .migrate();
        this.jdbi = Jdbi.create(pool);
        if (config.vendor() == StoreConfig.Vendor.H2 && config.url().startsWith("jdbc:h2:file:")) {
            // a killed embedded database can come back with an in-flight transaction half rolled back
            org.netra.store.record.AuditReconciliation.reconcile(jdbi);
        }
        this.stampedReads = new org.netra.store.clinical.StampedReads(
                new Records(jdbi, frozenDocuments), new org.netra.store.record.ChangeStamps(pool));
    }

    private static HikariDataSource pool(StoreConfig config) {
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(MAX_CONNECTIONS);
        // idle stores (tests, CLI commands) hold one connection, not ten; a busy node grows to the maximum
        hikari.setMinimumIdle(1);
        hikari.setPoolName("netra-store");
        return new HikariDataSource(hikari);
    }

    /**
     * Opens (and migrates) the database. The JSON mapper knows the clinical records ({@link ClinicalJson});
     * {@code modules} teach it further types.
     */
    public static Store open(StoreConfig config, Module... modules) {
        Module[] all = new Module[modules.length + 1];
        all[0] = new ClinicalJson();
        System.arraycopy(modules, 0, all, 1, modules.length);
        Module[] frozen = java.util.Arrays.copyOf(all, all.length + 1);
        frozen[all.length] = new org.netra.store.record.FrozenCollections();
        return new Store(config, new Documents(all), new Documents(frozen));
    }

    public StoreConfig config() {
        return config;
    }

    public Records records() {
        return new Records(jdbi, documents);
    }

    /**
     * This store's (this node's) parsed charts and room bookings, checked against the database's change stamps
     * on every read: for pages that only show them, never to decide a change on.
     */
    public org.netra.store.clinical.StampedReads stampedReads() {
        return stampedReads;
    }

    /**
     * The change stamps of the records' scopes (a patient's, a kind's): what a node checks before it shows something
     * it keeps parsed, one primary-key read per scope.
     */
    public org.netra.store.record.ChangeStamps changeStamps() {
        return new org.netra.store.record.ChangeStamps(pool);
    }

    public AuditTrail audit() {
        return new AuditTrail(jdbi);
    }

    /** The dosimetry reports physicists signed, immutable once signed. */
    public org.netra.store.report.SignedReports signedReports() {
        return new org.netra.store.report.SignedReports(jdbi);
    }

    /** The web sessions of every node (netra-app's SessionStore gives them meaning). */
    public SessionRows sessions() {
        return new SessionRows(jdbi, pool);
    }

    /** Wrong passwords and sign-in pauses, shared by every node. */
    public SignInFailures signInFailures() {
        return new SignInFailures(jdbi);
    }

    /** The background job queue of every node (netra-app's JobQueue runs the jobs). */
    public JobRows jobs() {
        return new JobRows(jdbi);
    }

    public Backups backups() {
        return new Backups(jdbi, config.vendor());
    }

    public Documents documents() {
        return documents;
    }

    @Override
    public void close() {
        pool.close();
        try {
            keepAlive.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database connection to " + config.url(), e);
        }
    }
}

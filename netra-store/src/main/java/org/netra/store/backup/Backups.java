package org.netra.store.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.netra.store.StoreConfig;
import org.netra.store.StoreException;

/**
 * The whole database as one zip of JSON lines, one entry per table, and back. Restoring goes into an
 * empty database only (a restore never merges into live data), on H2 or PostgreSQL alike.
 */
public final class Backups {
    /**
     * The tables, in an order that satisfies their references. The job queue is in: a job a user submitted and
     * was told is queued must survive a move to a new database like any record (a job that was running when
     * the backup was taken is claimed again once its lease runs out). Signed reports are in: they are the
     * department's record of what a physicist approved (restoring only inserts, which their triggers allow). Sessions and sign-in failures are not:
     * they are worth nothing on another database, and restoring them would revive sessions.
     */
    static final List<String> TABLES = List.of("clinical_record", "audit_event", "job_queue", "signed_report");

    private static final String FORMAT = "netra-backup-1";
    private final Jdbi jdbi;
    private final StoreConfig.Vendor vendor;
    private final ObjectMapper json = new ObjectMapper();

    public Backups(Jdbi jdbi, StoreConfig.Vendor vendor) {
        this.jdbi = jdbi;
        this.vendor = vendor;
    }

    /**
     * Gives the restored records change stamps (V8), so that nodes keep their parsed charts. One random value,
     * not a count: a node that kept charts of a database this one replaced never finds its old stamps here.
     */
    private static void stampRestoredRecords(Handle h) {
        long stamp = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        h.createUpdate("DELETE FROM change_stamp").execute();
        h.createUpdate("INSERT INTO change_stamp (scope, stamp) SELECT DISTINCT 'patient/' || patient_id, :stamp"
                        + " FROM clinical_record WHERE patient_id IS NOT NULL")
                .bind("stamp", stamp)
                .execute();
        h.createUpdate("INSERT INTO change_stamp (scope, stamp) SELECT DISTINCT 'kind/' || kind, :stamp"
                        + " FROM clinical_record")
                .bind("stamp", stamp)
                .execute();
    }

    /** Writes every row of every table to {@code zip}; returns the row counts by table. */
    public Map<String, Integer> write(Path zip) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (OutputStream out = Files.newOutputStream(zip);
                var zout = new ZipOutputStream(out)) {
            jdbi.useTransaction(h -> {
                for (String table : TABLES) {
                    zout.putNextEntry(new ZipEntry(table + ".jsonl"));
                    int n = h.createQuery("SELECT * FROM " + table + " ORDER BY " + orderOf(table))
                            .scanResultSet((rs, ctx) -> {
                                try {
                                    return writeRows(rs.get(), zout);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
                    zout.closeEntry();
                    counts.put(table, n);
                }
            });
            zout.putNextEntry(new ZipEntry("manifest.json"));
            ObjectNode manifest = json.createObjectNode().put("format", FORMAT);
            counts.forEach(manifest.putObject("rows")::put);
            zout.write(json.writeValueAsBytes(manifest));
            zout.closeEntry();
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot write the backup " + zip + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** Loads a backup into this (empty) database; returns the row counts by table. */
    public Map<String, Integer> restore(Path zip) {
        try (var zf = new ZipFile(zip.toFile())) {
            var manifestEntry = zf.getEntry("manifest.json");
            if (manifestEntry == null) {
                throw new StoreException(zip + " is not a netra backup (no manifest.json)");
            }
            JsonNode manifest = json.readTree(zf.getInputStream(manifestEntry));
            if (!FORMAT.equals(manifest.path("format").asText())) {
                throw new StoreException(zip + " has backup format '"
                        + manifest.path("format").asText() + "', this netra reads " + FORMAT);
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            jdbi.useTransaction(h -> {
                for (String table : TABLES) {
                    int existing = h.createQuery("SELECT COUNT(*) FROM " + table)
                            .mapTo(Integer.class)
                            .one();
                    if (existing > 0) {
                        throw new StoreException("restore needs an empty database, but " + table + " has " + existing
                                + " rows; restore into a new database");
                    }
                }
                for (String table : TABLES) {
                    var entry = zf.getEntry(table + ".jsonl");
                    int n = 0;
                    if (entry != null) {
                        try (var reader = new BufferedReader(
                                new InputStreamReader(zf.getInputStream(entry), StandardCharsets.UTF_8))) {
                            Map<String, Integer> types = columnTypes(h, table);
                            String line;
                            while ((line = reader.readLine()) != null) {
                                insert(h, table, types, json.readTree(line));
                                n++;
                            }
                        }
                    }
                    // a backup from before the table existed neither has it nor counts it: it held none
                    int expected = entry == null && !manifest.path("rows").has(table)
                            ? 0
                            : manifest.path("rows").path(table).asInt(-1);
                    if (expected != n) {
                        throw new StoreException(
                                zip + " is damaged: " + table + " has " + n + " rows, its manifest says " + expected);
                    }
                    counts.put(table, n);
                }
                restartAuditSequence(h);
                stampRestoredRecords(h);
            });
            return counts;
        } catch (IOException e) {
            throw new StoreException("cannot read the backup " + zip + ": " + e.getMessage(), e);
        }
    }

    private int writeRows(ResultSet rs, ZipOutputStream out) throws SQLException, IOException {
        ResultSetMetaData md = rs.getMetaData();
        int n = 0;
        while (rs.next()) {
            ObjectNode row = json.createObjectNode();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                String name = md.getColumnLabel(c).toLowerCase(java.util.Locale.ROOT);
                int type = md.getColumnType(c);
                if (rs.getObject(c) == null) {
                    row.putNull(name);
                } else if (type == Types.BIGINT || type == Types.INTEGER) {
                    row.put(name, rs.getLong(c));
                } else if (type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP) {
                    row.put(name, rs.getObject(c, OffsetDateTime.class).toString());
                } else {
                    row.put(name, rs.getString(c));
                }
            }
            out.write(json.writeValueAsBytes(row));
            out.write('\n');
            n++;
        }
        return n;
    }

    /** The SQL type of each column (lower-case name) of {@code table} in this database. */
    private static Map<String, Integer> columnTypes(Handle h, String table) {
        return h.createQuery("SELECT * FROM " + table + " WHERE 1 = 0").scanResultSet((rs, ctx) -> {
            ResultSetMetaData md = rs.get().getMetaData();
            Map<String, Integer> types = new LinkedHashMap<>();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                types.put(md.getColumnLabel(c).toLowerCase(java.util.Locale.ROOT), md.getColumnType(c));
            }
            return types;
        });
    }

    private static void insert(Handle h, String table, Map<String, Integer> types, JsonNode row) {
        List<String> columns = new ArrayList<>();
        row.fieldNames().forEachRemaining(columns::add);
        var update = h.createUpdate("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> ":" + c).toList()) + ")");
        for (String c : columns) {
            JsonNode v = row.get(c);
            Integer type = types.get(c);
            if (type == null) {
                throw new StoreException("the backup's " + table + " has a column " + c + " that this database's "
                        + table + " lacks: restore it with the netra version that wrote it");
            }
            boolean timestamp = type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP;
            if (v.isNull()) {
                // typed as the column is: PostgreSQL refuses a null text for a timestamp column (a job's lease)
                update.bindNull(c, type);
            } else if (v.isIntegralNumber()) {
                update.bind(c, v.longValue());
            } else if (timestamp) {
                update.bind(c, OffsetDateTime.parse(v.asText()));
            } else {
                update.bind(c, v.asText());
            }
        }
        update.execute();
    }

    private void restartAuditSequence(Handle h) {
        long next = h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_event")
                .mapTo(Long.class)
                .one();
        switch (vendor) {
            case H2 -> h.execute("ALTER TABLE audit_event ALTER COLUMN seq RESTART WITH " + next);
            case POSTGRESQL ->
                h.execute("SELECT setval(pg_get_serial_sequence('audit_event', 'seq'), " + next + ", false)");
        }
    }

    private static String orderOf(String table) {
        return switch (table) {
            case "audit_event" -> "seq";
            case "job_queue" -> "submitted_at, id";
            case "signed_report" -> "patient_id, cycle, report_version";
            default -> "kind, id";
        };
    }
}

package org.netra.store.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;

/**
 * The change stamp of each scope of records (one patient's, or every record of one kind): a value that every
 * create, update and delete in the scope replaces with a new random one, in its own transaction. Reading a
 * stamp is one primary-key read, so a node may keep what it parsed and check the stamp instead of reading
 * and parsing the records again: a change committed on any node moves the stamp before the next read sees it.
 * Random, not counted: a database restored or recreated under a running node never brings an old value back.
 */
public final class ChangeStamps {
    private final DataSource pool;

    public ChangeStamps(DataSource pool) {
        this.pool = pool;
    }

    /** The scope of every record that belongs to patient {@code patientId}. */
    public static String patient(String patientId) {
        return "patient/" + patientId;
    }

    /** The scope of every record of {@code kind}, whichever patient it belongs to. */
    public static String kind(RecordKind<?> kind) {
        return kind(kind.name());
    }

    static String kind(String kindName) {
        return "kind/" + kindName;
    }

    /**
     * The current stamps of {@code scopes}, in one query; a scope without a stamp (no record in it changed since
     * the database was made or restored) is absent, and what is read from it must not be kept, with one exception:
     * a read that found no record (a scope with records always has a stamp, made with its first record or by the
     * restore) may be kept as "none" until a stamp appears.
     */
    public Map<String, Long> read(Collection<String> scopes) {
        Map<String, Long> out = new HashMap<>();
        if (scopes.isEmpty()) {
            return out;
        }
        // plain JDBC on the pool, as the session read: every page read checks its stamps, and a Jdbi handle per
        // check is overhead on all of them (issue 17); one statement text per number of scopes (1, 3, 6 in use),
        // which the driver keeps prepared per connection
        String sql = "SELECT scope, stamp FROM change_stamp WHERE scope IN (" + "?, ".repeat(scopes.size() - 1) + "?)";
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            for (String scope : scopes) {
                st.setString(i++, scope);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new org.netra.store.StoreException("cannot read change stamps " + scopes + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Gives every scope a new stamp inside the transaction of {@code h}. The scopes are taken in sorted order, so
     * two transactions that touch the same scopes lock their rows in the same order and never deadlock.
     */
    static void renew(Handle h, SortedSet<String> scopes) {
        for (String scope : scopes) {
            long stamp = ThreadLocalRandom.current().nextLong();
            if (update(h, scope, stamp) == 0) {
                // the scope's first change: another transaction may insert the same row at the same moment, so
                // the insert runs under a savepoint and, if it lost that race, the stamp is updated instead
                h.savepoint("change_stamp");
                try {
                    h.createUpdate("INSERT INTO change_stamp (scope, stamp) VALUES (:scope, :stamp)")
                            .bind("scope", scope)
                            .bind("stamp", stamp)
                            .execute();
                    h.releaseSavepoint("change_stamp");
                } catch (RuntimeException duplicate) {
                    h.rollbackToSavepoint("change_stamp");
                    if (update(h, scope, stamp) == 0) {
                        throw duplicate;
                    }
                }
            }
        }
    }

    private static int update(Handle h, String scope, long stamp) {
        return h.createUpdate("UPDATE change_stamp SET stamp = :stamp WHERE scope = :scope")
                .bind("stamp", stamp)
                .bind("scope", scope)
                .execute();
    }
}

package org.netra.store.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's side of the append-only audit trail (PostgreSQL has a plpgsql trigger): refuses every change. */
public final class AppendOnlyTrigger implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(
                "the audit trail is append-only (" + (newRow == null ? "DELETE" : "UPDATE") + " refused)");
    }
}

package org.netra.store.report;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's side of the signed reports' immutability (PostgreSQL has a plpgsql trigger): refuses every change. */
public final class SignedReportImmutableTrigger implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("a signed report cannot be changed (" + (newRow == null ? "DELETE" : "UPDATE")
                + " refused); sign an amended version instead");
    }
}

package org.netra.app.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval printed on a signed report: who signed which version, in which role and when, and for an
 * amendment, why it replaces the previous version and which figures changed.
 */
public record ReportSignature(
        int version, String signerName, String role, Instant signedAt, Optional<Amendment> amends) {
    public ReportSignature {
        Objects.requireNonNull(signerName, "signer's name");
        Objects.requireNonNull(role, "signer's role");
        Objects.requireNonNull(signedAt, "signing time");
        amends = amends == null ? Optional.empty() : amends;
        if (version < 1) {
            throw new IllegalArgumentException("report versions start at 1, got " + version);
        }
    }

    /** What an amended version changes relative to {@code previousVersion}. */
    public record Amendment(int previousVersion, String reason, List<String> changes) {
        public Amendment {
            Objects.requireNonNull(reason, "reason of the amendment");
            changes = List.copyOf(changes);
        }
    }
}

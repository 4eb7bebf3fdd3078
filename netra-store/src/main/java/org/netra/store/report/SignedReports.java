package org.netra.store.report;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.netra.store.StoreException;

/**
 * The dosimetry reports physicists signed: each version's exact PDF, immutable once written (the primary key
 * refuses a second signature of a version, database triggers refuse UPDATE and DELETE). Signing writes the
 * row and its audit event in one transaction.
 */
public final class SignedReports {
    /** The audit trail's kind for a signature. */
    public static final String AUDIT_KIND = "signed_report";

    private static final java.time.format.DateTimeFormatter SIGNED_AT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT);

    private final Jdbi jdbi;

    public SignedReports(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Who signed, in which role, when. */
    public record Signer(String username, String name, String role, Instant at) {
        public Signer {
            Objects.requireNonNull(username, "signer's username");
            Objects.requireNonNull(name, "signer's name");
            Objects.requireNonNull(role, "signer's role");
            Objects.requireNonNull(at, "signing time");
        }
    }

    /**
     * A signed version without its PDF bytes.
     *
     * @param reason why it amends the previous version (empty for version 1)
     * @param figures the dose figures the PDF shows, as JSON, to compare an amendment with
     */
    public record Signed(
            String patientId, int cycle, int version, Signer signer, String reason, String figures, String sha256) {}

    /** Refused: the version is signed already, or is not the next one. */
    public static final class SigningRefusedException extends StoreException {
        private static final long serialVersionUID = 1L;
        private final boolean conflict;

        SigningRefusedException(String message, boolean conflict) {
            super(message);
            this.conflict = conflict;
        }

        /** True when another signature is in the way (HTTP 409), false when the request is malformed (400). */
        public boolean conflict() {
            return conflict;
        }
    }

    /**
     * Signs {@code version} of the cycle's report: it must be the next one (1, or the latest signed + 1), and an
     * amendment (version 2 on) must give its reason.
     */
    public Signed sign(
            String patientId, int cycle, int version, Signer signer, String reason, String figures, byte[] pdf) {
        String why = reason == null ? "" : reason.strip();
        if (version < 1) {
            throw new SigningRefusedException("the report version must be 1 or more, got " + version, false);
        }
        if (version > 1 && why.isEmpty()) {
            throw new SigningRefusedException(
                    "reason: an amended report (version " + version + ") must say why it replaces version "
                            + (version - 1),
                    false);
        }
        String sha = sha256(pdf);
        return jdbi.inTransaction(h -> {
            Optional<Signed> latest = latest(h, patientId, cycle);
            int next = latest.map(s -> s.version() + 1).orElse(1);
            if (latest.isPresent() && version <= latest.get().version()) {
                Signed existing = version(h, patientId, cycle, version).orElseThrow();
                throw new SigningRefusedException(
                        "version " + version + " of the cycle " + cycle + " report of " + patientId
                                + " was signed by " + existing.signer().name() + " at "
                                // to the minute as people read it; the store knows no department zone, so UTC, said
                                + SIGNED_AT.format(existing.signer().at().atOffset(ZoneOffset.UTC))
                                + " and cannot be changed; sign an amended version " + next + " with a reason",
                        true);
            }
            if (version != next) {
                throw new SigningRefusedException(
                        "the next version of the cycle " + cycle + " report of " + patientId + " is " + next + ", not "
                                + version,
                        false);
            }
            OffsetDateTime at = signer.at().atOffset(ZoneOffset.UTC);
            h.createUpdate("INSERT INTO signed_report (patient_id, cycle, report_version, signed_by, signer_name,"
                            + " signer_role, signed_at, reason, figures, pdf_sha256, pdf_base64) VALUES (:p, :c, :v,"
                            + " :by, :name, :role, :at, :reason, :figures, :sha, :pdf)")
                    .bind("p", patientId)
                    .bind("c", cycle)
                    .bind("v", version)
                    .bind("by", signer.username())
                    .bind("name", signer.name())
                    .bind("role", signer.role())
                    .bind("at", at)
                    .bind("reason", why)
                    .bind("figures", figures)
                    .bind("sha", sha)
                    .bind("pdf", Base64.getEncoder().encodeToString(pdf))
                    .execute();
            String after = "{\"patientId\":" + quoted(patientId) + ",\"cycle\":" + cycle + ",\"version\":" + version
                    + ",\"signer\":" + quoted(signer.name()) + ",\"role\":" + quoted(signer.role())
                    + ",\"reason\":" + quoted(why) + ",\"pdfSha256\":\"" + sha + "\"}";
            h.createUpdate("INSERT INTO audit_event (at, actor, action, kind, record_id, version, before_doc,"
                            + " after_doc) VALUES (:at, :actor, 'SIGN', :kind, :id, :version, NULL, :after)")
                    .bind("at", at)
                    .bind("actor", signer.username())
                    .bind("kind", AUDIT_KIND)
                    .bind("id", recordId(patientId, cycle))
                    .bind("version", version)
                    .bind("after", after)
                    .execute();
            return new Signed(patientId, cycle, version, signer, why, figures, sha);
        });
    }

    /** The audit trail's record id of a cycle's report. */
    public static String recordId(String patientId, int cycle) {
        return patientId + "/cycle-" + cycle;
    }

    /** Every signed version of the cycle's report, oldest first. */
    public List<Signed> versions(String patientId, int cycle) {
        return jdbi.withHandle(
                h -> h.createQuery(SELECT + " WHERE patient_id = :p AND cycle = :c ORDER BY" + " report_version")
                        .bind("p", patientId)
                        .bind("c", cycle)
                        .map((rs, ctx) -> signed(rs))
                        .list());
    }

    /** The signed PDF of a version, exactly as signed. */
    public Optional<byte[]> pdf(String patientId, int cycle, int version) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pdf_base64 FROM signed_report WHERE patient_id = :p AND"
                        + " cycle = :c AND report_version = :v")
                .bind("p", patientId)
                .bind("c", cycle)
                .bind("v", version)
                .mapTo(String.class)
                .findOne()
                .map(Base64.getDecoder()::decode));
    }

    private static final String SELECT = "SELECT patient_id, cycle, report_version, signed_by, signer_name,"
            + " signer_role, signed_at, reason, figures, pdf_sha256 FROM signed_report";

    private static Optional<Signed> latest(Handle h, String patientId, int cycle) {
        return h.createQuery(SELECT + " WHERE patient_id = :p AND cycle = :c ORDER BY report_version DESC")
                .bind("p", patientId)
                .bind("c", cycle)
                .map((rs, ctx) -> signed(rs))
                .findFirst();
    }

    private static Optional<Signed> version(Handle h, String patientId, int cycle, int version) {
        return h.createQuery(SELECT + " WHERE patient_id = :p AND cycle = :c AND report_version = :v")
                .bind("p", patientId)
                .bind("c", cycle)
                .bind("v", version)
                .map((rs, ctx) -> signed(rs))
                .findOne();
    }

    private static Signed signed(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Signed(
                rs.getString("patient_id"),
                rs.getInt("cycle"),
                rs.getInt("report_version"),
                new Signer(
                        rs.getString("signed_by"),
                        rs.getString("signer_name"),
                        rs.getString("signer_role"),
                        rs.getObject("signed_at", OffsetDateTime.class).toInstant()),
                Optional.ofNullable(rs.getString("reason")).orElse(""),
                rs.getString("figures"),
                rs.getString("pdf_sha256"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

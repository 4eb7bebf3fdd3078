package org.netra.store.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.netra.store.Store;
import org.netra.store.StoreConfig;

/** A signed report on a real database: stored byte for byte, audited, and never changed afterwards. */
abstract class SignedReportsContract {
    abstract StoreConfig freshConfig();

    private static final Instant T0 = Instant.parse("2026-09-14T10:15:00Z");
    private static final byte[] PDF_V1 = "%PDF-1.7 version one".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PDF_V2 = "%PDF-1.7 version two".getBytes(StandardCharsets.UTF_8);

    private static SignedReports.Signer physicist(Instant at) {
        return new SignedReports.Signer("phys", "Dr Max Physicist", "PHYSICIST", at);
    }

    @Test
    void aSignedVersionIsKeptExactlyAndAudited() {
        try (Store store = Store.open(freshConfig())) {
            var reports = store.signedReports();
            var signed = reports.sign("NET-1", 2, 1, physicist(T0), "", "{\"kidneys\":3.12}", PDF_V1);
            assertThat(signed.sha256())
                    .as("sha256 of the bytes, as `sha256sum` gives it")
                    .isEqualTo(SignedReports.sha256(PDF_V1));
            assertThat(reports.pdf("NET-1", 2, 1))
                    .hasValueSatisfying(b -> assertThat(b).isEqualTo(PDF_V1));
            assertThat(reports.versions("NET-1", 2)).singleElement().satisfies(s -> {
                assertThat(s.signer().name()).isEqualTo("Dr Max Physicist");
                assertThat(s.signer().role()).isEqualTo("PHYSICIST");
                assertThat(s.signer().at()).isEqualTo(T0);
            });
            var events = store.audit().history(SignedReports.AUDIT_KIND, SignedReports.recordId("NET-1", 2));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo(org.netra.store.audit.AuditEvent.Action.SIGN);
                assertThat(e.actor()).isEqualTo("phys");
                assertThat(e.after()).contains(signed.sha256());
            });
        }
    }

    @Test
    void aSignedVersionCannotBeSignedAgainNorChangedInTheDatabase() throws Exception {
        try (Store store = Store.open(freshConfig())) {
            var reports = store.signedReports();
            reports.sign("NET-1", 2, 1, physicist(T0), "", "{}", PDF_V1);
            assertThatThrownBy(() -> reports.sign("NET-1", 2, 1, physicist(T0.plusSeconds(60)), "", "{}", PDF_V2))
                    .isInstanceOfSatisfying(SignedReports.SigningRefusedException.class, e -> assertThat(e.conflict())
                            .isTrue())
                    .hasMessageContaining("signed by Dr Max Physicist")
                    .hasMessageContaining("cannot be changed");
            // straight SQL, past netra's code: the database refuses too
            var cfg = store.config();
            try (var c = DriverManager.getConnection(cfg.url(), cfg.user(), cfg.password())) {
                assertThatThrownBy(() -> c.createStatement()
                                .executeUpdate("UPDATE signed_report SET pdf_base64 = 'eA==' WHERE cycle = 2"))
                        .hasMessageContaining("a signed report cannot be changed");
                assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM signed_report"))
                        .hasMessageContaining("a signed report cannot be changed");
            }
            assertThat(reports.pdf("NET-1", 2, 1))
                    .hasValueSatisfying(b -> assertThat(b).isEqualTo(PDF_V1));
        }
    }

    @Test
    void anAmendmentIsTheNextVersionWithItsReason() {
        try (Store store = Store.open(freshConfig())) {
            var reports = store.signedReports();
            reports.sign("NET-1", 2, 1, physicist(T0), "", "{}", PDF_V1);
            assertThatThrownBy(() -> reports.sign("NET-1", 2, 2, physicist(T0), " ", "{}", PDF_V2))
                    .isInstanceOfSatisfying(SignedReports.SigningRefusedException.class, e -> assertThat(e.conflict())
                            .isFalse())
                    .hasMessageStartingWith("reason:");
            assertThatThrownBy(() -> reports.sign("NET-1", 2, 3, physicist(T0), "typo", "{}", PDF_V2))
                    .hasMessageContaining("next version")
                    .hasMessageContaining("is 2, not 3");
            reports.sign("NET-1", 2, 2, physicist(T0.plusSeconds(3600)), "kidney VOI redrawn", "{}", PDF_V2);
            assertThat(reports.versions("NET-1", 2))
                    .extracting(SignedReports.Signed::version, SignedReports.Signed::reason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, ""),
                            org.assertj.core.groups.Tuple.tuple(2, "kidney VOI redrawn"));
            assertThat(reports.pdf("NET-1", 2, 2))
                    .hasValueSatisfying(b -> assertThat(b).isEqualTo(PDF_V2));
            assertThat(reports.pdf("NET-1", 2, 1))
                    .hasValueSatisfying(b -> assertThat(b).isEqualTo(PDF_V1));
        }
    }

    @Test
    void aBackupCarriesTheSignedReportsByteForByte(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        var zip = dir.resolve("backup.zip");
        try (Store store = Store.open(freshConfig())) {
            store.signedReports().sign("NET-1", 2, 1, physicist(T0), "", "{}", PDF_V1);
            assertThat(store.backups().write(zip)).containsEntry("signed_report", 1);
        }
        try (Store restored = Store.open(freshConfig())) {
            restored.backups().restore(zip);
            assertThat(restored.signedReports().pdf("NET-1", 2, 1))
                    .hasValueSatisfying(b -> assertThat(b).isEqualTo(PDF_V1));
            assertThat(restored.signedReports().versions("NET-1", 2))
                    .singleElement()
                    .satisfies(s -> assertThat(s.signer().at()).isEqualTo(T0));
        }
    }
}

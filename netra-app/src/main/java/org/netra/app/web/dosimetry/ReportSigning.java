package org.netra.app.web.dosimetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.app.report.DosimetryReport;
import org.netra.app.report.DosimetryReportPdf;
import org.netra.app.report.ReportSignature;
import org.netra.app.web.input.InvalidInputException;
import org.netra.app.web.input.Refused;
import org.netra.app.web.security.UserAccount;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.store.Store;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DispensingRecord;
import org.netra.store.clinical.PatientChart;
import org.netra.store.record.Stored;
import org.netra.store.report.SignedReports;

/**
 * A cycle's report as a draft (rendered on request, never stored) and as the versions physicists signed (stored
 * byte for byte, never changed): signing renders the draft with the signature block and stores that PDF with its
 * audit event in one transaction.
 */
public final class ReportSigning {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Store store;
    private final ZoneId zone;

    ReportSigning(Store store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** A signed version as the page and the API list it. */
    public record SignedVersion(
            int version, String signedBy, String role, Instant signedAt, String signedAtText, String reason) {
        static SignedVersion of(SignedReports.Signed s, ZoneId zone) {
            return new SignedVersion(
                    s.version(),
                    s.signer().name(),
                    s.signer().role(),
                    s.signer().at(),
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", java.util.Locale.ROOT)
                                    .format(s.signer().at().atZone(zone))
                            + " (" + org.netra.app.report.DosimetryReport.zoneName(zone) + ")",
                    s.reason());
        }
    }

    /** The draft report of the cycle, with its EANM checklist, its times in the department's zone. */
    DosimetryReport draft(String patientId, CycleDosimetryView view, Instant now) {
        var chart = PatientChart.load(store.records(), patientId);
        var record = chart.dosimetry().stream()
                .map(Stored::value)
                .filter(d -> d.dosimetry().cycle() == view.cycle())
                .reduce((a, b) -> b)
                .orElseThrow();
        String course = record.courseId();
        Optional<DispensingRecord> dispensing = store.records().forPatient(ClinicalKinds.DISPENSING, patientId).stream()
                .map(Stored::value)
                .filter(d -> d.courseId().equals(course) && d.cycle() == view.cycle())
                .reduce((a, b) -> b);
        Optional<AdministrationRecord> administration =
                store.records().forPatient(ClinicalKinds.ADMINISTRATION, patientId).stream()
                        .map(Stored::value)
                        .filter(a -> a.courseId().equals(course) && a.cycle() == view.cycle())
                        .reduce((a, b) -> b);
        return view.report(null, now)
                .withChecklist(
                        ReportChecklistValues.of(
                                view,
                                dispensing,
                                administration,
                                record.acquisition(),
                                ContinuationConfig.DEFAULTS.kidney()),
                        zone);
    }

    List<SignedVersion> versions(String patientId, int cycle) {
        return store.signedReports().versions(patientId, cycle).stream()
                .map(s -> SignedVersion.of(s, zone))
                .toList();
    }

    Optional<byte[]> signedPdf(String patientId, int cycle, int version) {
        return store.signedReports().pdf(patientId, cycle, version);
    }

    /**
     * Signs {@code version} of the draft: version 1, or the next amendment with its {@code reason}. A version
     * signed already is refused (409) naming who signed it; a malformed request is refused (400) naming the field.
     */
    SignedVersion sign(
            DosimetryReport draft, String patientId, int version, String reason, UserAccount signer, Instant at) {
        var signed = store.signedReports();
        List<SignedReports.Signed> before = signed.versions(patientId, draft.cycle());
        Optional<ReportSignature.Amendment> amends = Optional.empty();
        if (version > 1 && version == before.size() + 1) {
            if (reason == null || reason.isBlank()) {
                throw new InvalidInputException(Map.of(
                        "reason",
                        "say why version " + version + " replaces version " + (version - 1)
                                + " (e.g. kidney VOI redrawn)"));
            }
            amends = Optional.of(new ReportSignature.Amendment(
                    version - 1,
                    reason.strip(),
                    DosimetryReport.changes(figures(before.getLast().figures()), draft.figures())));
        }
        var signature =
                new ReportSignature(version, signer.fullName(), signer.role().title(), at, amends);
        byte[] pdf = DosimetryReportPdf.render(draft.signed(signature));
        try {
            var done = signed.sign(
                    patientId,
                    draft.cycle(),
                    version,
                    new SignedReports.Signer(
                            signer.username(), signer.fullName(), signer.role().title(), at),
                    reason,
                    JSON.writeValueAsString(draft.figures()),
                    pdf);
            return SignedVersion.of(done, zone);
        } catch (SignedReports.SigningRefusedException e) {
            if (e.conflict()) {
                throw Refused.conflict("version: " + e.getMessage());
            }
            String field = e.getMessage().startsWith("reason:") ? "reason" : "version";
            throw new InvalidInputException(Map.of(field, e.getMessage().replaceFirst("^reason: ", "")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report's figures are plain numbers", e);
        }
    }

    private static Map<String, Double> figures(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a signed report's figures are not JSON: " + json, e);
        }
    }
}

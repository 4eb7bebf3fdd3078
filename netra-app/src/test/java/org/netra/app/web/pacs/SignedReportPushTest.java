package org.netra.app.web.pacs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.app.web.dosimetry.DosimetryJobs;
import org.netra.imaging.dicom.DicomFile;
import org.netra.interop.dicom.EncapsulatedPdfExport;
import org.netra.interop.dicomweb.DicomWebClient;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Volume;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.testkit.TestData;

/**
 * The push from a cycle's dosimetry page: before a physicist signs, the report that goes to the PACS is said to be
 * unsigned; once signed, the PDF stored in Orthanc (fetched back by WADO-RS) is byte for byte the signed version
 * netra keeps. Only roles that run dosimetry may push; every push is an audited record saying which report went.
 */
class SignedReportPushTest {
    @Test
    void theCyclePagePushesTheLatestSignedReportAndSaysWhenItIsUnsigned() throws Exception {
        Path spect = TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image");
        var pacs = new DicomWebClient(DicomWebClient.Settings.of(PacsPullTest.ORTHANC));
        try {
            pacs.searchStudies(Map.of("PatientID", "none"));
        } catch (org.netra.interop.dicomweb.DicomWebException e) {
            TestData.unavailable("Orthanc at " + PacsPullTest.ORTHANC + " is not reachable: " + e.getMessage());
        }
        LocalDate asOf = LocalDate.of(2021, 9, 6);
        try (var server = TestServer.configured(c -> c.withPacsUrl(Optional.of(PacsPullTest.ORTHANC)))) {
            new SyntheticDemoCohort(2026, 12, asOf).load(server.store, "demo-loader");
            DosimetryRecord cycle = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                    .map(s -> s.value())
                    .filter(d -> d.dosimetry().cycle() == 1)
                    .findFirst()
                    .orElseThrow();
            String jobId = attachedJob(server, cycle, spect);
            String page = "/patients/" + cycle.patientId() + "/dosimetry/1";

            // a nurse sees no push and may not push
            var nurse = new WebClient(server.base);
            nurse.signIn("nurse", TestServer.password("nurse"));
            assertThat(nurse.get(page).body()).doesNotContain("id=\"push-cycle\"");
            assertThat(nurse.postFormFields(page + "/push", List.of()).statusCode())
                    .isEqualTo(403);

            var physicist = new WebClient(server.base);
            physicist.signIn("physicist", TestServer.password("physicist"));
            assertThat(physicist.get(page).body()).contains("id=\"push-cycle\"");
            var unsigned = physicist.postFormFields(page + "/push", List.of());
            assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(200);
            assertThat(unsigned.body())
                    .contains("id=\"push-ok\"")
                    .contains("unsigned report: no physicist has signed the cycle")
                    .contains("report, not signed (Encapsulated PDF)");

            var signed = physicist.postJson("/api" + page + "/report/sign", "{\"version\": 1}");
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
            var pushed = physicist.postFormFields(page + "/push", List.of());
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            assertThat(pushed.body())
                    .contains("id=\"push-ok\"")
                    .contains("signed report, version 1 (signed by ")
                    .contains("report v1, signed (Encapsulated PDF)");

            var records = server.store.records().list(PacsPush.PushRecord.KIND).stream()
                    .map(r -> r.value())
                    .filter(r -> r.jobId().equals(jobId))
                    .sorted(java.util.Comparator.comparing(PacsPush.PushRecord::sent))
                    .toList();
            assertThat(records).hasSize(2);
            assertThat(records.get(0).report()).startsWith("unsigned report");
            var last = records.get(1);
            assertThat(last.report()).startsWith("signed report, version 1");
            assertThat(server.store.audit().history(PacsPush.PushRecord.KIND.name(), last.id()))
                    .isNotEmpty();

            // what Orthanc holds is the signed PDF, byte for byte
            String pdfUid = last.instances().getLast().sopInstanceUid();
            byte[] inOrthanc = null;
            for (var series : pacs.searchSeries(Optional.of(last.studyInstanceUid()), Map.of("Modality", "DOC"))) {
                if (!pacs.searchInstances(last.studyInstanceUid(), series.seriesInstanceUid())
                        .contains(pdfUid)) {
                    continue;
                }
                for (byte[] b : pacs.retrieveSeries(last.studyInstanceUid(), series.seriesInstanceUid())) {
                    var ds = DicomFile.parse(b, "WADO-RS", DicomFile.Extent.ALL).dataset();
                    if (ds.string(org.netra.imaging.dicom.Tag.SOP_INSTANCE_UID)
                            .orElse("")
                            .equals(pdfUid)) {
                        inOrthanc = EncapsulatedPdfExport.pdf(ds);
                    }
                }
            }
            assertThat(inOrthanc)
                    .as("WADO-RS gives back the pushed report " + pdfUid)
                    .isNotNull();
            assertThat(inOrthanc)
                    .isEqualTo(server.store
                            .signedReports()
                            .pdf(cycle.patientId(), 1, 1)
                            .orElseThrow());
        }
    }

    /**
     * A finished job of the cycle's patient, attached to the cycle as the worker would leave it, with its exports'
     * reference series (the real SPECT's first time point) in the job folder; no RT Dose or RTSTRUCT, so only the
     * report goes.
     */
    private static String attachedJob(TestServer server, DosimetryRecord cycle, Path spect) throws Exception {
        String id = "t" + Long.toHexString(System.nanoTime());
        var d = cycle.dosimetry();
        var lesion = new DosimetryJobs.VoiDose(
                "lesion1",
                Volume.ofMl(12),
                List.of(Activity.ofMBq(10), Activity.ofMBq(4)),
                "mono-exponential",
                TimeIntegratedActivity.ofMBqHours(100),
                AbsorbedDose.ofGy(20),
                AbsorbedDose.ofGy(2),
                Optional.empty(),
                "fits best",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        var result = new DosimetryJobs.Result(
                cycle.patientId(),
                d.date().atTime(9, 30),
                d.administered(),
                new double[] {4, 96},
                List.of(lesion),
                "",
                Optional.of(List.of()),
                Optional.empty(),
                Optional.empty());
        server.store
                .records()
                .create(
                        DosimetryJobs.FinishedJob.KIND,
                        new DosimetryJobs.FinishedJob(
                                id,
                                "physicist",
                                "test.zip",
                                "voxel kernel",
                                Instant.now().minus(Duration.ofMinutes(5)),
                                Instant.now(),
                                result,
                                cycle.id()),
                        "physicist");
        Path folder =
                server.config.dataDir().resolve("jobs").resolve("physicist").resolve("job-" + id);
        Path series = Files.createDirectories(folder.resolve("series"));
        try (Stream<Path> files = Files.list(spect)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).toList()) {
                Files.copy(f, series.resolve(f.getFileName()));
            }
        }
        Path exports = Files.createDirectories(folder.resolve("netra-exports").resolve(id));
        Files.writeString(exports.resolve("reference"), "series");
        return id;
    }
}

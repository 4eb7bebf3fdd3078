package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.demo.SyntheticDemoCohort;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.imaging.dicom.DicomFile;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.testkit.ExternalTool;
import org.netra.testkit.TestData;

/**
 * Camera, reconstruction and corrections read from the real 177Lu SPECT's header equal what pydicom reads; kept with a
 * stored cycle, they are printed in its report (pdftotext) instead of "not recorded".
 */
class AcquisitionHeadersTest {
    @TempDir
    Path dir;

    static Path firstFile() throws Exception {
        try (Stream<Path> s = Files.list(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image"))) {
            return s.filter(p -> p.toString().endsWith(".dcm"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void theRealSpectsHeaderGivesWhatPydicomReads() throws Exception {
        Path file = firstFile();
        var protocol = AcquisitionHeaders.of(
                DicomFile.read(file, DicomFile.Extent.HEADER).dataset());
        ExternalTool.requirePython("python3-pydicom", "pydicom");
        var r = ExternalTool.run(List.of(ExternalTool.DEBIAN_PYTHON.toString(), "-c", """
                import sys, pydicom
                d = pydicom.dcmread(sys.argv[1], stop_before_pixels=True)
                for k in ['Manufacturer', 'ManufacturerModelName', 'CollimatorGridName', 'CollimatorType',
                          'ReconstructionMethod', 'SeriesDescription', 'AttenuationCorrectionMethod',
                          'ScatterCorrectionMethod']:
                    print(str(d.get(k, '')).strip())
                print(', '.join(d.CorrectedImage))
                """, file.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> p = r.out().lines().toList();
        assertThat(protocol.camera())
                .isEqualTo(p.get(0) + " " + p.get(1) + ", collimator " + p.get(2) + " (" + p.get(3) + ")");
        assertThat(protocol.reconstruction()).isEqualTo(p.get(4) + " (series '" + p.get(5) + "')");
        assertThat(protocol.corrections())
                .isEqualTo("attenuation: " + p.get(6) + "; scatter: " + p.get(7) + "; corrected image: " + p.get(8));
        assertThat(protocol.corrections()).contains("ATTN", "SCAT");
    }

    @Test
    void aStoredCyclesReportPrintsTheProtocolInsteadOfNotRecorded() throws Exception {
        ExternalTool.require("pdftotext", "poppler-utils");
        var protocol = AcquisitionHeaders.of(
                DicomFile.read(firstFile(), DicomFile.Extent.HEADER).dataset());
        ZoneId zone = ZoneId.of("Europe/Berlin");
        LocalDate asOf = LocalDate.of(2021, 9, 6);
        Clock clinic = Clock.fixed(asOf.atTime(9, 30).atZone(zone).toInstant(), zone);
        try (var server = TestServer.custom(null, b -> b.clock(clinic))) {
            new SyntheticDemoCohort(2026, 12, asOf).load(server.store, "demo-loader");
            var stored = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                    .filter(s -> s.value().dosimetry().cycle() == 1)
                    .findFirst()
                    .orElseThrow();
            var d = stored.value();
            var physicist = new WebClient(server.base);
            physicist.signIn("physicist", TestServer.password("physicist"));
            String pdf = "/patients/" + d.patientId() + "/dosimetry/1/report.pdf";
            assertThat(text(physicist, pdf)).containsPattern("Camera and collimator\\s+not recorded");

            server.store
                    .records()
                    .update(
                            ClinicalKinds.DOSIMETRY,
                            stored.version(),
                            new DosimetryRecord(
                                    d.id(),
                                    d.patientId(),
                                    d.courseId(),
                                    d.dosimetry(),
                                    d.tumours(),
                                    d.method(),
                                    Optional.of(protocol)),
                            "test");
            String text = text(physicist, pdf).replaceAll("\\s+", " ");
            assertThat(text)
                    .contains("SIEMENS NM Encore2")
                    .contains("OSCGMM")
                    .contains("CT-derived mu-map")
                    .contains("TEW")
                    .doesNotContainPattern("Camera and collimator not recorded")
                    .doesNotContainPattern("Reconstruction not recorded");
        }
    }

    private String text(WebClient c, String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(c.request(path).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        Path pdf = dir.resolve("report.pdf");
        Files.write(pdf, response.body());
        var r = ExternalTool.run(List.of("pdftotext", "-layout", pdf.toString(), "-"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out();
    }
}

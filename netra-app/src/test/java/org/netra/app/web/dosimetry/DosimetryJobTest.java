package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.testkit.TestData;

/** A dosimetry job from an uploaded zip of the real 177Lu SPECT (two time points, the RTSTRUCT's two lesions). */
public class DosimetryJobTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The real SPECT's two time points and its RTSTRUCT as an upload zip. */
    public static byte[] zip(Path root) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (String scan : new String[] {"SCAN_001", "SCAN_002"}) {
                try (Stream<Path> files = Files.list(root.resolve(scan).resolve("image"))) {
                    for (Path f : files.sorted().toList()) {
                        zip.putNextEntry(new ZipEntry(scan + "/" + f.getFileName()));
                        zip.write(Files.readAllBytes(f));
                    }
                }
            }
            try (Stream<Path> files = Files.list(root.resolve("SCAN_001").resolve("mask"))) {
                Path rt = files.findFirst().orElseThrow();
                zip.putNextEntry(new ZipEntry("voi/" + rt.getFileName()));
                zip.write(Files.readAllBytes(rt));
            }
        }
        return bytes.toByteArray();
    }

    static HttpRequest upload(WebClient c, String path, byte[] zip, String method) {
        return upload(c, path, zip, method, Map.of());
    }

    public static HttpRequest upload(WebClient c, String path, byte[] zip, String method, Map<String, String> fields) {
        String boundary = "netra" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        StringBuilder extra = new StringBuilder();
        fields.forEach((k, v) -> extra.append("\r\n--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(k)
                .append("\"\r\n\r\n")
                .append(v));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + c.csrf()
                        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"method\"\r\n\r\n" + method
                        + extra
                        + "\r\n--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"zip\"; filename=\"cycle.zip\"\r\n"
                        + "Content-Type: application/zip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(zip);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return c.request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    @Test
    void aPhysicistRunsACycleFromAZipAndWatchesItFinish() throws Exception {
        byte[] zip = zip(TestData.path("dicom/lu177-dotatate-spect"));
        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        physicist.get("/dosimetry/jobs");
        var uploaded = physicist.send(upload(physicist, "/dosimetry/jobs", zip, "local-deposition"));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
        String choose = uploaded.headers().firstValue("Location").orElseThrow();
        // the upload's time points and VOIs are listed, all ticked
        var chooser = physicist.get(choose);
        assertThat(chooser.body())
                .contains("value=\"SCAN_001\"")
                .contains("value=\"SCAN_002\"")
                .contains("id=\"upload-vois\"");
        assertThat(chooser.body()).contains("=tumour\" selected");
        List<String> rois = new java.util.ArrayList<>();
        var m = java.util.regex.Pattern.compile("name=\"voi\" value=\"([^\"]+)\"")
                .matcher(chooser.body());
        while (m.find()) {
            rois.add(m.group(1));
        }
        assertThat(rois).hasSize(2);
        // nobody else sees it; a VOI it does not have is refused with the ones it has
        var nurse = new WebClient(server.base);
        nurse.signIn("nurse", TestServer.password("nurse"));
        assertThat(nurse.get(choose).statusCode()).isEqualTo(403);
        var wrong = physicist.postFormFields(
                choose + "/start", List.of(Map.entry("timepoint", "SCAN_001"), Map.entry("voi", "Liver")));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("is not a VOI").contains(rois.getFirst());
        var started = physicist.postFormFields(
                choose + "/start",
                List.of(
                        Map.entry("timepoint", "SCAN_001"),
                        Map.entry("timepoint", "SCAN_002"),
                        Map.entry("voi", rois.get(0)),
                        Map.entry("voi", rois.get(1)),
                        // the page offers each VOI's role, chosen by its name; the physicist may change one
                        Map.entry("role", rois.get(1) + "=organ")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String page = started.headers().firstValue("Location").orElseThrow();
        String id = page.substring(page.lastIndexOf('/') + 1);
        assertThat(physicist.get(page).body()).contains("job-progress");

        var json = new ObjectMapper();
        String state = "";
        com.fasterxml.jackson.databind.JsonNode job = null;
        for (int i = 0; i < 600 && !(state.equals("DONE") || state.equals("FAILED")); i++) {
            Thread.sleep(1000);
            job = json.readTree(physicist.get("/api/dosimetry/jobs/" + id).body());
            state = job.get("state").asText();
        }
        assertThat(state).as(String.valueOf(job)).isEqualTo("DONE");
        var vois = job.get("result").get("vois");
        assertThat(vois.size()).isEqualTo(2);
        for (var v : vois) {
            assertThat(v.get("doseGy").asDouble()).isPositive();
            assertThat(v.get("doseSdGy").asDouble()).isPositive();
        }
        // the tumour's BED with the tumour's α/β; the VOI made an organ on the page has none (no sourced α/β)
        assertThat(vois.get(0).get("bedGy").asDouble())
                .isGreaterThanOrEqualTo(vois.get(0).get("doseGy").asDouble());
        assertThat(vois.get(0).get("assignedRole").asText()).isEqualTo("TUMOUR");
        assertThat(vois.get(1).get("bedGy").isNull()).isTrue();
        assertThat(vois.get(1).get("assignedRole").asText()).isEqualTo("ORGAN");
        curvesAreTheIntegratedModelAndDvhsMatchD50(job.get("result"));
        theCommandLineGivesTheSameJson(physicist, id, job.get("result"));
        // the result is in the store, audit-trailed under the physicist
        var stored = server.store.records().get(DosimetryJobs.FinishedJob.KIND, id);
        assertThat(stored.updatedBy()).isEqualTo("physicist");
        assertThat(stored.value().result().vois()).hasSize(2);
        var progress = physicist.get("/dosimetry/jobs/" + id + "/progress");
        assertThat(progress.statusCode()).as("htmx stops polling").isEqualTo(286);
        assertThat(progress.body())
                .contains("job-result")
                .contains("±")
                .contains("job-tac")
                .contains("job-dvh")
                // the warnings the result carries are on the page, next to the doses
                .contains("id=\"job-warnings\"")
                .contains("data-code=\"still-rising\"");
        // the page embeds the same curves for the chart script: measured points and the curve per VOI
        var tac = json.readTree(chartSpec(progress.body(), "job-tac"));
        assertThat(tac.get("datasets")).hasSize(4);
        assertThat(tac.get("datasets").get(1).get("points"))
                .hasSize(vois.get(0).get("curve").get("hours").size());
        assertThat(json.readTree(chartSpec(progress.body(), "job-dvh")).get("datasets"))
                .hasSize(2);
        var pdf = physicist.getBytes("/dosimetry/jobs/" + id + "/report.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Path out = Path.of("target", "reports", "dosimetry-job-real-spect.pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, pdf.body());
        Files.writeString(out.resolveSibling("dosimetry-job-real-spect.html"), progress.body());
        // the job's own report fills the checklist items its result holds
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text =
                    new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text)
                    .contains("Imaging time points "
                            + String.format(
                                    java.util.Locale.ROOT,
                                    "%.1f",
                                    stored.value().result().hours()[0]))
                    .contains("Software netra ")
                    .contains("DRAFT – not approved or signed");
        }
    }

    /**
     * The web's job and {@code netra dosimetry --json} on the same inputs (the upload's unpacked folders and
     * RTSTRUCT, the same method, everything else default) print the same JSON, character for character: one
     * pipeline, one JSON writer.
     */
    static void theCommandLineGivesTheSameJson(
            WebClient physicist, String id, com.fasterxml.jackson.databind.JsonNode result) throws Exception {
        var served = physicist.get("/api/dosimetry/jobs/" + id + "/result");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        var web = new ObjectMapper().readTree(served.body());
        assertThat(served.body()).isEqualTo(result.get("json").asText());
        List<String> args = new java.util.ArrayList<>(List.of("dosimetry"));
        Path root = null;
        for (var t : web.get("timePoints")) {
            args.add("--timepoint");
            args.add(t.get("source").asText());
            root = Path.of(t.get("source").asText()).getParent();
        }
        Path rtstruct;
        try (var files = Files.list(root.resolve("voi"))) {
            rtstruct = files.findFirst().orElseThrow();
        }
        args.addAll(List.of(
                "--rtstruct",
                rtstruct.toString(),
                "--method",
                "local-deposition",
                "--role",
                web.at("/rois/1/name").asText() + "=organ",
                "--json"));
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        var cli = org.netra.app.cli.Main.commandLine();
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo(served.body().strip());
        assertThat(web.get("recovery").asText()).startsWith("GTM");
        assertThat(web.at("/rois/0/role").asText()).isEqualTo("tumour");
        // overridden on the page: an organ, so no tumour BED for it
        assertThat(web.at("/rois/1/role").asText()).isEqualTo("organ");
        assertThat(web.at("/rois/1/bedGy").isNull()).isTrue();
        assertThat(web.get("warnings").toString()).contains("still-rising").contains("mostly-extrapolated");
    }

    /** Lu-177 half-life, ICRP 107: 6.647 d. */
    static final double LU177_HALF_LIFE_H = 6.647 * 24;

    /**
     * The served curve is the one the TIA integrates, evaluated here independently: trapezoids from
     * (0, 0) through the measured points, then A(t_last)·exp(−λ(t − t_last)); and the served cumulative
     * DVH crosses 50 % of the volume within one of its dose bins of the pipeline's D50.
     */
    static void curvesAreTheIntegratedModelAndDvhsMatchD50(com.fasterxml.jackson.databind.JsonNode result) {
        double[] hours = doubles(result.get("hours"));
        double last = hours[hours.length - 1];
        double lambda = Math.log(2) / LU177_HALF_LIFE_H;
        for (var v : result.get("vois")) {
            String model = v.get("model").asText();
            double[] measured = doubles(v.get("activityMBq"));
            double[] t = doubles(v.get("curve").get("hours"));
            double[] a = doubles(v.get("curve").get("mBq"));
            assertThat(t).as("curve samples").hasSizeGreaterThan(40).contains(hours);
            assertThat(t[t.length - 1]).as("the tail is drawn").isGreaterThan(last + LU177_HALF_LIFE_H);
            double atLast = a[java.util.Arrays.binarySearch(t, last)];
            assertThat(model).as("the real patient's two points").contains("physical decay after");
            for (int i = 0; i < t.length; i++) {
                double expected;
                if (t[i] > last) {
                    expected = atLast * Math.exp(-lambda * (t[i] - last));
                } else if (model.startsWith("trapezoid")) {
                    int k = 0;
                    while (hours[k] < t[i]) {
                        k++;
                    }
                    double h0 = k == 0 ? 0 : hours[k - 1];
                    double a0 = k == 0 ? 0 : measured[k - 1];
                    expected = t[i] == hours[k] ? measured[k] : a0 + (measured[k] - a0) * (t[i] - h0) / (hours[k] - h0);
                } else {
                    continue; // a fitted model before the last point: its parameters are not served
                }
                assertThat(a[i])
                        .as(v.get("name").asText() + " at " + t[i] + " h")
                        .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.01));
            }
            double[] gy = doubles(v.get("dvh").get("gy"));
            double[] fraction = doubles(v.get("dvh").get("fraction"));
            double d50 = v.get("d50Gy").asDouble();
            double bin = gy[1] - gy[0];
            assertThat(fraction[0]).isEqualTo(1.0);
            for (int i = 0; i < gy.length; i++) {
                if (i > 0) {
                    assertThat(fraction[i]).as("cumulative DVH falls").isLessThanOrEqualTo(fraction[i - 1]);
                }
                if (gy[i] < d50 - bin) {
                    assertThat(fraction[i]).as("above 50 % below D50 " + d50).isGreaterThanOrEqualTo(0.5);
                } else if (gy[i] > d50 + bin) {
                    assertThat(fraction[i]).as("below 50 % above D50 " + d50).isLessThanOrEqualTo(0.5);
                }
            }
        }
    }

    /** The data-chart attribute of the canvas {@code id}, unescaped. */
    private static String chartSpec(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        int from = html.indexOf("data-chart=\"", at) + "data-chart=\"".length();
        return html.substring(from, html.indexOf('"', from))
                .replace("&#34;", "\"")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static double[] doubles(com.fasterxml.jackson.databind.JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    @Test
    void theApiRunsTheChosenTimePointAndVoiOnly() throws Exception {
        byte[] zip = zip(TestData.path("dicom/lu177-dotatate-spect"));
        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        physicist.get("/dosimetry/jobs");
        var rt = org.netra.imaging.io.RtStruct.read(Files.list(TestData.path("dicom/lu177-dotatate-spect")
                        .resolve("SCAN_001")
                        .resolve("mask"))
                .findFirst()
                .orElseThrow());
        String voi = rt.rois().getFirst().name();
        var res = physicist.send(upload(
                physicist,
                "/api/dosimetry/jobs",
                zip,
                "local-deposition",
                Map.of("timepoints", "SCAN_002", "vois", voi)));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        var json = new ObjectMapper();
        String id = json.readTree(res.body()).get("id").asText();
        assertThat(server.app.jobs().awaitIdle(java.time.Duration.ofMinutes(5))).isTrue();
        var job = json.readTree(physicist.get("/api/dosimetry/jobs/" + id).body());
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("result").get("hours")).hasSize(1);
        assertThat(job.get("result").get("vois"))
                .singleElement()
                .satisfies(v -> assertThat(v.get("name").asText()).isEqualTo(voi));
        var bad = physicist.send(
                upload(physicist, "/api/dosimetry/jobs", zip, "local-deposition", Map.of("timepoints", "SCAN_009")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("is not a time point").contains("SCAN_001");
    }

    @Test
    void badUploadsAreRefusedAndOnlyPhysicistsRunJobs() throws Exception {
        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        physicist.get("/dosimetry/jobs");
        var notZip = physicist.send(upload(physicist, "/dosimetry/jobs", "hello".getBytes(), "local-deposition"));
        assertThat(notZip.statusCode()).isEqualTo(400);
        assertThat(notZip.body()).contains("not a zip");
        var bytes = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("../escape.dcm"));
            z.write(1);
        }
        var slip = physicist.send(upload(physicist, "/dosimetry/jobs", bytes.toByteArray(), "local-deposition"));
        assertThat(slip.statusCode()).isEqualTo(400);
        assertThat(slip.body()).contains("points outside its folder");

        var nurse = new WebClient(server.base);
        nurse.signIn("nurse", TestServer.password("nurse"));
        nurse.get("/");
        assertThat(nurse.send(upload(nurse, "/dosimetry/jobs", bytes.toByteArray(), "local-deposition"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(URI.create(server.base).getHost()).isEqualTo("127.0.0.1");
    }
}

package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.app.web.therapy.TherapyFixture;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CycleCurves;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.RegionCurves;
import org.netra.testkit.TestData;

/**
 * One scan of the real 177Lu SPECT (SCAN_001, 3.7 h) as a web job with the single-scan method chosen on the page, and
 * with a patient whose two earlier cycles are stored: the job's JSON names the method ("population, individualised on
 * cycles 1–2"), its interval, and equals what {@code netra dosimetry --json} prints for the same scan, method and
 * patient read from the same database.
 */
class SingleScanJobTest {
    static final String PATIENT = "P-STP";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.custom(null, b -> b);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Cycles 1 and 2 of the patient's course, each VOI measured at 24, 96 and 168 h clearing with T_eff 60 h. */
    static void storeEarlierCycles(List<String> vois) {
        var course = TherapyFixture.register(server.store, PATIENT, "Single Scan", LocalDateTime.of(2024, 1, 8, 9, 0));
        double[] hours = {24, 96, 168};
        for (int c = 1; c <= 2; c++) {
            double teff = c == 1 ? 58 : 62;
            List<RegionCurves> regions = new ArrayList<>();
            for (String v : vois) {
                double[] mbq = new double[hours.length];
                for (int k = 0; k < hours.length; k++) {
                    mbq[k] = 300 * Math.exp(-Math.log(2) / teff * hours[k]);
                }
                regions.add(new RegionCurves(v, "mono-exponential", "", RegionCurves.points(hours, mbq), List.of()));
            }
            var d = new DosimetryRecord(
                    ClinicalKinds.key(PATIENT, "prrt-1", "cycle-" + c),
                    PATIENT,
                    course.id(),
                    new CycleDosimetry(
                            c,
                            LocalDate.of(2024, 1, 8).plusWeeks(8L * (c - 1)),
                            Activity.ofGBq(7.4),
                            AbsorbedDose.ofGy(3.0),
                            Times.ofHours(teff),
                            Optional.empty(),
                            AbsorbedDose.ofGy(0.1)),
                    List.of(),
                    "SPECT/CT 24/96/168 h");
            server.store.records().create(ClinicalKinds.DOSIMETRY, d, "test-setup");
            server.store
                    .records()
                    .create(ClinicalKinds.CYCLE_CURVES, new CycleCurves(d.id(), PATIENT, regions), "test-setup");
        }
    }

    @Test
    void theMethodChosenOnThePageIsTheCommandLinesAndNamesItsBasis() throws Exception {
        byte[] zip = DosimetryJobTest.zip(TestData.path("dicom/lu177-dotatate-spect"));
        var physicist = new WebClient(server.base);
        physicist.signIn("physicist", TestServer.password("physicist"));
        physicist.get("/dosimetry/jobs");
        String choose = physicist
                .send(DosimetryJobTest.upload(physicist, "/dosimetry/jobs", zip, "local-deposition"))
                .headers()
                .firstValue("Location")
                .orElseThrow();
        var chooser = physicist.get(choose);
        // the page offers the single-scan method, population first and chosen
        assertThat(chooser.body())
                .contains("name=\"stp\"")
                .contains("<option value=\"population\" selected>")
                .contains("value=\"hanscheid\"")
                .contains("value=\"madsen\"")
                .contains("name=\"patientId\"")
                .contains("name=\"cycle\"");
        List<String> rois = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("name=\"voi\" value=\"([^\"]+)\"")
                .matcher(chooser.body());
        while (m.find()) {
            rois.add(m.group(1));
        }
        storeEarlierCycles(rois);
        // a method that does not exist, and a cycle without its patient, are refused naming the field
        var bad = physicist.postFormFields(choose + "/start", form(rois, "guess", "", ""));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("stp: the single-scan method must be population, hanscheid or madsen");
        var half = physicist.postFormFields(choose + "/start", form(rois, "population", "", "3"));
        assertThat(half.statusCode()).isEqualTo(400);
        assertThat(half.body()).contains("patientId: give the patient");

        var started = physicist.postFormFields(choose + "/start", form(rois, "population", PATIENT, "3"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String page = started.headers().firstValue("Location").orElseThrow();
        String id = page.substring(page.lastIndexOf('/') + 1);
        assertThat(server.app.jobs().awaitIdle(java.time.Duration.ofMinutes(5))).isTrue();
        var served = physicist.get("/api/dosimetry/jobs/" + id + "/result");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        JsonNode web = new ObjectMapper().readTree(served.body());
        for (JsonNode roi : web.get("rois")) {
            assertThat(roi.at("/singlePoint/method").asText()).isEqualTo("population");
            assertThat(roi.at("/singlePoint/basis").asText()).isEqualTo("population, individualised on cycles 1–2");
            assertThat(roi.at("/singlePoint/lower90MBqH").asDouble())
                    .isLessThan(roi.get("timeIntegratedActivityMBqH").asDouble());
            assertThat(roi.at("/singlePoint/upper90MBqH").asDouble())
                    .isGreaterThan(roi.get("timeIntegratedActivityMBqH").asDouble());
            // the patient's own T_eff (about 60 h) replaced the tumour prior's 80 h
            assertThat(roi.get("fitWhy").asText()).contains("individualised on the patient's cycles 1–2");
        }
        // the job's page says it next to the number
        var progress = physicist.get("/dosimetry/jobs/" + id + "/progress");
        assertThat(progress.body())
                .contains("population, individualised on cycles 1–2")
                .contains("TIA 90 % credible interval");
        Files.createDirectories(Path.of("target", "reports"));
        Files.writeString(Path.of("target", "reports", "single-scan-job.html"), progress.body());

        // the command line on the same scan, VOIs, method and patient, reading the same database
        String cli = cli(web, "population", "--patient", PATIENT, "--cycle", "3");
        assertThat(cli.strip()).isEqualTo(served.body().strip());
        // without the patient the CLI's number is the population prior's, and differs
        String prior = cli(web, "population", "--db-url", server.store.config().url());
        JsonNode priorJson = new ObjectMapper().readTree(prior);
        assertThat(priorJson.at("/rois/0/singlePoint/basis").asText()).isEqualTo("population prior");
        assertThat(priorJson.at("/rois/0/timeIntegratedActivityMBqH").asDouble())
                .isNotEqualTo(web.at("/rois/0/timeIntegratedActivityMBqH").asDouble());

        // Madsen chosen on the page: the same number as --stp madsen
        String again = physicist
                .send(DosimetryJobTest.upload(physicist, "/dosimetry/jobs", zip, "local-deposition"))
                .headers()
                .firstValue("Location")
                .orElseThrow();
        var madsen = physicist.postFormFields(again + "/start", form(rois, "madsen", "", ""));
        assertThat(madsen.statusCode()).as(madsen.body()).isEqualTo(303);
        String madsenPage = madsen.headers().firstValue("Location").orElseThrow();
        String madsenId = madsenPage.substring(madsenPage.lastIndexOf('/') + 1);
        assertThat(server.app.jobs().awaitIdle(java.time.Duration.ofMinutes(5))).isTrue();
        var madsenServed = physicist.get("/api/dosimetry/jobs/" + madsenId + "/result");
        JsonNode madsenWeb = new ObjectMapper().readTree(madsenServed.body());
        assertThat(madsenWeb.at("/rois/0/singlePoint/method").asText()).isEqualTo("madsen");
        assertThat(cli(madsenWeb, "madsen", "--db-url", server.store.config().url())
                        .strip())
                .isEqualTo(madsenServed.body().strip());
    }

    private static List<Map.Entry<String, String>> form(List<String> rois, String stp, String patient, String cycle) {
        List<Map.Entry<String, String>> f = new ArrayList<>();
        f.add(Map.entry("timepoint", "SCAN_001"));
        rois.forEach(r -> f.add(Map.entry("voi", r)));
        f.add(Map.entry("stp", stp));
        f.add(Map.entry("patientId", patient));
        f.add(Map.entry("cycle", cycle));
        return f;
    }

    /** {@code netra dosimetry --json} on the job's scan and VOI file with {@code --stp stp} and {@code extra}. */
    private static String cli(JsonNode web, String stp, String... extra) throws Exception {
        Path scan = Path.of(web.at("/timePoints/0/source").asText());
        Path rtstruct;
        try (var files = Files.list(scan.getParent().resolve("voi"))) {
            rtstruct = files.findFirst().orElseThrow();
        }
        List<String> args = new ArrayList<>(List.of(
                "dosimetry",
                "--timepoint",
                scan.toString(),
                "--rtstruct",
                rtstruct.toString(),
                "--method",
                "local-deposition",
                "--stp",
                stp,
                "--json"));
        args.addAll(List.of(extra));
        if (!List.of(extra).contains("--db-url")) {
            args.addAll(List.of("--db-url", server.store.config().url()));
        }
        args.addAll(List.of("--db-user", server.store.config().user()));
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        var cli = org.netra.app.cli.Main.commandLine();
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
        return out.toString();
    }
}

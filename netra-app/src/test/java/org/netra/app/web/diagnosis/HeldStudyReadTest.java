package org.netra.app.web.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.LesionUptake;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.StudyRecord;
import org.netra.testkit.TestData;

/**
 * SRS and PET/CT reads measured in the real studies netra holds (the viewer's folder of reference data), over a
 * real server and database: the suggested Krenning grade (here: why there is none — the 177Lu SPECT's RTSTRUCT
 * has two liver lesions and no liver or spleen VOI) and the FDG PET's body-weight SUVs, each stored with the read
 * naming the series UID.
 */
class HeldStudyReadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SPECT = "lu177-dotatate-spect-scan_002";
    static final String PET = "fdg-pet-sts001-pet-bqml";

    /**
     * roi_reference.py (pydicom + NumPy, netra-imaging's test resources) on the FDG PET and its RTSTRUCT: GTV_Mass
     * mean and max in Bq/mL, and the whole image's maximum (pixel_array × slope + intercept over every slice). The
     * header's SUVbw factor by hand (QuantificationTest): 71 kg / (3.88777472E8 Bq × 2^(−2711 s / 6588 s)).
     */
    static final double GTV_MASS_MEAN = 10519.362721301472;

    static final double GTV_MASS_MAX = 32567.219601;
    static final double IMAGE_MAX = 273860.36027;
    static final double SUV_PER_BQ_ML = 71000 / (3.88777472e8 * Math.pow(2, -(45 * 60 + 11) / 6588.0));

    private static TestServer server;
    private static WebClient physician;
    private static String pid;

    @BeforeAll
    static void start() throws Exception {
        var studies = FolderStudies.scan(TestData.path("dicom"));
        server = TestServer.custom(null, b -> b.studies(studies));
        physician = new WebClient(server.base);
        physician.signIn("physician", TestServer.password("physician"));
        physician.get("/");
        var created = physician.postJson("/api/patients", """
                {"name": "Avery, Test", "birthDate": "1954-02-01", "sex": "male", "mrn": "MRN-HELD-1",
                 "heightCm": 163, "weightKg": 71, "site": "small_intestine", "grade": "g2", "ki67": 6,
                 "ki67Date": "2018-09-20", "ecog": 0, "ecogDate": "2018-09-20", "pregnancy": "not_recorded"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        pid = JSON.readTree(created.body()).get("id").asText();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anSrsReadInTheRealSpectSaysWhyNoGradeIsSuggestedAndKeepsTheReadersGrade() throws Exception {
        var r = physician.postJson("/api/patients/" + pid + "/studies/srs", """
                {"injection": "2018-11-15T09:22", "at4h": true, "at24h": true, "study": "%s",
                 "lesion1Organ": "liver right lobe", "lesion1Voi": "lesion1 liver R lobe", "lesion1Krenning": 4}""".formatted(SPECT));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode view = JSON.readTree(r.body());
        assertThat(view.get("lesions").get(0).get("krenning").asText()).startsWith("4");
        assertThat(view.get("measured").get(0).asText())
                .contains("cannot suggest a grade")
                .contains("no liver and no spleen VOI")
                .contains(seriesUid("dicom/lu177-dotatate-spect/SCAN_002"));
        StudyRecord stored = server.store
                .records()
                .get(
                        ClinicalKinds.STUDY,
                        ClinicalKinds.key(pid, view.get("study").asText()))
                .value();
        assertThat(stored.study().lesions().getFirst().krenning()).hasValue(KrenningScore.ABOVE_SPLEEN_KIDNEYS);
        var m = (LesionUptake.KrenningNotSuggested) stored.measured().getFirst();
        assertThat(m.lesionId()).isEqualTo("L1");
        assertThat(m.voi()).isEqualTo("lesion1 liver R lobe");
        assertThat(m.seriesInstanceUid()).isEqualTo(seriesUid("dicom/lu177-dotatate-spect/SCAN_002"));
        // the audit trail holds the create with what was measured
        assertThat(server.store.audit().since(0).stream()
                        .filter(e -> e.kind().equals(ClinicalKinds.STUDY.name())
                                && e.recordId().equals(stored.id()))
                        .map(e -> String.valueOf(e.after())))
                .anySatisfy(after -> assertThat(after).contains("krenning_not_suggested"));
    }

    @Test
    void theSrsFormMeasuredByGetShowsTheStudysVoisAndTheMessageBesideTheGrade() {
        var page = physician.get("/patients/" + pid + "/studies/srs/new?measure=1&study=" + SPECT
                + "&injection=2018-11-15T09:22&at24h=on");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("value=\"lesion1 liver R lobe\"")
                .contains("value=\"lesion2 liver L lateral\"")
                .contains("cannot suggest a grade: the study has no liver and no spleen VOI");
        // the session token does not stay in a URL
        var withToken = physician.get("/patients/" + pid + "/studies/srs/new?measure=1&_csrf=x&study=" + SPECT);
        assertThat(withToken.statusCode()).isEqualTo(303);
        assertThat(withToken.headers().firstValue("Location").orElseThrow())
                .doesNotContain("_csrf")
                .contains("study=" + SPECT);
    }

    @Test
    void aVoiTheStudyDoesNotHaveAndAStudyNetraDoesNotHoldAreRefusedByField() throws Exception {
        var r = physician.postJson("/api/patients/" + pid + "/studies/srs", """
                {"injection": "2018-11-15T09:22", "at4h": true, "study": "%s",
                 "lesion1Organ": "liver", "lesion1Voi": "Liver", "lesion1Krenning": 3}""".formatted(SPECT));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("fields").get("lesion1Voi").asText())
                .contains("no VOI named 'Liver'")
                .contains("lesion2 liver L lateral");
        var unknown = physician.postJson("/api/patients/" + pid + "/studies/pet", """
                {"tracer": "f18_fdg", "injection": "2018-11-15T09:22", "study": "elsewhere",
                 "lesion1Organ": "thigh"}""");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("fields").get("study").asText())
                .contains("netra holds no study 'elsewhere'");
    }

    @Test
    void aPetReadTakesSuvsFromTheRealFdgPetAgainstPydicom() throws Exception {
        var r = physician.postJson("/api/patients/" + pid + "/studies/pet", """
                {"tracer": "f18_fdg", "injection": "2018-11-15T09:22", "uptakeMinutes": 45, "study": "%s",
                 "lesion1Organ": "thigh mass", "lesion1Voi": "GTV_Mass",
                 "lesion2Organ": "thigh oedema", "lesion2Voi": "GTV_Edema", "lesion2SuvMax": 7.5}""".formatted(PET));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode view = JSON.readTree(r.body());
        StudyRecord stored = server.store
                .records()
                .get(
                        ClinicalKinds.STUDY,
                        ClinicalKinds.key(pid, view.get("study").asText()))
                .value();
        String uid = seriesUid("dicom/fdg-pet-sts001/pet-bqml");
        // lesion 1: netra filled SUVmax; lesion 2: the reader's 7.5 is what the lesion records
        assertThat(stored.study().lesions().get(0).suvMax().orElseThrow())
                .isCloseTo(GTV_MASS_MAX * SUV_PER_BQ_ML, within(1e-5 * GTV_MASS_MAX * SUV_PER_BQ_ML));
        assertThat(stored.study().lesions().get(1).suvMax()).hasValue(7.5);
        var mass = (LesionUptake.SuvRead) stored.measured().get(0);
        assertThat(mass.lesionId()).isEqualTo("L1");
        assertThat(mass.seriesInstanceUid()).isEqualTo(uid);
        assertThat(mass.suvMean().orElseThrow())
                .isCloseTo(GTV_MASS_MEAN * SUV_PER_BQ_ML, within(0.005 * GTV_MASS_MEAN * SUV_PER_BQ_ML));
        var whole = (LesionUptake.SuvRead) stored.measured().getLast();
        assertThat(whole.lesionId()).isEqualTo(StudyRecord.WHOLE_BODY);
        assertThat(whole.suvMax()).isCloseTo(IMAGE_MAX * SUV_PER_BQ_ML, within(1e-5 * IMAGE_MAX * SUV_PER_BQ_ML));
        assertThat(whole.suvMean()).isEmpty();
        assertThat(view.get("measured").toString()).contains("SUVbw max").contains(uid);

        // the form measured by GET fills SUVmax of the empty row
        var page = physician.get("/patients/" + pid + "/studies/pet/new?measure=1&tracer=f18_fdg&study="
                + URLEncoder.encode(PET, StandardCharsets.UTF_8) + "&lesion1Organ=mass&lesion1Voi=GTV_Mass");
        assertThat(page.body())
                .contains(org.netra.app.web.input.FormPage.number(GTV_MASS_MAX * SUV_PER_BQ_ML))
                .contains("SUVbw max");
    }

    private static String seriesUid(String folder) throws Exception {
        try (Stream<Path> files = Files.list(TestData.path(folder).resolve("image"))) {
            return DicomFile.read(files.sorted().findFirst().orElseThrow(), DicomFile.Extent.HEADER)
                    .dataset()
                    .string(Tag.SERIES_INSTANCE_UID)
                    .orElseThrow();
        }
    }
}

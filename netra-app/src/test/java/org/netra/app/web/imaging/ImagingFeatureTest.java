package org.netra.app.web.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.testkit.TestData;

/** The viewer over HTTP on the real reference studies: pages, PNGs, errors and who may see them. */
class ImagingFeatureTest {
    private static TestServer server;
    private static final String SPECT = "lu177-dotatate-spect-scan_002";
    private static final String PETCT = "fdg-pet-sts001-pet-bqml";

    @BeforeAll
    static void start() {
        var studies = FolderStudies.scan(TestData.path("dicom"));
        server = TestServer.custom(null, b -> b.studies(studies));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WebClient signedIn(String user) {
        var c = new WebClient(server.base);
        c.signIn(user, TestServer.password(user));
        return c;
    }

    @Test
    void aNurseSeesTheStudiesAndTheirImages() throws IOException {
        var nurse = signedIn("nurse");
        var list = nurse.get("/imaging");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("/imaging/" + SPECT).contains("/imaging/" + PETCT);

        var page = nurse.get("/imaging/" + SPECT);
        assertThat(page.statusCode()).isEqualTo(200);
        // 199 axial slices, the two liver lesions of the RTSTRUCT, and the 28 h scan's illustrative dose map
        assertThat(page.body()).contains("max=\"198\"").contains("dose map").contains("Hänscheid");
        // a study with a dose map offers isodose levels; one without does not
        assertThat(page.body()).contains("id=\"isodose-levels\"").contains("value=\"2,5,10\"");
        assertThat(nurse.get("/imaging/" + PETCT).body()).doesNotContain("id=\"isodose-levels\"");

        var png = nurse.getBytes("/imaging/" + SPECT + "/render?plane=coronal&mip=true&voi=1&dose=1&size=300");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        var image = ImageIO.read(new ByteArrayInputStream(png.body()));
        // 256 × 199 voxels of 1.953 mm: the long side is 300 px, the aspect kept
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo((int) Math.round(300 * 199 / 256.0));

        var fused = nurse.getBytes("/imaging/" + PETCT + "/render?plane=axial&slice=40&fusion=1");
        assertThat(fused.statusCode()).isEqualTo(200);
        assertThat(nurse.get("/api/imaging/" + PETCT).body()).contains("\"ct\":true");
    }

    @Test
    void badRequestsAreNamedAndUnknownStudiesAreNotFound() {
        var nurse = signedIn("nurse");
        var plane = nurse.get("/imaging/" + SPECT + "/render?plane=oblique");
        assertThat(plane.statusCode()).isEqualTo(400);
        assertThat(plane.body()).contains("use axial, coronal or sagittal");
        var slice = nurse.get("/imaging/" + SPECT + "/render?plane=axial&slice=500");
        assertThat(slice.statusCode()).isEqualTo(400);
        assertThat(slice.body()).contains("slices 0..198");
        assertThat(nurse.get("/imaging/no-such-study").statusCode()).isEqualTo(404);
        for (String bad : List.of("size=-1", "size=99999", "size=abc", "slice=-1", "slice=1e9", "plane=up")) {
            var r = nurse.get("/imaging/" + SPECT + "/render?" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(nurse.get("/imaging/" + SPECT + "/render?size=-1").body()).contains("image size must be 64–2048");
        var isodoseText = nurse.get("/imaging/" + SPECT + "/render?plane=axial&slice=100&isodose=2,abc");
        assertThat(isodoseText.statusCode()).isEqualTo(400);
        assertThat(isodoseText.body()).contains("isodose").contains("'abc'");
        assertThat(nurse.get("/imaging/" + SPECT + "/render?plane=axial&slice=100&isodose=0")
                        .body())
                .contains("above 0 Gy");
        assertThat(nurse.get("/imaging/" + PETCT + "/render?plane=axial&slice=40&fusion=1&isodose=2")
                        .body())
                .contains("no dose map");
    }

    @Test
    void isodoseLinesAreDrawnOnTheDoseMapsSlice() throws IOException {
        var nurse = signedIn("nurse");
        var plain = nurse.getBytes("/imaging/" + SPECT + "/render?plane=axial&slice=100&size=512");
        var lines = nurse.getBytes("/imaging/" + SPECT + "/render?plane=axial&slice=100&size=512&isodose=0.5,1");
        assertThat(lines.statusCode()).isEqualTo(200);
        var image = ImageIO.read(new ByteArrayInputStream(lines.body()));
        java.nio.file.Path png = java.nio.file.Path.of("target", "screenshots", "viewer-isodose-web.png");
        java.nio.file.Files.createDirectories(png.getParent());
        java.nio.file.Files.write(png, lines.body());
        assertThat(lines.body()).isNotEqualTo(plain.body());
        int blue = org.netra.app.viewer.SceneRenderer.ISODOSE_COLOURS[0].getRGB() & 0xffffff;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == blue ? 1 : 0;
            }
        }
        assertThat(n).as("pixels of the 0.5 Gy line and its legend").isGreaterThan(30);
    }

    @Test
    void noImageWithoutSignInOrWithoutPermission() {
        var anonymous = new WebClient(server.base);
        assertThat(anonymous
                        .getBytes("/imaging/" + SPECT + "/render?plane=axial")
                        .statusCode())
                .isEqualTo(303);
        assertThat(signedIn("admin")
                        .getBytes("/imaging/" + SPECT + "/render?plane=axial")
                        .statusCode())
                .isEqualTo(403);
    }
}

package org.netra.app.web.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.viewer.Scene;
import org.netra.app.viewer.Studies;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;

/**
 * The study list over as many studies as the demo holds (435 there; 120 here): paged, filtered by text in the
 * title or id, the filter kept across pages; a page that is not a number is a 400 naming the field.
 */
class StudyListPagingTest {
    private static final int STUDIES = 120;
    private static TestServer server;
    private static WebClient physician;

    @BeforeAll
    static void start() {
        // only the list matters here: the viewer's scenes are tested elsewhere
        List<Studies.Study> listed = IntStream.rangeClosed(1, STUDIES)
                .mapToObj(i -> new Studies.Study(
                        String.format("twin-p%03d-24h", i),
                        String.format("Patient %03d · cycle 1 · SPECT/CT 24 h", i),
                        true,
                        true,
                        false))
                .toList();
        Studies studies = new Studies() {
            @Override
            public List<Study> list() {
                return listed;
            }

            @Override
            public Optional<Scene> scene(String id) {
                return Optional.empty();
            }
        };
        server = TestServer.custom(null, b -> b.studies(studies));
        physician = new WebClient(server.base);
        assertThat(physician
                        .signIn("physician", TestServer.password("physician"))
                        .statusCode())
                .isLessThan(400);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> titles(String html) {
        var m = Pattern.compile("<a href=\"/imaging/twin-p\\d{3}-24h\">([^<]*)</a>")
                .matcher(html);
        var out = new java.util.ArrayList<String>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theListIsPagedAndFilteredAndTheFilterKeptAcrossPages() {
        String first = physician.get("/imaging").body();
        assertThat(titles(first))
                .hasSize(ImagingFeature.STUDIES_PER_PAGE)
                .first()
                .asString()
                .startsWith("Patient 001");
        assertThat(first)
                .contains("id=\"study-count\">120 of 120 studies, page 1 of 3")
                .contains("id=\"next-studies\"");
        String last = physician.get("/imaging?page=3").body();
        assertThat(titles(last))
                .hasSize(STUDIES - 2 * ImagingFeature.STUDIES_PER_PAGE)
                .last()
                .asString()
                .startsWith("Patient 120");

        // "patient 1" (any case) is in the titles of patients 100–120 only (001 is "Patient 001"): 21, one page
        String filtered = physician.get("/imaging?q=patient+1").body();
        assertThat(filtered)
                .contains("id=\"study-count\">21 of 120 studies, page 1 of 1")
                .doesNotContain("id=\"next-studies\"");
        assertThat(titles(filtered)).hasSize(21).allMatch(t -> t.startsWith("Patient 1"));
        assertThat(physician.get("/imaging?q=nobody").body()).contains("id=\"no-studies\"");

        var bad = physician.get("/imaging?page=last");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("page");
    }
}

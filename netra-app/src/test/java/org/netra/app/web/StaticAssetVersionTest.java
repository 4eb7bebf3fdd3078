package org.netra.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every page links netra's own stylesheet and script with a version taken from their content, so an upgrade is
 * never shown with the hour-cached old stylesheet. The version is checked against coreutils' sha256sum of the
 * source file, and the linked URL must serve exactly that file.
 */
class StaticAssetVersionTest {
    private static final Path SOURCES = Path.of("src/main/resources/org/netra/app/web/static");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void stylesheetAndScriptCarryTheirContentHash() throws Exception {
        String page = new WebClient(server.base).get("/login").body();
        for (String file : new String[] {"css/netra.css", "js/netra.js"}) {
            var link = Pattern.compile("\"(/static/" + Pattern.quote(file) + "\\?v=([0-9a-f]+))\"")
                    .matcher(page);
            assertThat(link.find())
                    .as("the sign-in page links %s with a version", file)
                    .isTrue();
            assertThat(link.group(2)).isEqualTo(sha256sum(SOURCES.resolve(file)).substring(0, 12));

            var served = new WebClient(server.base).getBytes(link.group(1));
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(Files.readAllBytes(SOURCES.resolve(file)));
        }
        assertThat(page).doesNotContain("href=\"/static/css/netra.css\"");
    }

    private static String sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isZero();
        return out.substring(0, 64);
    }
}

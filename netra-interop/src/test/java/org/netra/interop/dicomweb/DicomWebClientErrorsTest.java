package org.netra.interop.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries and typed errors, against a small loopback HTTP server that misbehaves on purpose. */
class DicomWebClientErrorsTest {
    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DicomWebClient client(int attempts) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web");
        return new DicomWebClient(DicomWebClient.Settings.of(base).withAttempts(attempts, Duration.ofMillis(1)));
    }

    private void answer(int failuresFirst, int failureStatus, String json) {
        server.createContext("/dicom-web/studies", exchange -> {
            int n = calls.incrementAndGet();
            byte[] body = (n <= failuresFirst ? "busy" : json).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
            exchange.sendResponseHeaders(n <= failuresFirst ? failureStatus : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @Test
    void serverErrorsAreRetriedUpToTheLimitThenSucceed() {
        answer(2, 503, "[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}}]");
        var studies = client(3).searchStudies(Map.of("PatientID", "X"));
        assertThat(studies).extracting(Matches.Study::studyInstanceUid).containsExactly("1.2.3");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void serverErrorsBeyondTheLimitNameUrlAndStatus() {
        answer(5, 502, "[]");
        assertThatThrownBy(() -> client(2).searchStudies(Map.of()))
                .isInstanceOfSatisfying(DicomWebException.HttpStatus.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("/dicom-web/studies", "HTTP 502", "busy");
                });
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void clientErrorsAreNotRetried() {
        answer(5, 400, "[]");
        assertThatThrownBy(() -> client(3).searchStudies(Map.of()))
                .isInstanceOfSatisfying(DicomWebException.HttpStatus.class, e -> assertThat(e.status())
                        .isEqualTo(400));
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void anUnreachableServerIsATypedErrorAfterTheAttempts() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var c = new DicomWebClient(DicomWebClient.Settings.of(URI.create("http://127.0.0.1:" + closedPort + "/dw"))
                .withAttempts(2, Duration.ofMillis(1)));
        assertThatThrownBy(() -> c.searchStudies(Map.of()))
                .isInstanceOf(DicomWebException.Unreachable.class)
                .hasMessageContaining("127.0.0.1:" + closedPort + "/dw/studies")
                .hasMessageContaining("2 attempt");
    }

    @Test
    void notJsonIsABadResponse() {
        answer(0, 200, "<html>login</html>");
        assertThatThrownBy(() -> client(1).searchStudies(Map.of()))
                .isInstanceOf(DicomWebException.BadResponse.class)
                .hasMessageContaining("not JSON");
    }

    /** A STOW-RS answer 202: one instance stored, one refused with its failure reason. */
    @Test
    void partlyRefusedStoresAreReportedPerInstance() {
        List<Integer> partsPerRequest = new ArrayList<>();
        server.createContext("/dicom-web/studies", exchange -> {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            byte[] body = exchange.getRequestBody().readAllBytes();
            partsPerRequest.add(
                    Multipart.parse(body, Multipart.boundaryOf(type)).size());
            String json = partsPerRequest.size() == 1
                    ? "{\"00081199\":{\"vr\":\"SQ\",\"Value\":[{\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.128\"]},"
                            + "\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.1\"]}}]},"
                            + "\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.2\"]},"
                            + "\"00081197\":{\"vr\":\"US\",\"Value\":[49442]}}]}}"
                    : "{\"00081199\":{\"vr\":\"SQ\",\"Value\":[{\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.3\"]}}]}}";
            byte[] out = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
            exchange.sendResponseHeaders(partsPerRequest.size() == 1 ? 202 : 200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web");
        var settings = DicomWebClient.Settings.of(base);
        // batches of at most 250 bytes: the first two 100-byte instances together, the third alone
        settings = new DicomWebClient.Settings(
                settings.base(),
                settings.connectTimeout(),
                settings.requestTimeout(),
                1,
                settings.firstRetryPause(),
                250,
                settings.basicAuth());
        var results = new DicomWebClient(settings).store(List.of(new byte[100], new byte[100], new byte[100]));
        assertThat(partsPerRequest).containsExactly(2, 1);
        assertThat(results)
                .extracting(Matches.StoredInstance::sopInstanceUid)
                .containsExactly("1.2.3.1", "1.2.3.2", "1.2.3.3");
        assertThat(results.get(1).failed()).isTrue();
        assertThat(results.get(1).failureReason()).contains("49442");
    }

    @Test
    void aUidWithSlashesIsRefusedBeforeSending() {
        assertThatThrownBy(() -> client(1).retrieveSeries("1.2/../x", "1.2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a DICOM UID");
    }
}

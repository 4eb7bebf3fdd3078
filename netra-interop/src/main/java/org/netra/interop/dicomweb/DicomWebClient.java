package org.netra.interop.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.netra.imaging.dicom.Tag;

/**
 * A DICOMweb client (PS3.18): QIDO-RS search, WADO-RS retrieve and STOW-RS store over {@code
 * java.net.http}. Every request has a timeout; connection failures and 5xx answers are retried a bounded
 * number of times with growing pauses; everything else fails at once with a {@link DicomWebException}
 * naming the URL and the status.
 */
public final class DicomWebClient {
    private static final String DICOM = "application/dicom";
    private static final String DICOM_JSON = "application/dicom+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the PACS is and how patient to be with it. */
    public record Settings(
            URI base,
            Duration connectTimeout,
            Duration requestTimeout,
            int maxAttempts,
            Duration firstRetryPause,
            long maxStoreBatchBytes,
            Optional<String> basicAuth) {
        public Settings {
            if (base == null || base.getScheme() == null || !base.getScheme().startsWith("http")) {
                throw new IllegalArgumentException(
                        "the DICOMweb base URL must be http(s)://host:port/root, got " + base);
            }
            String s = base.toString();
            base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
        }

        /** 10 s to connect, 5 min per request, 3 attempts starting 0.5 s apart, 64 MB per STOW request. */
        public static Settings of(URI base) {
            return new Settings(
                    base,
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(5),
                    3,
                    Duration.ofMillis(500),
                    64L << 20,
                    Optional.empty());
        }

        public Settings withBasicAuth(String user, String password) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return new Settings(
                    base,
                    connectTimeout,
                    requestTimeout,
                    maxAttempts,
                    firstRetryPause,
                    maxStoreBatchBytes,
                    Optional.of("Basic " + token));
        }

        public Settings withAttempts(int attempts, Duration firstPause) {
            return new Settings(
                    base, connectTimeout, requestTimeout, attempts, firstPause, maxStoreBatchBytes, basicAuth);
        }

        public Settings withTimeouts(Duration connect, Duration request) {
            return new Settings(base, connect, request, maxAttempts, firstRetryPause, maxStoreBatchBytes, basicAuth);
        }
    }

    private final Settings settings;
    private final HttpClient http;

    public DicomWebClient(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public Settings settings() {
        return settings;
    }

    // ---- QIDO-RS ----

    /**
     * Patients, found at the study level (QIDO-RS has no patient resource in PS3.18) and grouped by
     * Patient ID.
     */
    public List<Matches.Patient> searchPatients(Map<String, String> query) {
        Map<String, Matches.Patient> byId = new LinkedHashMap<>();
        for (Matches.Study s : searchStudies(query)) {
            byId.merge(
                    s.patientId(),
                    new Matches.Patient(s.patientId(), s.patientName(), 1),
                    (a, b) -> new Matches.Patient(a.patientId(), a.name(), a.studies() + 1));
        }
        return List.copyOf(byId.values());
    }

    public List<Matches.Study> searchStudies(Map<String, String> query) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.putIfAbsent("includefield", "00081030,00080061,00201206,00201208");
        return qido("/studies", q).stream().map(Matches.Study::of).toList();
    }

    /** Series of one study, or of all studies when {@code studyInstanceUid} is empty. */
    public List<Matches.Series> searchSeries(Optional<String> studyInstanceUid, Map<String, String> query) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.putIfAbsent("includefield", "0008103E,00200011,00201209,0020000D");
        String path =
                studyInstanceUid.map(s -> "/studies/" + uid(s) + "/series").orElse("/series");
        String study = studyInstanceUid.orElse("");
        return qido(path, q).stream().map(j -> Matches.Series.of(j, study)).toList();
    }

    /** The SOP Instance UIDs of a series. */
    public List<String> searchInstances(String studyInstanceUid, String seriesInstanceUid) {
        return qido("/studies/" + uid(studyInstanceUid) + "/series/" + uid(seriesInstanceUid) + "/instances", Map.of())
                .stream()
                .map(j -> j.string(Tag.SOP_INSTANCE_UID).orElse(""))
                .toList();
    }

    private List<DicomJson> qido(String path, Map<String, String> query) {
        URI url = URI.create(settings.base() + path + queryString(query));
        HttpResponse<byte[]> response = send("GET", url, DICOM_JSON, HttpRequest.BodyPublishers.noBody(), null);
        if (response.statusCode() == 204 || response.body().length == 0) {
            return List.of(); // no match
        }
        JsonNode root = parseJson(url, response.body());
        if (!root.isArray()) {
            throw new DicomWebException.BadResponse(url, "expected a JSON array of matches");
        }
        List<DicomJson> out = new ArrayList<>();
        root.forEach(n -> out.add(new DicomJson(n)));
        return out;
    }

    // ---- WADO-RS ----

    /** Every instance of a series as Part 10 bytes, in the transfer syntax the PACS holds them. */
    public List<byte[]> retrieveSeries(String studyInstanceUid, String seriesInstanceUid) {
        return retrieve("/studies/" + uid(studyInstanceUid) + "/series/" + uid(seriesInstanceUid));
    }

    public List<byte[]> retrieveStudy(String studyInstanceUid) {
        return retrieve("/studies/" + uid(studyInstanceUid));
    }

    private List<byte[]> retrieve(String path) {
        URI url = URI.create(settings.base() + path);
        HttpResponse<byte[]> response = send(
                "GET",
                url,
                "multipart/related; type=\"" + DICOM + "\"; transfer-syntax=*",
                HttpRequest.BodyPublishers.noBody(),
                null);
        return instances(url, response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /** The DICOM instances of a WADO-RS answer; anything else is a {@link DicomWebException.BadResponse}. */
    static List<byte[]> instances(URI url, String contentType, byte[] body) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
            throw new DicomWebException.BadResponse(
                    url, "Content-Type is '" + contentType + "', not multipart/related");
        }
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(body, Multipart.boundaryOf(contentType));
        } catch (IllegalArgumentException e) {
            throw new DicomWebException.BadResponse(url, e.getMessage(), e);
        }
        List<byte[]> instances = new ArrayList<>(parts.size());
        for (Multipart.Part part : parts) {
            String type = part.contentType().orElse(DICOM);
            if (!type.toLowerCase(Locale.ROOT).startsWith(DICOM)) {
                throw new DicomWebException.BadResponse(url, "a part has Content-Type '" + type + "', not " + DICOM);
            }
            instances.add(part.content());
        }
        return instances;
    }

    // ---- STOW-RS ----

    /**
     * Stores Part 10 instances, in as many requests as {@link Settings#maxStoreBatchBytes} asks. Returns
     * what the PACS stored and refused; a refused instance is not an exception (the caller decides), but
     * an answer that is neither success nor partial success is.
     */
    public List<Matches.StoredInstance> store(List<byte[]> instances) {
        List<Matches.StoredInstance> results = new ArrayList<>();
        List<byte[]> batch = new ArrayList<>();
        long size = 0;
        for (byte[] instance : instances) {
            if (!batch.isEmpty() && size + instance.length > settings.maxStoreBatchBytes()) {
                results.addAll(storeBatch(batch));
                batch = new ArrayList<>();
                size = 0;
            }
            batch.add(instance);
            size += instance.length;
        }
        if (!batch.isEmpty()) {
            results.addAll(storeBatch(batch));
        }
        return results;
    }

    private List<Matches.StoredInstance> storeBatch(List<byte[]> batch) {
        URI url = URI.create(settings.base() + "/studies");
        String boundary = Multipart.boundary(batch);
        String contentType = "multipart/related; type=\"" + DICOM + "\"; boundary=" + boundary;
        List<byte[]> chunks = Multipart.build(boundary, DICOM, batch);
        HttpResponse<byte[]> response =
                send("POST", url, DICOM_JSON, HttpRequest.BodyPublishers.ofByteArrays(chunks), contentType);
        JsonNode root = response.body().length == 0 ? JSON.createObjectNode() : parseJson(url, response.body());
        if (root.isArray() && root.size() == 1) {
            root = root.get(0); // some servers wrap the answer in an array
        }
        DicomJson answer = new DicomJson(root);
        List<Matches.StoredInstance> out = new ArrayList<>();
        for (DicomJson ok : answer.sequence(Tag.REFERENCED_SOP_SEQUENCE)) {
            out.add(new Matches.StoredInstance(
                    ok.string(Tag.REFERENCED_SOP_CLASS_UID).orElse(""),
                    ok.string(Tag.REFERENCED_SOP_INSTANCE_UID).orElse(""),
                    ""));
        }
        for (DicomJson failed : answer.sequence(Tag.FAILED_SOP_SEQUENCE)) {
            out.add(new Matches.StoredInstance(
                    failed.string(Tag.REFERENCED_SOP_CLASS_UID).orElse(""),
                    failed.string(Tag.REFERENCED_SOP_INSTANCE_UID).orElse(""),
                    "failure reason " + failed.string(Tag.FAILURE_REASON).orElse("unknown")));
        }
        if (out.size() != batch.size()) {
            throw new DicomWebException.BadResponse(
                    url, "sent " + batch.size() + " instances, the answer accounts for " + out.size());
        }
        return out;
    }

    // ---- transport ----

    private HttpResponse<byte[]> send(
            String method, URI url, String accept, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Accept", accept)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        settings.basicAuth().ifPresent(auth -> request.header("Authorization", auth));
        HttpRequest built = request.build();
        Duration pause = settings.firstRetryPause();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == settings.maxAttempts();
            try {
                HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response;
                }
                if (status >= 500 && !last) {
                    sleep(pause);
                    pause = pause.multipliedBy(2);
                    continue;
                }
                throw new DicomWebException.HttpStatus(
                        method, url, status, new String(response.body(), StandardCharsets.UTF_8));
            } catch (ConnectException | HttpConnectTimeoutException e) {
                if (last) {
                    throw new DicomWebException.Unreachable(method, url, attempt, e);
                }
            } catch (HttpTimeoutException e) {
                // the request was sent and not answered in time: not retried, it may be running still
                throw new DicomWebException.Unreachable(method, url, attempt, e);
            } catch (IOException e) {
                if (last) {
                    throw new DicomWebException.Unreachable(method, url, attempt, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DicomWebException.Unreachable(method, url, attempt, e);
            }
            sleep(pause);
            pause = pause.multipliedBy(2);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode parseJson(URI url, byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new DicomWebException.BadResponse(url, "not JSON: " + e.getMessage(), e);
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A UID as a path segment; anything that is not a UID is refused, not sent. */
    private static String uid(String uid) {
        if (uid == null || !uid.matches("[0-9]+(\\.[0-9]+)*") || uid.length() > 64) {
            throw new IllegalArgumentException("not a DICOM UID: '" + uid + "' (digits and dots, at most 64)");
        }
        return uid;
    }
}

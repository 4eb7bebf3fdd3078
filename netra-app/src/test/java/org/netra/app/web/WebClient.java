package org.netra.app.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser-like session against a test server over real HTTP: keeps the session cookie, reads the
 * CSRF token from the pages, never follows redirects (tests look at them).
 */
public final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("netra_session=([^;]*)");

    private final HttpClient http;
    private final String base;
    private String cookie;
    private String csrf;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    public WebClient(String base) {
        this(
                base,
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build());
    }

    public WebClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** A GET whose answer is binary (images, PDFs). */
    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Posts a form, with the session's CSRF token unless {@code withCsrf} is false. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, boolean withCsrf) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (withCsrf && csrf != null) {
            all.put("_csrf", csrf);
        }
        String body = all.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Posts a form whose fields may repeat (checkboxes), with the session's CSRF token. */
    public HttpResponse<String> postFormFields(String path, java.util.List<Map.Entry<String, String>> fields) {
        var all = new java.util.ArrayList<>(fields);
        if (csrf != null) {
            all.add(Map.entry("_csrf", csrf));
        }
        String body =
                all.stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Posts JSON with the CSRF header (as htmx and scripts do). */
    public HttpResponse<String> postJson(String path, String json) {
        return postJson(path, json, true);
    }

    public HttpResponse<String> postJson(String path, String json, boolean withCsrf) {
        var b = request(path).header("Content-Type", "application/json");
        if (withCsrf && csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** PUTs JSON with the CSRF header (an update through the API). */
    public HttpResponse<String> putJson(String path, String json) {
        return sendJson("PUT", path, json);
    }

    /** Sends JSON with any method (PUT, DELETE, …) and the CSRF header. */
    public HttpResponse<String> sendJson(String method, String path, String json) {
        var b = request(path).header("Content-Type", "application/json");
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b.method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Opens the sign-in page and signs in; returns the answer to the form post. */
    public HttpResponse<String> signIn(String username, String password) {
        get("/login");
        return postForm("/login", Map.of("username", username, "password", password), true);
    }

    /** The same browser (cookie, CSRF token, headers) talking to another node of the department. */
    public WebClient on(String otherBase) {
        var other = new WebClient(otherBase, http);
        other.cookie = cookie;
        other.csrf = csrf;
        other.extraHeaders.putAll(extraHeaders);
        return other;
    }

    /** Sends {@code name: value} on every request from now on (e.g. X-Forwarded-For, as a proxy would). */
    public WebClient withHeader(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    public String csrf() {
        return csrf;
    }

    /** The session cookie's value (null before a page set one): another client can go on with the same session. */
    public String sessionCookie() {
        return cookie;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            var r = http.send(request, HttpResponse.BodyHandlers.ofString());
            r.headers().allValues("Set-Cookie").forEach(c -> {
                Matcher m = COOKIE.matcher(c);
                if (m.find()) {
                    cookie = m.group(1).isEmpty() ? null : m.group(1);
                }
            });
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("request to " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A form's file upload as a browser posts it: multipart with the CSRF field and one file in {@code field}. */
    public HttpRequest multipart(String path, String field, String filename, byte[] content) {
        String boundary = "netra" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf()
                        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                        + "\"; filename=\"" + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    public HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", "netra_session=" + cookie);
        }
        extraHeaders.forEach(b::header);
        return b;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

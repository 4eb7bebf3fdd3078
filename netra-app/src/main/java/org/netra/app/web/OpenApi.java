package org.netra.app.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netra.app.web.security.Access;

/** The OpenAPI 3.0 description of the JSON API, generated from the route table so the two cannot differ. */
public final class OpenApi {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private OpenApi() {}

    public static Map<String, Object> document(List<Route> routes, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put(
                "info",
                Map.of(
                        "title",
                        "netra API",
                        "version",
                        version,
                        "description",
                        "The JSON API of netra. Authenticate with a session cookie (then send the"
                                + " X-CSRF-Token header on every POST) or with Authorization: Bearer <API token>."));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            if (r.surface() != Route.Surface.API) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> item =
                    (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method().name().toLowerCase(Locale.ROOT), operation(r));
        }
        doc.put("paths", paths);
        doc.put(
                "components",
                Map.of(
                        "securitySchemes",
                                Map.of(
                                        "session", Map.of("type", "apiKey", "in", "cookie", "name", "netra_session"),
                                        "token", Map.of("type", "http", "scheme", "bearer")),
                        "schemas",
                                Map.of(
                                        "Error",
                                        Map.of(
                                                "type", "object",
                                                "required", List.of("status", "error"),
                                                "properties",
                                                        Map.of(
                                                                "status", Map.of("type", "integer"),
                                                                "error", Map.of("type", "string"),
                                                                "fields",
                                                                        Map.of(
                                                                                "type",
                                                                                "object",
                                                                                "additionalProperties",
                                                                                Map.of("type", "string")))))));
        return doc;
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", r.summary());
        List<Object> params = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(r.path());
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "OK (JSON)"));
        var error = Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")));
        switch (r.access()) {
            case Access.Everyone e -> op.put("security", List.of());
            case Access.SignedIn s -> {
                op.put("security", List.of(Map.of("session", List.of()), Map.of("token", List.of())));
                responses.put("401", Map.of("description", "not signed in", "content", error));
            }
            case Access.Requires q -> {
                op.put("security", List.of(Map.of("session", List.of()), Map.of("token", List.of())));
                op.put("x-netra-permission", q.permission().name());
                responses.put("401", Map.of("description", "not signed in", "content", error));
                responses.put("403", Map.of("description", "the role lacks " + q.permission(), "content", error));
            }
            case Access.RequiresAny q -> {
                op.put("security", List.of(Map.of("session", List.of()), Map.of("token", List.of())));
                op.put(
                        "x-netra-permission",
                        String.join(
                                " | ", q.permissions().stream().map(Enum::name).toList()));
                responses.put("401", Map.of("description", "not signed in", "content", error));
                responses.put(
                        "403", Map.of("description", "the role lacks all of " + q.permissions(), "content", error));
            }
        }
        if (!r.method().name().equals("GET")) {
            responses.put("400", Map.of("description", "invalid input, one message per field", "content", error));
            responses.put(
                    "409",
                    Map.of(
                            "description",
                            "changed by someone else since it was read, or a duplicate",
                            "content",
                            error));
        }
        op.put("responses", responses);
        return op;
    }
}

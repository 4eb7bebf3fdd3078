package org.netra.app.web.therapy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** Reading the API's answers in tests: the JSON, and a refusal that names its field. */
final class ApiAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiAnswers() {}

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** A 400 lists {@code field} among its fields; a 409's message starts with it. */
    static void refused(HttpResponse<String> r, int status, String field) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        if (status == 400) {
            assertThat(json(r).get("fields").has(field)).as(r.body()).isTrue();
        } else {
            assertThat(json(r).get("error").asText()).as(r.body()).startsWith(field);
        }
    }
}

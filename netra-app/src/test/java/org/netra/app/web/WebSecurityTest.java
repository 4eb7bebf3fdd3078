package org.netra.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.config.LoginPolicy;
import org.netra.app.web.approval.Approval;
import org.netra.app.web.patient.PatientDirectory;
import org.netra.app.web.security.Access;
import org.netra.app.web.security.UserAccount;
import org.netra.store.audit.AuditEvent;
import org.netra.store.clinical.ClinicalKinds;

/** The security of the web app, tested as an attacker would: real HTTP on loopback against a running server. */
class WebSecurityTest {
    private static TestServer server;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WebClient signedIn(String user) {
        var c = new WebClient(server.base);
        var r = c.signIn(user, TestServer.password(user));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return c;
    }

    private static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", "x1");
    }

    @Test
    void noPageOrApiWithoutSignIn() {
        var anonymous = new WebClient(server.base);
        List<Route> guarded = server.app.routes().stream()
                .filter(r -> !(r.access() instanceof Access.Everyone))
                .toList();
        assertThat(guarded).hasSizeGreaterThan(10);
        for (Route r : guarded) {
            String path = concrete(r.path());
            HttpResponse<String> res =
                    r.method() == HandlerType.GET ? anonymous.get(path) : anonymous.postForm(path, Map.of(), false);
            if (r.method() != HandlerType.GET) {
                assertThat(res.statusCode()).as("%s %s", r.method(), path).isEqualTo(403);
            } else if (r.surface() == Route.Surface.API) {
                assertThat(res.statusCode()).as("GET %s", path).isEqualTo(401);
                assertThat(res.body()).contains("sign in first");
            } else {
                assertThat(res.statusCode()).as("GET %s", path).isEqualTo(303);
                assertThat(res.headers().firstValue("Location"))
                        .hasValueSatisfying(l -> assertThat(l).startsWith("/login?next="));
            }
            assertThat(res.body()).doesNotContain("patient-rows").doesNotContain("Welcome");
            if (r.method() == HandlerType.GET) {
                var head = anonymous.send(anonymous
                        .request(path)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build());
                assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(res.statusCode());
            }
        }
        // a forged or revoked API token is no better than none
        var forged = HttpRequest.newBuilder(URI.create(server.base + "/api/patients"))
                .header("Authorization", "Bearer netra_forged")
                .build();
        assertThat(anonymous.send(forged).statusCode()).isEqualTo(401);
    }

    @Test
    void publicRoutesAreOnlyTheSignInPageHealthAndApiDescription() {
        var everyone = server.app.routes().stream()
                .filter(r -> r.access() instanceof Access.Everyone)
                .map(r -> r.method() + " " + r.path())
                .toList();
        assertThat(everyone)
                .containsExactlyInAnyOrder(
                        "GET /login", "POST /login", "POST /logout", "GET /health", "GET /api/openapi.json");
    }

    @Test
    void postWithoutTheCsrfTokenIsRefused() throws Exception {
        var admin = signedIn("admin");
        admin.get("/admin/users");
        var form = Map.of("username", "mallory", "fullName", "M", "role", "admin", "password", "long-enough-pw-1");
        var none = admin.postForm("/admin/users", form, false);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("CSRF check");
        var wrongToken = new java.util.HashMap<>(form);
        wrongToken.put("_csrf", "not-the-token");
        assertThat(admin.postForm("/admin/users", wrongToken, false).statusCode())
                .isEqualTo(403);
        // the session cookie alone, without the X-CSRF-Token header, does not make an API call
        assertThat(admin.postJson("/api/users", JSON.writeValueAsString(form), false)
                        .statusCode())
                .isEqualTo(403);
        assertThat(server.app.accounts().find("mallory")).isEmpty();

        var ok = admin.postForm("/admin/users", form, true);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
        assertThat(server.app.accounts().find("mallory")).isPresent();
    }

    /** A cycle's dosimetry result in the store, so that there is something to approve. */
    private static void dosimetryResult(String id) {
        if (server.store.records().find(ClinicalKinds.DOSIMETRY, id).isPresent()) {
            return;
        }
        var d = new org.netra.clinical.therapy.CycleDosimetry(
                1,
                java.time.LocalDate.of(2025, 3, 3),
                org.netra.physics.quantity.Activity.ofGBq(7.4),
                org.netra.physics.quantity.AbsorbedDose.ofGy(3.1),
                java.time.Duration.ofHours(50),
                java.util.Optional.empty(),
                org.netra.physics.quantity.AbsorbedDose.ofGy(0.2));
        server.store
                .records()
                .create(
                        ClinicalKinds.DOSIMETRY,
                        new org.netra.store.clinical.DosimetryRecord(
                                id, "P-9100", "P-9100/prrt-1", d, List.of(), "test"),
                        "test-setup");
    }

    @Test
    void onlyAPhysicistApprovesDosimetryThatExists() throws Exception {
        dosimetryResult("cycle-7");
        var nurse = signedIn("nurse");
        nurse.get("/");
        var refused = nurse.postJson("/api/dosimetry/cycle-7/approve", "{\"note\": \"looks fine\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("APPROVE_DOSIMETRY");
        var physician = signedIn("physician");
        physician.get("/");
        assertThat(physician.postJson("/api/dosimetry/cycle-7/approve", "{}").statusCode())
                .isEqualTo(403);
        assertThat(server.store.records().find(Approval.DOSIMETRY, "cycle-7")).isEmpty();

        var physicist = signedIn("physicist");
        physicist.get("/");
        var ok = physicist.postJson("/api/dosimetry/cycle-7/approve", "{\"note\": \"kidney 3.1 Gy\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(ok.body());
        assertThat(body.get("approvedBy").asText()).isEqualTo("physicist");
        var history = server.store.audit().history("dosimetry_approval", "cycle-7");
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("physicist");
            assertThat(e.action()).isEqualTo(AuditEvent.Action.CREATE);
        });
        var twice = physicist.postJson("/api/dosimetry/cycle-7/approve", "{}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("already approved");
        // a result that does not exist is not approved (nor audited)
        var nothing = physicist.postJson("/api/dosimetry/cycle-99/approve", "{}");
        assertThat(nothing.statusCode()).as(nothing.body()).isEqualTo(404);
        assertThat(nothing.body()).contains("no dosimetry result 'cycle-99'");
        assertThat(server.store.audit().history("dosimetry_approval", "cycle-99"))
                .isEmpty();

        // and a physician, not a physicist, approves a cycle
        assertThat(physicist
                        .postJson("/api/patients/P-none/cycles/1/approve", "{}")
                        .statusCode())
                .isEqualTo(403);
        // a cycle that does not exist is not approved (nor audited)
        var none = physician.postJson("/api/patients/P-none/cycles/1/approve", "{}");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(404);
        assertThat(none.body()).contains("no patient P-none");
        assertThat(server.store.audit().history("cycle_approval", "P-none/cycle-1"))
                .isEmpty();
    }

    @Test
    void apiTokensCarryTheirUsersRoleAndNeedNoCsrf() {
        dosimetryResult("token-1");
        String nurseToken = server.app.accounts().issueToken("nurse", "test-setup");
        String physicistToken = server.app.accounts().issueToken("physicist", "test-setup");
        var client = new WebClient(server.base);
        var nurse = HttpRequest.newBuilder(URI.create(server.base + "/api/dosimetry/token-1/approve"))
                .header("Authorization", "Bearer " + nurseToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        assertThat(client.send(nurse).statusCode()).isEqualTo(403);
        var physicist = HttpRequest.newBuilder(URI.create(server.base + "/api/dosimetry/token-1/approve"))
                .header("Authorization", "Bearer " + physicistToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        assertThat(client.send(physicist).statusCode()).isEqualTo(200);
        var me = HttpRequest.newBuilder(URI.create(server.base + "/api/me"))
                .header("Authorization", "Bearer " + nurseToken)
                .build();
        assertThat(client.send(me).body()).contains("\"username\":\"nurse\"").contains("RECORD_CARE");
    }

    @Test
    void oddParametersAreRefusedNeverAServerError() {
        var query = "?size=-1&slice=-1&since=x&cycle=-1&plane=%00&q=%27%3B--&mip=maybe&next=//evil";
        for (String user : List.of("physician", "physicist", "nurse", "admin")) {
            var c = signedIn(user);
            for (Route r : server.app.routes()) {
                if (r.method() != HandlerType.GET) {
                    continue;
                }
                for (String value : List.of("-1", "..%2F..")) {
                    String path = r.path().replaceAll("\\{[^}]+}", value) + query;
                    assertThat(c.get(path).statusCode())
                            .as("%s GET %s", user, path)
                            .isLessThan(500);
                }
            }
        }
    }

    @Test
    void headIsRefusedWhereGetIsForTheWrongRole() {
        var nurse = signedIn("nurse");
        for (Route r : server.app.routes()) {
            if (r.method() != HandlerType.GET || !(r.access() instanceof Access.Requires)) {
                continue;
            }
            String path = concrete(r.path());
            int get = nurse.get(path).statusCode();
            int head = nurse.send(nurse.request(path)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build())
                    .statusCode();
            if (get == 403) {
                assertThat(head).as("HEAD %s as nurse", path).isEqualTo(403);
            }
        }
        assertThat(nurse.send(nurse.request("/admin/users")
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void theAdministratorSeesNoPatientAndCliniciansNoUserAdmin() {
        var admin = signedIn("admin");
        assertThat(admin.get("/patients").statusCode()).isEqualTo(403);
        assertThat(admin.get("/api/patients").statusCode()).isEqualTo(403);
        assertThat(admin.get("/admin/users").statusCode()).isEqualTo(200);
        assertThat(admin.get("/admin/audit").statusCode()).isEqualTo(200);
        var nurse = signedIn("nurse");
        assertThat(nurse.get("/patients").statusCode()).isEqualTo(200);
        assertThat(nurse.get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(nurse.get("/admin/audit").statusCode()).isEqualTo(403);
        assertThat(nurse.get("/").body())
                .doesNotContain("href=\"/admin/users\"")
                .contains("href=\"/patients\"");
    }

    @Test
    void passwordsAreStoredOnlyAsArgon2idHashes() throws Exception {
        List<String> everything = new ArrayList<>();
        try (var c = DriverManager.getConnection(server.store.config().url(), "sa", "");
                var rows = c.createStatement().executeQuery("SELECT kind, doc FROM clinical_record");
                var s2 = c.createStatement();
                var audit = s2.executeQuery("SELECT before_doc, after_doc FROM audit_event")) {
            while (rows.next()) {
                everything.add(rows.getString(2));
                if (rows.getString(1).equals("user_credential")) {
                    assertThat(rows.getString(2)).contains("$argon2id$v=19$m=19456,t=2,p=1$");
                }
            }
            while (audit.next()) {
                everything.add(audit.getString(1));
                everything.add(audit.getString(2));
            }
        }
        assertThat(everything).hasSizeGreaterThan(8);
        for (var u : TestServer.USERS) {
            assertThat(everything).noneMatch(text -> text != null && text.contains(u.password()));
        }
    }

    @Test
    void signInMakesANewSessionAndSignOutEndsIt() {
        var c = new WebClient(server.base);
        c.get("/login");
        var before = c.csrf();
        c.postForm("/login", Map.of("username", "nurse", "password", TestServer.password("nurse")), true);
        var home = c.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(c.csrf()).isNotEqualTo(before);
        var out = c.postForm("/logout", Map.of(), true);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(c.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void securityHeadersAndCookieFlags() {
        var c = new WebClient(server.base);
        var login = c.get("/login");
        var h = login.headers();
        assertThat(h.firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline"));
        assertThat(h.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(h.firstValue("X-Frame-Options")).contains("DENY");
        assertThat(h.firstValue("Cache-Control")).contains("no-store");
        assertThat(h.firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v)
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/"));
        assertThat(login.body()).doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    void signInRedirectsOnlyWithinNetra() {
        var c = new WebClient(server.base);
        c.get("/login");
        var r = c.postForm(
                "/login",
                Map.of("username", "nurse", "password", TestServer.password("nurse"), "next", "//evil.example/x"),
                true);
        assertThat(r.headers().firstValue("Location")).contains("/");
        var c2 = new WebClient(server.base);
        c2.get("/login");
        var r2 = c2.postForm(
                "/login",
                Map.of("username", "nurse", "password", TestServer.password("nurse"), "next", "/patients"),
                true);
        assertThat(r2.headers().firstValue("Location")).contains("/patients");
    }

    @Test
    void invalidInputIsRefusedWithAMessagePerField() throws Exception {
        var admin = signedIn("admin");
        admin.get("/admin/users");
        var r = admin.postForm(
                "/admin/users",
                Map.of("username", "X y", "fullName", "", "role", "surgeon", "password", "short"),
                true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("starting with a letter")
                .contains("the person's name")
                .contains("choose physician, physicist, nurse, radiopharmacist or admin")
                .contains("at least 12");
        var api = admin.postJson(
                "/api/users",
                "{\"username\": \"ok.user\", \"fullName\": \"Ok\", \"role\": \"nurse\","
                        + " \"password\": \"ok.user-password\"}");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(api.body()).get("fields").get("password").asText())
                .contains("user name");
        assertThat(admin.postJson("/api/users", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void friendlyErrorPages() {
        var nurse = signedIn("nurse");
        var missing = nurse.get("/no/such/page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no page at /no/such/page").contains("Back to the start page");
        var forbidden = nurse.get("/admin/users");
        assertThat(forbidden.body()).contains("does not allow this").contains("Nurse");
        var apiMissing = nurse.get("/api/nothing");
        assertThat(apiMissing.statusCode()).isEqualTo(404);
        assertThat(apiMissing.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("json"));
    }

    @Test
    void theOpenApiDocumentDescribesEveryApiRoute() throws Exception {
        var r = new WebClient(server.base).get("/api/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
        for (Route route : server.app.routes()) {
            if (route.surface() == Route.Surface.API) {
                JsonNode op = doc.get("paths")
                        .get(route.path())
                        .get(route.method().name().toLowerCase());
                assertThat(op).as(route.path()).isNotNull();
                assertThat(op.get("summary").asText()).isNotBlank();
            }
        }
        assertThat(doc.at("/paths/~1api~1dosimetry~1{resultId}~1approve/post/x-netra-permission")
                        .asText())
                .isEqualTo("APPROVE_DOSIMETRY");
    }

    @Test
    void aDisabledAccountLosesItsSessionAtOnce() {
        var admin = signedIn("admin");
        admin.get("/admin/users");
        var physician = signedIn("physician");
        assertThat(physician.get("/").statusCode()).isEqualTo(200);
        try {
            assertThat(admin.postForm("/admin/users/physician/enabled", Map.of("enabled", "false"), true)
                            .statusCode())
                    .isEqualTo(303);
            assertThat(physician.get("/").statusCode()).isEqualTo(303);
            assertThat(new WebClient(server.base)
                            .signIn("physician", TestServer.password("physician"))
                            .statusCode())
                    .isEqualTo(401);
        } finally {
            admin.get("/admin/users");
            admin.postForm("/admin/users/physician/enabled", Map.of("enabled", "true"), true);
        }
        assertThat(server.app.accounts().find("physician"))
                .hasValueSatisfying(u -> assertThat(u.enabled()).isTrue());
    }

    /** A separate server: its address is throttled by the end, which would disturb the other tests. */
    @Test
    void fiveWrongPasswordsThrottleTheUserAndTheAddress() {
        try (var own = new TestServer(
                new LoginPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15)), PatientDirectory.none())) {
            var c = new WebClient(own.base);
            for (int i = 1; i <= 4; i++) {
                var r = c.signIn("nurse", "wrong-password-" + i);
                assertThat(r.statusCode()).as("attempt %d", i).isEqualTo(401);
                assertThat(r.body()).contains("Wrong user name or password");
            }
            var fifth = c.signIn("nurse", "wrong-password-5");
            assertThat(fifth.statusCode()).isEqualTo(429);
            assertThat(fifth.body()).contains("Too many wrong passwords").contains("paused for about 15 minutes");
            // now even the right password is refused, for this user and for others from this address
            assertThat(c.signIn("nurse", TestServer.password("nurse")).statusCode())
                    .isEqualTo(429);
            assertThat(new WebClient(own.base)
                            .signIn("physicist", TestServer.password("physicist"))
                            .statusCode())
                    .isEqualTo(429);
            UserAccount nurse = own.app.accounts().find("nurse").orElseThrow();
            assertThat(nurse.enabled()).isTrue(); // throttled, not locked out for good
        }
    }

    /** Behind the TLS proxy everyone arrives from one address: the throttle must use the forwarded one. */
    @Test
    void anAttackerBehindTheProxyDoesNotLockOutTheDepartment() {
        try (var own = TestServer.configured(c -> c.withTrustedProxies(List.of("127.0.0.1"))
                .withLogin(new LoginPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15))))) {
            for (int i = 1; i <= 5; i++) {
                var attacker = viaProxy(own, "203.0.113.9");
                var r = attacker.signIn("guess" + i, "wrong-password-" + i);
                assertThat(r.statusCode()).as("attempt %d", i).isIn(401, 429);
            }
            assertThat(viaProxy(own, "203.0.113.9")
                            .signIn("admin", TestServer.password("admin"))
                            .statusCode())
                    .as("the attacker's address is throttled")
                    .isEqualTo(429);
            assertThat(viaProxy(own, "198.51.100.7")
                            .signIn("admin", TestServer.password("admin"))
                            .statusCode())
                    .as("the admin at another workstation is not")
                    .isEqualTo(303);
        }
        // without a trusted proxy the header is the client's word: rotating it does not escape the throttle
        try (var own = TestServer.configured(
                c -> c.withLogin(new LoginPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15))))) {
            for (int i = 1; i <= 5; i++) {
                viaProxy(own, "192.0.2." + i).signIn("guess" + i, "wrong-password-" + i);
            }
            assertThat(viaProxy(own, "192.0.2.99")
                            .signIn("nurse", TestServer.password("nurse"))
                            .statusCode())
                    .isEqualTo(429);
        }
    }

    private static WebClient viaProxy(TestServer server, String client) {
        return new WebClient(server.base).withHeader("X-Forwarded-For", client);
    }

    @Test
    void aPasswordResetOrRoleChangeEndsSessionsAndTokens() {
        try (var own = new TestServer()) {
            var admin = new WebClient(own.base);
            admin.signIn("admin", TestServer.password("admin"));
            admin.get("/admin/users");
            for (String change : List.of("password", "role")) {
                var nurse = new WebClient(own.base);
                assertThat(nurse.signIn("nurse", TestServer.password("nurse")).statusCode())
                        .isEqualTo(303);
                assertThat(nurse.get("/").statusCode()).isEqualTo(200);
                String token = own.app.accounts().issueToken("nurse", "test-setup");
                var byToken = HttpRequest.newBuilder(URI.create(own.base + "/api/me"))
                        .header("Authorization", "Bearer " + token)
                        .build();
                assertThat(nurse.send(byToken).statusCode()).isEqualTo(200);

                var answer = change.equals("password")
                        ? admin.postForm(
                                "/admin/users/nurse/password", Map.of("password", TestServer.password("nurse")), true)
                        : admin.postForm("/admin/users/nurse/role", Map.of("role", "nurse"), true);
                assertThat(answer.statusCode()).as(change).isEqualTo(303);

                assertThat(nurse.get("/").statusCode())
                        .as("session after %s change", change)
                        .isEqualTo(303);
                assertThat(nurse.send(byToken).statusCode())
                        .as("token after %s change", change)
                        .isEqualTo(401);
            }
            // the revocation is audited with the change, in one transaction
            var trail = own.store.audit().since(0);
            assertThat(trail.stream()
                            .filter(e -> e.kind().equals("api_token") && e.action() == AuditEvent.Action.DELETE))
                    .hasSize(2);
        }
    }
    /**
     * A node keeps the accounts it read and checks each against the version its session query returns: an account
     * changed through another node's {@code Accounts} (its own kept accounts, the same database) counts on this
     * node's very next request, even while the session itself lives on.
     */
    @Test
    void anAccountChangedElsewhereCountsOnTheNextRequest() {
        try (var own = new TestServer()) {
            var physician = new WebClient(own.base);
            assertThat(physician
                            .signIn("physician", TestServer.password("physician"))
                            .statusCode())
                    .isEqualTo(303);
            assertThat(physician.get("/api/me").body()).contains("\"role\":\"physician\"");
            var otherNode =
                    new org.netra.app.web.security.Accounts(own.store, new org.netra.app.web.security.PasswordHasher());

            otherNode.setRole("physician", "nurse", "other-node");
            assertThat(physician.get("/api/me").body())
                    .as("the role changed on the other node")
                    .contains("\"role\":\"nurse\"");

            otherNode.setEnabled("physician", false, "other-node");
            assertThat(physician.get("/").statusCode())
                    .as("disabled on the other node: signed out here")
                    .isEqualTo(303);
        }
    }
}

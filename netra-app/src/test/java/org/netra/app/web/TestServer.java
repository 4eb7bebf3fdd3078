package org.netra.app.web;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.netra.app.config.LoginPolicy;
import org.netra.app.config.ServerConfig;
import org.netra.app.web.patient.PatientDirectory;
import org.netra.app.web.security.Accounts;
import org.netra.app.web.server.WebApp;
import org.netra.store.Store;
import org.netra.store.StoreConfig;

/** A real netra web app on a free loopback port over a private in-memory database, with one user per role. */
public final class TestServer implements AutoCloseable {
    /** The users every test server has; passwords avoid containing the user name. */
    public static final List<Accounts.NewAccount> USERS = List.of(
            new Accounts.NewAccount("physician", "Dr Test Physician", "physician", "cycle-approval-pw"),
            new Accounts.NewAccount("physicist", "Test Physicist", "physicist", "dose-approval-pw"),
            new Accounts.NewAccount("nurse", "Test Nurse", "nurse", "bedside-care-pw"),
            new Accounts.NewAccount("radiopharmacist", "Test Radiopharmacist", "radiopharmacist", "hot-lab-dose-pw"),
            new Accounts.NewAccount("admin", "Test Admin", "admin", "account-keeper-pw"));

    public final Store store;
    public final WebApp app;
    public final String base;
    public final ServerConfig config;

    public TestServer() {
        this(null, PatientDirectory.none());
    }

    public TestServer(LoginPolicy policy, PatientDirectory patients) {
        this(b -> b.patients(patients), policy);
    }

    /** A server whose builder {@code customize} adds services (studies, features, a patient directory). */
    public static TestServer custom(LoginPolicy policy, java.util.function.UnaryOperator<WebApp.Builder> customize) {
        return new TestServer(customize, policy);
    }

    /** A server whose configuration {@code configure} changes (upload limits, trusted proxies). */
    public static TestServer configured(java.util.function.UnaryOperator<ServerConfig> configure) {
        return new TestServer(b -> b.patients(PatientDirectory.none()), null, configure);
    }

    private TestServer(java.util.function.UnaryOperator<WebApp.Builder> customize, LoginPolicy policy) {
        this(customize, policy, c -> c);
    }

    private TestServer(
            java.util.function.UnaryOperator<WebApp.Builder> customize,
            LoginPolicy policy,
            java.util.function.UnaryOperator<ServerConfig> configure) {
        this.store = Store.open(StoreConfig.inMemory("web-" + UUID.randomUUID()));
        var config = ServerConfig.defaults(
                        Path.of(System.getProperty("java.io.tmpdir"), "netra-test-" + UUID.randomUUID()))
                .withHost("127.0.0.1")
                .withPort(0);
        if (policy != null) {
            config = config.withLogin(policy);
        }
        this.config = configure.apply(config);
        this.app = customize.apply(WebApp.builder(this.config, store)).build();
        for (var u : USERS) {
            app.accounts().create(u, "test-setup");
        }
        app.start();
        this.base = "http://127.0.0.1:" + app.port();
    }

    public static String password(String username) {
        return USERS.stream()
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElseThrow()
                .password();
    }

    @Override
    public void close() {
        app.close();
        store.close();
    }
}

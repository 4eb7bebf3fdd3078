package org.netra.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.netra.app.config.ServerConfig;
import org.netra.app.config.Setting;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.viewer.Studies;
import org.netra.app.web.security.Accounts;
import org.netra.app.web.server.WebApp;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra serve}: the web app for real use. Settings come from flags, then NETRA_* variables, then
 * {@code --config FILE}, then defaults (docs/web.md).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the web app (flags > NETRA_* environment > --config file > defaults).")
final class ServeCommand implements Callable<Integer> {
    static final String BOOTSTRAP_ACTOR = "netra-setup";

    @Option(names = "--port", description = "TCP port (NETRA_PORT; default 8080)")
    Integer port;

    @Option(names = "--host", description = "address to listen on (NETRA_HOST; default 0.0.0.0)")
    String host;

    @Option(names = "--db-url", description = "JDBC URL (NETRA_DB_URL; default: embedded H2 in the data folder)")
    String dbUrl;

    @Option(names = "--db-user", description = "database user (NETRA_DB_USER)")
    String dbUser;

    @Option(names = "--data-dir", description = "data folder (NETRA_DATA; default ./netra-data)")
    Path dataDir;

    @Option(names = "--secure-cookies", description = "Secure cookies and HSTS, behind https (NETRA_SECURE_COOKIES)")
    Boolean secureCookies;

    @Option(names = "--config", paramLabel = "FILE", description = "a netra.properties file (keys in docs/web.md)")
    Path configFile;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        put(flags, Setting.PORT, port);
        put(flags, Setting.HOST, host);
        put(flags, Setting.DB_URL, dbUrl);
        put(flags, Setting.DB_USER, dbUser);
        put(flags, Setting.DATA, dataDir);
        put(flags, Setting.SECURE_COOKIES, secureCookies);
        var config = ServerConfig.resolve(flags, System.getenv(), ServerConfig.readFile(configFile));
        PrintWriter out = spec.commandLine().getOut();
        run(
                config,
                out,
                FolderStudies.scan(config.dataDir().resolve("imaging")).preloading(),
                java.time.Clock.systemDefaultZone(), // the server's zone is the department's: times on forms are in it
                store -> {
                    var accounts = new Accounts(store, new org.netra.app.web.security.PasswordHasher());
                    if (accounts.isEmpty()) {
                        String password = randomPassword();
                        accounts.create(
                                new Accounts.NewAccount("admin", "Administrator", "admin", password), BOOTSTRAP_ACTOR);
                        out.println("First start: created user 'admin' with password " + password);
                        out.println("  Sign in, create the department's users, then give admin a new password.");
                    }
                },
                (store, app) -> {});
        return 0;
    }

    /** Opens the store, prepares it, serves until the process is stopped (Ctrl-C). */
    static void run(
            ServerConfig config,
            PrintWriter out,
            Studies studies,
            java.time.Clock clock,
            java.util.function.Consumer<Store> prepare,
            java.util.function.BiConsumer<Store, WebApp> started)
            throws InterruptedException {
        // while the store opens: the viewer's code loaded and compiled before anyone opens a study
        org.netra.app.viewer.ViewerWarmUp.inBackground();
        if (config.store().vendor() == StoreConfig.Vendor.H2
                && config.store().url().startsWith("jdbc:h2:file:")) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(
                        "cannot create the data folder " + config.dataDir() + ": " + e.getMessage(), e);
            }
        }
        var store = Store.open(config.store());
        prepare.accept(store);
        var app = WebApp.builder(config, store).studies(studies).clock(clock).build();
        try {
            app.start();
        } catch (RuntimeException e) {
            store.close();
            throw new IllegalArgumentException(
                    "cannot listen on " + config.host() + ":" + config.port()
                            + " (is another program using the port? choose another with --port): " + e.getMessage(),
                    e);
        }
        String shown =
                config.host().equals("0.0.0.0") || config.host().equals("127.0.0.1") ? "localhost" : config.host();
        out.println("netra web app running at http://" + shown + ":" + app.port() + "/  (Ctrl-C stops it)");
        out.flush();
        started.accept(store, app);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            store.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void put(Map<Setting, String> flags, Setting s, Object value) {
        if (value != null) {
            flags.put(s, value.toString());
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[15];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

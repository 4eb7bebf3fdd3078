package org.netra.app.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.netra.store.StoreConfig;

/**
 * How the web app runs. Each setting is taken from the first place that has it: a command-line flag,
 * then the environment ({@code NETRA_*}), then the config file ({@code --config netra.properties}),
 * then its default.
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        StoreConfig store,
        boolean secureCookies,
        LoginPolicy login,
        Duration sessionIdle,
        Duration sessionMaximum,
        UploadLimits uploads,
        List<String> trustedProxies,
        Duration jobLease,
        Optional<URI> pacsUrl) {

    public ServerConfig {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** Where a value came from, to name it in an error message. */
    private record Value(String text, String source) {}

    /** The defaults, for tests and the demo: the embedded database in {@code dataDir}. */
    public static ServerConfig defaults(Path dataDir) {
        return resolve(Map.of(Setting.DATA, dataDir.toString()), Map.of(), new Properties());
    }

    /** Reads a config file in {@link Properties} format; the keys are those of {@link Setting}. */
    public static Properties readFile(Path file) {
        var p = new Properties();
        if (file == null) {
            return p;
        }
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        for (String key : p.stringPropertyNames()) {
            boolean known = false;
            for (Setting s : Setting.values()) {
                known |= s.key().equals(key);
            }
            if (!known) {
                throw new IllegalArgumentException("config file " + file + " has unknown key '" + key
                        + "'; known keys: "
                        + java.util.Arrays.stream(Setting.values())
                                .map(Setting::key)
                                .collect(java.util.stream.Collectors.joining(", ")));
            }
        }
        return p;
    }

    /** Flags over environment over file over defaults. */
    public static ServerConfig resolve(Map<Setting, String> flags, Map<String, String> env, Properties file) {
        Map<Setting, Value> v = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (flags.get(s) != null) {
                v.put(s, new Value(flags.get(s), "the command line"));
            } else if (env.get(s.variable()) != null && !env.get(s.variable()).isBlank()) {
                v.put(s, new Value(env.get(s.variable()), s.variable()));
            } else if (file.getProperty(s.key()) != null) {
                v.put(s, new Value(file.getProperty(s.key()), "the config file"));
            } else {
                v.put(s, new Value(s.defaultValue(), "the default"));
            }
        }
        Path data = Path.of(v.get(Setting.DATA).text());
        String url = v.get(Setting.DB_URL).text().strip();
        StoreConfig store = url.isEmpty()
                ? StoreConfig.embedded(data)
                : new StoreConfig(
                        url,
                        v.get(Setting.DB_USER).text(),
                        v.get(Setting.DB_PASSWORD).text());
        int port = integer(v, Setting.PORT);
        if (port < 0 || port > 65535) {
            throw invalid(Setting.PORT, v.get(Setting.PORT), "a port number from 0 to 65535");
        }
        return new ServerConfig(
                v.get(Setting.HOST).text().strip(),
                port,
                data,
                store,
                bool(v, Setting.SECURE_COOKIES),
                new LoginPolicy(
                        integer(v, Setting.LOGIN_MAX_FAILURES),
                        duration(v, Setting.LOGIN_WINDOW),
                        duration(v, Setting.LOGIN_LOCKOUT)),
                duration(v, Setting.SESSION_IDLE),
                duration(v, Setting.SESSION_MAXIMUM),
                new UploadLimits(
                        mebibytes(v, Setting.UPLOAD_MAX),
                        mebibytes(v, Setting.UPLOAD_UNPACKED_MAX),
                        UploadLimits.DEFAULTS.maxEntries(),
                        UploadLimits.DEFAULTS.maxRatio(),
                        mebibytes(v, Setting.UPLOAD_QUOTA),
                        duration(v, Setting.UPLOAD_EXPIRY),
                        UploadLimits.DEFAULTS.reserveBytes()),
                proxies(v),
                lease(v),
                pacs(v));
    }

    /** The PACS's DICOMweb root, http(s) only; empty when netra has no PACS to talk to. */
    private static Optional<URI> pacs(Map<Setting, Value> v) {
        String text = v.get(Setting.PACS_URL).text().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(text);
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw invalid(
                        Setting.PACS_URL, v.get(Setting.PACS_URL), "an http(s) URL like http://pacs:8042/dicom-web");
            }
            return Optional.of(u);
        } catch (java.net.URISyntaxException e) {
            throw invalid(Setting.PACS_URL, v.get(Setting.PACS_URL), "an http(s) URL like http://pacs:8042/dicom-web");
        }
    }

    private static Duration lease(Map<Setting, Value> v) {
        Duration d = duration(v, Setting.JOB_LEASE);
        if (d.toMillis() < 300) {
            throw invalid(Setting.JOB_LEASE, v.get(Setting.JOB_LEASE), "a duration of at least PT0.3S");
        }
        return d;
    }

    private static long mebibytes(Map<Setting, Value> v, Setting s) {
        int mib = integer(v, s);
        if (mib < 1) {
            throw invalid(s, v.get(s), "a positive number of MiB");
        }
        return mib * UploadLimits.MIB;
    }

    /** Literal IP addresses only: a host name would make every request wait for DNS. */
    private static List<String> proxies(Map<Setting, Value> v) {
        List<String> out = new java.util.ArrayList<>();
        for (String part : v.get(Setting.TRUSTED_PROXIES).text().split(",")) {
            String a = part.strip();
            if (a.isEmpty()) {
                continue;
            }
            if (!a.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw invalid(
                        Setting.TRUSTED_PROXIES, v.get(Setting.TRUSTED_PROXIES), "IP addresses separated by commas");
            }
            try {
                out.add(java.net.InetAddress.getByName(a).getHostAddress());
            } catch (java.net.UnknownHostException e) {
                throw invalid(
                        Setting.TRUSTED_PROXIES, v.get(Setting.TRUSTED_PROXIES), "IP addresses separated by commas");
            }
        }
        return out;
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(
                host,
                newPort,
                dataDir,
                store,
                secureCookies,
                login,
                sessionIdle,
                sessionMaximum,
                uploads,
                trustedProxies,
                jobLease,
                pacsUrl);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(
                newHost,
                port,
                dataDir,
                store,
                secureCookies,
                login,
                sessionIdle,
                sessionMaximum,
                uploads,
                trustedProxies,
                jobLease,
                pacsUrl);
    }

    public ServerConfig withLogin(LoginPolicy policy) {
        return new ServerConfig(
                host,
                port,
                dataDir,
                store,
                secureCookies,
                policy,
                sessionIdle,
                sessionMaximum,
                uploads,
                trustedProxies,
                jobLease,
                pacsUrl);
    }

    public ServerConfig withUploads(UploadLimits limits) {
        return new ServerConfig(
                host,
                port,
                dataDir,
                store,
                secureCookies,
                login,
                sessionIdle,
                sessionMaximum,
                limits,
                trustedProxies,
                jobLease,
                pacsUrl);
    }

    public ServerConfig withTrustedProxies(List<String> proxies) {
        return new ServerConfig(
                host,
                port,
                dataDir,
                store,
                secureCookies,
                login,
                sessionIdle,
                sessionMaximum,
                uploads,
                proxies,
                jobLease,
                pacsUrl);
    }

    public ServerConfig withPacsUrl(Optional<URI> url) {
        return new ServerConfig(
                host,
                port,
                dataDir,
                store,
                secureCookies,
                login,
                sessionIdle,
                sessionMaximum,
                uploads,
                trustedProxies,
                jobLease,
                url);
    }

    private static int integer(Map<Setting, Value> v, Setting s) {
        try {
            return Integer.parseInt(v.get(s).text().strip());
        } catch (NumberFormatException e) {
            throw invalid(s, v.get(s), "a whole number");
        }
    }

    private static boolean bool(Map<Setting, Value> v, Setting s) {
        return switch (v.get(s).text().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw invalid(s, v.get(s), "true or false");
        };
    }

    private static Duration duration(Map<Setting, Value> v, Setting s) {
        try {
            Duration d = Duration.parse(v.get(s).text().strip());
            if (d.isNegative() || d.isZero()) {
                throw invalid(s, v.get(s), "a positive duration");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw invalid(s, v.get(s), "an ISO-8601 duration such as PT15M (15 minutes) or PT12H");
        }
    }

    private static IllegalArgumentException invalid(Setting s, Value value, String expected) {
        return new IllegalArgumentException(s.key() + " (" + s.variable() + ") is '" + value.text() + "' from "
                + value.source() + "; expected " + expected);
    }
}

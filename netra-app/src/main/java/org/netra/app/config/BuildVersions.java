package org.netra.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions Maven's resource filtering wrote into the build (netra's own, and the web assets' htmx and
 * Chart.js), read once: the CLI's {@code --version}, the web's asset paths and OpenAPI document, and every
 * dosimetry report's software line all take them from here.
 */
public final class BuildVersions {
    private static final Properties VERSIONS = load();

    private BuildVersions() {}

    /** netra's version, or "unknown" in a build that did not filter the resource. */
    public static String netra() {
        return property("version").orElse("unknown");
    }

    /** The version recorded under {@code key} ("version", "htmx", "chartjs"). */
    public static java.util.Optional<String> property(String key) {
        return java.util.Optional.ofNullable(VERSIONS.getProperty(key));
    }

    private static Properties load() {
        var p = new Properties();
        try (InputStream in = BuildVersions.class.getResourceAsStream("/org/netra/app/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read netra's version.properties", e);
        }
        return p;
    }
}

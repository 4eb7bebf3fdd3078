package org.netra.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    @Test
    void flagsBeatEnvironmentBeatsFileBeatsDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("netra.properties");
        Files.writeString(file, "port=7001\nhost=10.1.2.3\ndata=/srv/netra\nlogin.max-failures=3\n");
        Properties props = ServerConfig.readFile(file);

        var fileOnly = ServerConfig.resolve(Map.of(), Map.of(), props);
        assertThat(fileOnly.port()).isEqualTo(7001);
        assertThat(fileOnly.host()).isEqualTo("10.1.2.3");
        assertThat(fileOnly.login().maxFailures()).isEqualTo(3);
        assertThat(fileOnly.login().window()).isEqualTo(Duration.ofMinutes(15)); // default
        assertThat(fileOnly.store().url())
                .contains(Path.of("/srv/netra").toAbsolutePath().toString());

        var env = ServerConfig.resolve(
                Map.of(), Map.of("NETRA_PORT", "7002", "NETRA_DB_URL", "jdbc:postgresql://db/netra"), props);
        assertThat(env.port()).isEqualTo(7002);
        assertThat(env.store().url()).isEqualTo("jdbc:postgresql://db/netra");

        var flags = ServerConfig.resolve(Map.of(Setting.PORT, "7003"), Map.of("NETRA_PORT", "7002"), props);
        assertThat(flags.port()).isEqualTo(7003);
        assertThat(flags.host()).isEqualTo("10.1.2.3");

        var defaults = ServerConfig.resolve(Map.of(), Map.of(), new Properties());
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.secureCookies()).isFalse();
        assertThat(defaults.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void badValuesNameTheSettingAndWhereItCameFrom(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ServerConfig.resolve(Map.of(), Map.of("NETRA_PORT", "eighty"), new Properties()))
                .hasMessageContaining("port (NETRA_PORT) is 'eighty' from NETRA_PORT; expected a whole number");
        assertThatThrownBy(() ->
                        ServerConfig.resolve(Map.of(Setting.LOGIN_WINDOW, "15 minutes"), Map.of(), new Properties()))
                .hasMessageContaining("login.window")
                .hasMessageContaining("PT15M");
        assertThatThrownBy(() -> ServerConfig.resolve(Map.of(Setting.PORT, "70000"), Map.of(), new Properties()))
                .hasMessageContaining("0 to 65535");
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "prot=8080\n");
        assertThatThrownBy(() -> ServerConfig.readFile(file)).hasMessageContaining("unknown key 'prot'");
    }

    @Test
    void thePacsIsAnHttpUrlOrNone() {
        assertThat(ServerConfig.resolve(Map.of(), Map.of(), new Properties()).pacsUrl())
                .isEmpty();
        var c = ServerConfig.resolve(
                Map.of(), Map.of("NETRA_PACS_URL", "http://pacs.example:8042/dicom-web"), new Properties());
        assertThat(c.pacsUrl()).contains(java.net.URI.create("http://pacs.example:8042/dicom-web"));
        assertThatThrownBy(() -> ServerConfig.resolve(
                        Map.of(Setting.PACS_URL, "ftp://pacs/dicom-web"), Map.of(), new Properties()))
                .hasMessageContaining("pacs.url (NETRA_PACS_URL) is 'ftp://pacs/dicom-web'")
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> ServerConfig.resolve(
                        Map.of(Setting.PACS_URL, "http://pacs:80:80/x y"), Map.of(), new Properties()))
                .hasMessageContaining("pacs.url");
    }

    @Test
    void trustedProxiesAndUploadLimits() {
        var c = ServerConfig.resolve(
                Map.of(),
                Map.of(
                        "NETRA_TRUSTED_PROXIES", "10.0.0.5, 0:0:0:0:0:0:0:1",
                        "NETRA_UPLOAD_MAX_MIB", "200",
                        "NETRA_UPLOAD_EXPIRY", "PT2H"),
                new Properties());
        assertThat(c.trustedProxies()).containsExactly("10.0.0.5", "0:0:0:0:0:0:0:1");
        assertThat(c.uploads().maxUploadBytes()).isEqualTo(200L << 20);
        assertThat(c.uploads().maxUnpackedBytes()).isEqualTo(2048L << 20); // default
        assertThat(c.uploads().expiry()).isEqualTo(Duration.ofHours(2));
        assertThat(ServerConfig.resolve(Map.of(), Map.of(), new Properties()).trustedProxies())
                .isEmpty();

        // a host name would cost a DNS lookup per request and can change: refused, naming the setting
        assertThatThrownBy(() -> ServerConfig.resolve(
                        Map.of(), Map.of("NETRA_TRUSTED_PROXIES", "proxy.example.org"), new Properties()))
                .hasMessageContaining("proxies.trusted (NETRA_TRUSTED_PROXIES)")
                .hasMessageContaining("IP addresses");
        assertThatThrownBy(
                        () -> ServerConfig.resolve(Map.of(), Map.of("NETRA_UPLOAD_QUOTA_MIB", "0"), new Properties()))
                .hasMessageContaining("upload.quota-mib")
                .hasMessageContaining("positive number of MiB");
    }
}

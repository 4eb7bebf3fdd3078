package org.netra.app.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    /** The reference implementation's command line (Debian package argon2) must agree with netra byte for byte. */
    @Test
    void agreesWithTheReferenceImplementation() throws Exception {
        String password = "correct horse battery staple";
        String salt = "netra-salt-16byt";
        String reference = referenceHash(password, salt);
        assertThat(reference).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        String ours = hasher.hash(password, salt.getBytes(StandardCharsets.US_ASCII), PasswordHasher.OWASP);
        assertThat(ours).isEqualTo(reference);
        assertThat(hasher.verify(password, reference)).isTrue();
        assertThat(hasher.verify(password + " ", reference)).isFalse();
    }

    @Test
    void hashesAreSaltedAndVerify() {
        String a = hasher.hash("a long enough password");
        String b = hasher.hash("a long enough password");
        assertThat(a).isNotEqualTo(b).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("a long enough password", a)).isTrue();
        assertThat(hasher.verify("a long enough passworD", a)).isFalse();
        assertThat(hasher.verify("", a)).isFalse();
    }

    @Test
    void verifiesHashesMadeWithAnotherCost() {
        var cheap = new PasswordHasher.Cost(64, 1, 1);
        String h = hasher.hash("pw", new byte[16], cheap);
        assertThat(h).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(hasher.verify("pw", h)).isTrue();
    }

    @Test
    void refusesWhatIsNotAnArgon2idHash() {
        assertThatThrownBy(() -> hasher.verify("pw", "plaintext"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Argon2id PHC");
        assertThatThrownBy(() -> hasher.verify("pw", "$argon2i$v=19$m=64,t=1,p=1$AAAA$AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String referenceHash(String password, String salt) throws IOException, InterruptedException {
        Path exe = Path.of("/usr/bin/argon2");
        if (!Files.isExecutable(exe)) {
            TestData.unavailable("the argon2 reference command (Debian package argon2) is not installed");
        }
        var p = new ProcessBuilder(exe.toString(), salt, "-id", "-t", "2", "-k", "19456", "-p", "1", "-l", "32", "-e")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}

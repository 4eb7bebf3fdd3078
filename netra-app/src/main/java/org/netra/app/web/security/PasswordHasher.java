package org.netra.app.web.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.util.Arrays;

/**
 * Argon2id password hashes in the PHC string format that the reference implementation writes
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, base64 without padding). The default cost is
 * OWASP's Password Storage Cheat Sheet minimum for Argon2id: 19 MiB of memory, 2 iterations, 1 lane.
 * Verification reads the cost from the stored hash, so raising the cost later keeps old hashes valid.
 */
public final class PasswordHasher {
    /** OWASP Password Storage Cheat Sheet (2023+): m = 19 MiB, t = 2, p = 1. */
    public static final Cost OWASP = new Cost(19 * 1024, 2, 1);

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Cost cost;
    private final SecureRandom random = new SecureRandom();
    // each hash holds `memoryKiB` of RAM: bound how many run at once so a login flood cannot exhaust memory
    private final Semaphore running;

    /** The memory (KiB), iterations and lanes of one hash. */
    public record Cost(int memoryKiB, int iterations, int lanes) {
        public Cost {
            if (memoryKiB < 8 * lanes || iterations < 1 || lanes < 1) {
                throw new IllegalArgumentException(
                        "Argon2 needs memory >= 8 KiB per lane, iterations >= 1, lanes >= 1");
            }
        }
    }

    public PasswordHasher(Cost cost) {
        this.cost = cost;
        this.running = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors() * 2), true);
    }

    public PasswordHasher() {
        this(OWASP);
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(password, salt, cost);
    }

    /** The PHC string for a given salt and cost (public for tests against the reference implementation). */
    public String hash(String password, byte[] salt, Cost c) {
        byte[] out = derive(password, salt, c, HASH_BYTES);
        return "$argon2id$v=19$m=" + c.memoryKiB() + ",t=" + c.iterations() + ",p=" + c.lanes() + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** True when {@code password} matches {@code stored}; the comparison takes the same time either way. */
    public boolean verify(String password, String stored) {
        Matcher m = PHC.matcher(stored == null ? "" : stored);
        if (!m.matches()) {
            throw new IllegalArgumentException("stored password hash is not an Argon2id PHC string");
        }
        Cost c = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        byte[] salt = B64D.decode(m.group(4));
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(password, salt, c, expected.length);
        return Arrays.constantTimeAreEqual(expected, actual);
    }

    /** Spends the time of one verification without a user: sign-in takes as long for unknown names. */
    public void spendVerificationTime(String password) {
        derive(password, new byte[SALT_BYTES], cost, HASH_BYTES);
    }

    private byte[] derive(String password, byte[] salt, Cost c, int length) {
        var params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(c.memoryKiB())
                .withIterations(c.iterations())
                .withParallelism(c.lanes())
                .withSalt(salt)
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            running.release();
        }
        return out;
    }
}

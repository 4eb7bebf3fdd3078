package org.netra.sim.export;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * DICOM UIDs that are the same for the same twin: 2.25 followed by the decimal form of a name-based UUID of
 * the seed and the object's role (PS3.5 B.2), so a re-run with the same seed writes the same files.
 */
public final class Uids {
    private Uids() {}

    public static String of(long seed, String role) {
        UUID u = UUID.nameUUIDFromBytes(("netra-sim/" + seed + "/" + role).getBytes(StandardCharsets.UTF_8));
        ByteBuffer b =
                ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }
}

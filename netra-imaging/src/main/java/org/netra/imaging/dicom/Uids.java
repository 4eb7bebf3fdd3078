package org.netra.imaging.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * netra's one source of new DICOM UIDs: a UUID as a decimal under the 2.25 root (PS3.5 B.2), which needs
 * no registered root. {@link #random} for what netra creates (exports, derived series); {@link #named} for
 * UIDs that must come out the same every time (the digital twins', from their seed and role).
 */
public final class Uids {
    private Uids() {}

    /** A new UID from a random (version 4) UUID. */
    public static String random() {
        return of(UUID.randomUUID());
    }

    /** The UID of a name-based (version 3) UUID of {@code name}: the same name always gives the same UID. */
    public static String named(String name) {
        return of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    private static String of(UUID u) {
        byte[] bytes = ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array();
        return "2.25." + new BigInteger(1, bytes);
    }
}

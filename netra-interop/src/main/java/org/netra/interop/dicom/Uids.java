package org.netra.interop.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** New DICOM UIDs: a random UUID as a decimal under the 2.25 root (PS3.5 B.2), no registration needed. */
public final class Uids {
    private Uids() {}

    public static String newUid() {
        UUID u = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array();
        return "2.25." + new BigInteger(1, bytes);
    }
}

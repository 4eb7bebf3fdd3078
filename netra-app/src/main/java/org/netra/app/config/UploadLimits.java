package org.netra.app.config;

import java.time.Duration;

/**
 * What one dosimetry upload may take: {@code maxUploadBytes} of zip on the wire, {@code maxUnpackedBytes}
 * unpacked in at most {@code maxEntries} files, each file at most {@code maxRatio} times its compressed size
 * (DICOM compresses a few times, a zip bomb a thousand); per user {@code quotaBytes} of job folders, which
 * expire after {@code expiry}; and the disk must keep {@code reserveBytes} free beyond an upload's maximum.
 */
public record UploadLimits(
        long maxUploadBytes,
        long maxUnpackedBytes,
        int maxEntries,
        int maxRatio,
        long quotaBytes,
        Duration expiry,
        long reserveBytes) {
    public static final long MIB = 1L << 20;

    /** 1 GiB of zip, 2 GiB unpacked in 20 000 files, ratio 100, 4 GiB per user for 24 h, 1 GiB disk kept free. */
    public static final UploadLimits DEFAULTS =
            new UploadLimits(1024 * MIB, 2048 * MIB, 20_000, 100, 4096 * MIB, Duration.ofHours(24), 1024 * MIB);

    public UploadLimits {
        if (maxUploadBytes < 1
                || maxUnpackedBytes < 1
                || maxEntries < 1
                || maxRatio < 2
                || quotaBytes < 1
                || reserveBytes < 0
                || expiry.isNegative()
                || expiry.isZero()) {
            throw new IllegalArgumentException(
                    "upload limits must be positive (ratio at least 2), got " + maxUploadBytes
                            + ", " + maxUnpackedBytes + ", " + maxEntries + ", " + maxRatio + ", " + quotaBytes + ", "
                            + expiry + ", " + reserveBytes);
        }
    }

    public UploadLimits withQuota(long bytes) {
        return new UploadLimits(maxUploadBytes, maxUnpackedBytes, maxEntries, maxRatio, bytes, expiry, reserveBytes);
    }

    public UploadLimits withMaxUpload(long bytes) {
        return new UploadLimits(bytes, maxUnpackedBytes, maxEntries, maxRatio, quotaBytes, expiry, reserveBytes);
    }

    public UploadLimits withMaxUnpacked(long bytes) {
        return new UploadLimits(maxUploadBytes, bytes, maxEntries, maxRatio, quotaBytes, expiry, reserveBytes);
    }
}

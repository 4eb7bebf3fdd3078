package org.netra.app.web.dosimetry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.netra.app.config.UploadLimits;
import org.netra.app.web.security.Accounts;

/**
 * Unpacks a dosimetry upload (a zip) into its job folder under {@code work/<user>/}, within the limits:
 * free disk and the user's quota are checked before the first byte is written; the unpacked size, the
 * number of entries and the compression ratio are checked while unpacking, so a zip bomb is refused as
 * soon as it passes a limit rather than after it has filled the disk. A refused upload's folder is
 * deleted; folders older than the expiry (uploads never started, jobs long done) are deleted too, and all
 * of them at start-up, when no job can still use one (jobs live in memory).
 */
public final class UploadUnpacker {
    /** Below this much unpacked data the ratio is not judged: a small file may compress very well. */
    static final long RATIO_GRACE_BYTES = 16L << 20;

    private static final Pattern USER_FOLDER = Pattern.compile(Accounts.USERNAME_RULE);

    private final Path work;
    private final UploadLimits limits;
    private final Clock clock;
    private volatile java.util.function.Predicate<String> inUse = id -> false;

    public UploadUnpacker(Path work, UploadLimits limits, Clock clock) {
        this.work = work;
        this.limits = limits;
        this.clock = clock;
    }

    public UploadLimits limits() {
        return limits;
    }

    /**
     * Refuses a request body before it is read: larger than an upload may be (by its Content-Length, -1 when
     * not given; Jetty still counts the bytes of a body without one), or more than the disk can take.
     */
    public void checkBeforeReceiving(long contentLength) throws IOException {
        if (contentLength > limits.maxUploadBytes() + (1L << 20)) {
            throw new UploadRefusedException("the upload is " + mib(contentLength) + ", larger than "
                    + mib(limits.maxUploadBytes()) + ", the limit for one zip");
        }
        Files.createDirectories(work);
        long free = Files.getFileStore(work).getUsableSpace();
        long need = Math.max(contentLength, 0) + limits.maxUnpackedBytes() + limits.reserveBytes();
        if (free < need) {
            throw new UploadRefusedException("the server's disk has " + mib(free) + " free, less than this upload"
                    + " may need (" + mib(need) + "); tell your administrator");
        }
    }

    /** Reads a zip received from a form: its file name and its bytes. */
    @FunctionalInterface
    public interface ZipReader<T> {
        T read(String name, InputStream zip) throws IOException;
    }

    /**
     * The zip of the multipart field {@code zip} of {@code ctx}, given to {@code read}: refused before it is read when
     * the request is larger than an upload may be or the disk cannot take it, and as soon as Jetty passes the size
     * limit; {@code missing} says what to choose when the field is empty. The dosimetry upload and the study list's
     * patient CD both receive their zip here.
     */
    public <T> T fromForm(io.javalin.http.Context ctx, String missing, ZipReader<T> read) throws IOException {
        checkBeforeReceiving(ctx.req().getContentLengthLong());
        io.javalin.http.UploadedFile file;
        try {
            file = ctx.uploadedFile("zip");
        } catch (IllegalStateException e) {
            // Jetty stops reading the multipart body as soon as it passes the configured size
            throw new UploadRefusedException(
                    "the upload is larger than " + mib(limits.maxUploadBytes()) + ", the limit for one zip");
        }
        if (file == null) {
            throw new org.netra.dosimetry.cycle.CycleInputException(missing);
        }
        try (var in = file.content()) {
            return read.read(file.filename(), in);
        }
    }

    /**
     * Names the job folders ({@code job-<id>}) that must stay whatever their age: those of jobs queued or running
     * on any node (the queue is shared, and so is the data folder).
     */
    public void keepWhile(java.util.function.Predicate<String> jobInUse) {
        this.inUse = jobInUse;
    }

    /**
     * Deletes every job folder no queued or running job needs: at start-up, what a run before this one left (a
     * refused upload, an upload never started). With nodes sharing the data folder, an upload another node is
     * holding for its selection may go too; its user is asked to upload again.
     */
    public void deleteUnused() {
        deleteWhere(job -> true);
    }

    /** The job folder {@code owner/job-id} under this unpacker's folder (what a queued job names). */
    public Path folder(String owner, String id) {
        if (!USER_FOLDER.matcher(owner).matches() || !id.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("not a job folder: " + owner + "/" + id);
        }
        return work.resolve(owner).resolve("job-" + id);
    }

    /**
     * Unpacks {@code zip} into a new folder {@code id} of {@code owner}, or refuses it ({@link UploadRefusedException}
     * or {@link org.netra.dosimetry.cycle.CycleInputException} for entries outside the folder or a non-zip),
     * deleting whatever was written.
     */
    public Path unpack(String owner, String id, InputStream zip) throws IOException {
        return receive(owner, id, (dir, room) -> unzip(zip, dir, room));
    }

    /** Writes the files of a new job folder within {@code room} bytes (what the quota and the limit leave). */
    @FunctionalInterface
    public interface FolderWriter {
        void write(Path dir, long room) throws IOException;
    }

    /**
     * Fills a new folder {@code id} of {@code owner} through {@code writer} (a zip unpacked, series retrieved from
     * the PACS) after checking the user's quota and the free disk, or refuses it, deleting whatever was written.
     */
    public Path receive(String owner, String id, FolderWriter writer) throws IOException {
        if (!USER_FOLDER.matcher(owner).matches()) {
            throw new IllegalArgumentException("not a user name: " + owner);
        }
        deleteExpired();
        Path userDir = work.resolve(owner);
        long used = size(userDir);
        if (used >= limits.quotaBytes()) {
            throw new UploadRefusedException(String.format(
                    java.util.Locale.ROOT,
                    "your job folders hold %s of your %s quota; wait until older jobs expire (after %s) and"
                            + " upload again",
                    mib(used),
                    mib(limits.quotaBytes()),
                    limits.expiry()));
        }
        Files.createDirectories(work);
        long free = Files.getFileStore(work).getUsableSpace();
        if (free < limits.maxUnpackedBytes() + limits.reserveBytes()) {
            throw new UploadRefusedException("the server's disk has " + mib(free) + " free, less than an upload may"
                    + " need (" + mib(limits.maxUnpackedBytes() + limits.reserveBytes())
                    + "); tell your administrator");
        }
        Path dir = userDir.resolve("job-" + id);
        try {
            Files.createDirectories(dir);
            writer.write(dir, Math.min(limits.maxUnpackedBytes(), limits.quotaBytes() - used));
            return dir;
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** Deletes a job folder (a refused upload, or one the job no longer needs). */
    public void discard(Path dir) {
        if (dir.toAbsolutePath().normalize().startsWith(work.toAbsolutePath().normalize())) {
            deleteTree(dir);
        }
    }

    /** Deletes job folders last changed longer ago than the expiry. */
    public void deleteExpired() {
        Instant horizon = clock.instant().minus(limits.expiry());
        deleteWhere(job -> Files.getLastModifiedTime(job).toInstant().isBefore(horizon));
    }

    private interface FolderTest {
        boolean test(Path job) throws IOException;
    }

    private void deleteWhere(FolderTest delete) {
        if (!Files.isDirectory(work)) {
            return;
        }
        try (Stream<Path> users = Files.list(work)) {
            for (Path user : users.filter(Files::isDirectory).toList()) {
                try (Stream<Path> jobs = Files.list(user)) {
                    for (Path job : jobs.toList()) {
                        String name = job.getFileName().toString();
                        boolean needed = name.startsWith("job-") && inUse.test(name.substring(4));
                        if (!needed && delete.test(job)) {
                            deleteTree(job);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the job folders in " + work, e);
        }
    }

    private void unzip(InputStream zip, Path dir, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath().normalize();
        var compressed = new CountingInputStream(zip);
        long total = 0;
        int entries = 0;
        try (var in = new ZipInputStream(compressed)) {
            ZipEntry e;
            byte[] buf = new byte[1 << 16];
            while ((e = in.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new UploadRefusedException("the zip has more than " + limits.maxEntries() + " entries");
                }
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new org.netra.dosimetry.cycle.CycleInputException(
                            "the zip entry '" + e.getName() + "' points outside its folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (var out = Files.newOutputStream(target)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                        if (total > maxBytes) {
                            throw new UploadRefusedException("the zip unpacks to more than " + mib(maxBytes)
                                    + (maxBytes < limits.maxUnpackedBytes()
                                            ? " (what is left of your quota; older jobs expire after " + limits.expiry()
                                                    + ")"
                                            : " (the limit for one upload)"));
                        }
                        if (total > RATIO_GRACE_BYTES && total > limits.maxRatio() * compressed.count()) {
                            throw new UploadRefusedException("the zip unpacks to more than " + limits.maxRatio()
                                    + " times its size (" + mib(total) + " from " + mib(compressed.count())
                                    + " so far): that is a zip bomb, not DICOM images");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        }
        if (entries == 0) {
            throw new org.netra.dosimetry.cycle.CycleInputException("the upload is not a zip or is empty");
        }
    }

    private static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            long sum = 0;
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    /** Counts the compressed bytes the zip reader has taken, to judge the compression ratio. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}

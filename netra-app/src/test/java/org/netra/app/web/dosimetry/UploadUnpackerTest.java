package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.config.UploadLimits;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.dosimetry.cycle.CycleInputException;

class UploadUnpackerTest {
    private static final long MIB = UploadLimits.MIB;

    @Test
    void aZipBombIsRefusedAfterAFewMebibytesAndLeavesNothing(@TempDir Path work) throws IOException {
        // 512 MiB of zeros: about 0.5 MB of zip, 1000 times smaller than what it unpacks to
        byte[] bomb = zip(1, 512 * MIB, false);
        assertThat(bomb.length).isLessThan(1_000_000);
        var unpacker = new UploadUnpacker(work, UploadLimits.DEFAULTS, Clock.systemUTC());
        var source = new Counting(new ByteArrayInputStream(bomb));
        long start = System.nanoTime();

        assertThatThrownBy(() -> unpacker.unpack("physicist", "bomb", source))
                .isInstanceOf(UploadRefusedException.class)
                .hasMessageContaining("zip bomb");
        long ms = (System.nanoTime() - start) / 1_000_000;

        // refused once the ratio is clear past the grace: a few hundred kB of the zip read, not all of it
        assertThat(source.count).isLessThan(bomb.length / 2);
        assertThat(tree(work)).as("the refused upload's folder is deleted").isEmpty();
        System.out.println(
                "zip bomb refused after reading " + source.count + " of " + bomb.length + " bytes in " + ms + " ms");
    }

    @Test
    void theUnpackedLimitIsCheckedWhileUnpacking(@TempDir Path work) throws IOException {
        var limits = UploadLimits.DEFAULTS.withMaxUnpacked(4 * MIB);
        var unpacker = new UploadUnpacker(work, limits, Clock.systemUTC());
        byte[] big = zip(3, 2 * MIB, true); // 6 MiB of random bytes: incompressible, so no ratio alarm
        var source = new Counting(new ByteArrayInputStream(big));

        assertThatThrownBy(() -> unpacker.unpack("physicist", "big", source))
                .isInstanceOf(UploadRefusedException.class)
                .hasMessageContaining("more than 4 MiB");
        // stopped within one read buffer (and the zip reader's own) of the limit
        assertThat(source.count).isLessThan(4 * MIB + 256 * 1024);
        assertThat(tree(work)).isEmpty();
    }

    @Test
    void entryCountQuotaAndZipSlipAreRefused(@TempDir Path work) throws IOException {
        var limits = new UploadLimits(MIB, 64 * MIB, 10, 100, 3 * MIB, Duration.ofHours(1), 0);
        var unpacker = new UploadUnpacker(work, limits, Clock.systemUTC());

        assertThatThrownBy(() -> unpacker.unpack("physicist", "many", new ByteArrayInputStream(zip(11, 10, true))))
                .isInstanceOf(UploadRefusedException.class)
                .hasMessageContaining("more than 10 entries");

        Path first = unpacker.unpack("physicist", "one", new ByteArrayInputStream(zip(1, 2 * MIB, true)));
        assertThat(Files.size(first.resolve("f0.dcm"))).isEqualTo(2 * MIB);
        assertThatThrownBy(() -> unpacker.unpack("physicist", "two", new ByteArrayInputStream(zip(1, 2 * MIB, true))))
                .isInstanceOf(UploadRefusedException.class)
                .hasMessageContaining("quota");
        // another user has a quota of their own
        unpacker.unpack("nurse", "three", new ByteArrayInputStream(zip(1, MIB, true)));

        var slip = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(slip)) {
            z.putNextEntry(new ZipEntry("../../escaped.dcm"));
            z.write(1);
        }
        assertThatThrownBy(() -> unpacker.unpack("nurse", "slip", new ByteArrayInputStream(slip.toByteArray())))
                .isInstanceOf(CycleInputException.class)
                .hasMessageContaining("outside its folder");
        assertThat(Files.exists(work.resolve("escaped.dcm"))).isFalse();
        assertThat(tree(work)).containsExactlyInAnyOrder("physicist/job-one/f0.dcm", "nurse/job-three/f0.dcm");
    }

    @Test
    void expiredFoldersAreDeleted(@TempDir Path work) throws IOException {
        var limits = UploadLimits.DEFAULTS;
        var clock = Clock.fixed(Instant.parse("2026-01-10T12:00:00Z"), ZoneOffset.UTC);
        var unpacker = new UploadUnpacker(work, limits, clock);
        Path old = unpacker.unpack("physicist", "old", new ByteArrayInputStream(zip(1, 10, true)));
        Files.setLastModifiedTime(
                old, FileTime.from(clock.instant().minus(limits.expiry()).minusSeconds(1)));
        Path fresh = unpacker.unpack("physicist", "fresh", new ByteArrayInputStream(zip(1, 10, true)));
        Files.setLastModifiedTime(fresh, FileTime.from(clock.instant().minusSeconds(60)));

        unpacker.deleteExpired();

        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void anUploadOverTheLimitIsRefusedOverHttpAndNothingStays() throws Exception {
        try (var server = TestServer.configured(c -> c.withUploads(UploadLimits.DEFAULTS.withMaxUpload(MIB)))) {
            String token = server.app.accounts().issueToken("physicist", "test-setup");
            byte[] zip = zip(1, 3 * MIB, true);
            String boundary = "netra-test-boundary";
            var body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"zip\"; filename=\"big.zip\"\r\n"
                            + "Content-Type: application/zip\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.write(zip);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            var client = new WebClient(server.base);
            // streamed without a length, so only the limit while reading can stop it
            HttpResponse<String> answer = client.send(client.request("/api/dosimetry/jobs")
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.toByteArray())))
                    .build());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("larger than 1 MiB");
            assertThat(tree(server.config.dataDir().resolve("jobs"))).isEmpty();
            // Jetty deletes a refused multipart's spill file when it completes the request, which may be just
            // after the answer reached us: wait for it a bounded while, then it must be gone
            Path incoming = server.config.dataDir().resolve("incoming");
            for (int i = 0; i < 100 && !tree(incoming).isEmpty(); i++) {
                Thread.sleep(50);
            }
            assertThat(tree(incoming)).isEmpty();

            // a declared length over the limit is refused before the body is read
            HttpResponse<String> declared = client.send(client.request("/api/dosimetry/jobs")
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build());
            assertThat(declared.statusCode()).isEqualTo(413);
            assertThat(declared.body()).contains("the limit for one zip");
        }
    }

    /** A zip of {@code files} entries of {@code size} bytes, random or zeros. */
    static byte[] zip(int files, long size, boolean random) throws IOException {
        var out = new ByteArrayOutputStream();
        var rnd = new Random(files * 31L + size);
        byte[] chunk = new byte[1 << 16];
        try (var z = new ZipOutputStream(out)) {
            for (int i = 0; i < files; i++) {
                z.putNextEntry(new ZipEntry("f" + i + ".dcm"));
                for (long left = size; left > 0; left -= chunk.length) {
                    if (random) {
                        rnd.nextBytes(chunk);
                    }
                    z.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Files below {@code dir}, as relative paths with '/'. */
    static java.util.List<String> tree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}

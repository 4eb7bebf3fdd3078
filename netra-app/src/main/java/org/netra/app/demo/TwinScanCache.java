package org.netra.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.netra.app.config.BuildVersions;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;

/**
 * A recorded cycle's simulated twin scans kept on disk after their first simulation (6–16 s of CPU for a cycle's
 * four SPECTs), so that the viewer and the cycle's dosimetry job — whichever comes first — simulate it once, and a
 * restarted server not again. One file per cycle, named by a hash of everything the scans depend on: the twin's
 * seed, the chart's body size and the recorded cycle ({@link #key}), this netra's version and {@link #FORMAT}; a
 * file for other inputs is simply never asked for. Bounded: past {@code maxBytes} the least recently used files
 * go. The files are exact: the scans' float voxels as simulated, not a DICOM rescaled to 16 bits.
 */
public final class TwinScanCache {
    /** Raise when the layout of the files or what netra-sim makes of the same inputs changes. */
    static final int FORMAT = 1;

    private static final long MAGIC = 0x4e45545241545701L; // "NETRATW" 1

    /** A cycle's scans, each with its CT, and the phantom's VOIs, as the viewer shows them. */
    public record CycleScans(List<Double> hours, List<ImageVolume> images, List<ImageVolume> cts, List<Mask> vois) {
        public CycleScans {
            hours = List.copyOf(hours);
            images = List.copyOf(images);
            cts = List.copyOf(cts);
            vois = List.copyOf(vois);
            if (images.size() != hours.size() || cts.size() != hours.size()) {
                throw new IllegalArgumentException("a scan needs its time, image and CT: " + hours.size() + " times, "
                        + images.size() + " images, " + cts.size() + " CTs");
            }
        }
    }

    private final Optional<Path> folder;
    private final long maxBytes;

    private TwinScanCache(Optional<Path> folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    /** Keeps scans in {@code folder} (made when first written), at most {@code maxBytes} of them. */
    public static TwinScanCache in(Path folder, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the twin scan cache needs a size above 0 bytes, got " + maxBytes);
        }
        return new TwinScanCache(Optional.of(folder), maxBytes);
    }

    /** Keeps nothing: every cycle is simulated when asked for. */
    public static TwinScanCache none() {
        return new TwinScanCache(Optional.empty(), 0);
    }

    /** The name of a cycle's scans: a hash of what they are made from, with netra's version and the format. */
    public static String key(String... inputs) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(("netra " + BuildVersions.netra() + " twin scans format " + FORMAT)
                    .getBytes(StandardCharsets.UTF_8));
            for (String in : inputs) {
                sha.update((byte) 0);
                sha.update(in.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether scans are kept under {@code key} (a quick look: {@link #read} may still find the file unreadable). */
    public boolean holds(String key) {
        return folder.isPresent() && Files.isRegularFile(file(key));
    }

    /** The scans kept under {@code key}; empty when none are (or the file is unreadable: simulate again). */
    public Optional<CycleScans> read(String key) {
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getLong() != MAGIC) {
                return Optional.empty();
            }
            int n = b.getInt();
            List<Double> hours = new ArrayList<>();
            List<ImageVolume> images = new ArrayList<>();
            List<ImageVolume> cts = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                hours.add(b.getDouble());
                images.add(volume(b, VoxelUnit.BQ_PER_ML));
                cts.add(b.get() == 1 ? cts.getLast() : volume(b, VoxelUnit.HU));
            }
            int masks = b.getInt();
            List<Mask> vois = new ArrayList<>();
            for (int m = 0; m < masks; m++) {
                byte[] name = new byte[b.getInt()];
                b.get(name);
                Geometry g = geometry(b);
                long[] words = new long[b.getInt()];
                b.asLongBuffer().get(words);
                b.position(b.position() + words.length * Long.BYTES);
                vois.add(Mask.of(new String(name, StandardCharsets.UTF_8), g, BitSet.valueOf(words)));
            }
            // the least recently used go first when the cache is full
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            return Optional.of(new CycleScans(hours, images, cts, vois));
        } catch (IOException | RuntimeException e) {
            // a file cut short (the server stopped while writing it elsewhere) or of another layout: make it again
            return Optional.empty();
        }
    }

    /** Keeps {@code scans} under {@code key}, then trims the folder to its size; a failure to write only costs time. */
    public void write(String key, CycleScans scans) {
        if (folder.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(folder.get());
            Path part = Files.createTempFile(folder.get(), key, ".part");
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                writeFully(ch, header(scans.hours().size()));
                for (int s = 0; s < scans.hours().size(); s++) {
                    writeFully(
                            ch,
                            ByteBuffer.allocate(8)
                                    .order(ByteOrder.LITTLE_ENDIAN)
                                    .putDouble(0, scans.hours().get(s)));
                    writeVolume(ch, scans.images().get(s));
                    // a scan without motion has the same CT as the one before: written once
                    boolean same =
                            s > 0 && sameVoxels(scans.cts().get(s), scans.cts().get(s - 1));
                    writeFully(ch, ByteBuffer.allocate(1).put(0, (byte) (same ? 1 : 0)));
                    if (!same) {
                        writeVolume(ch, scans.cts().get(s));
                    }
                }
                writeFully(
                        ch,
                        ByteBuffer.allocate(4)
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .putInt(0, scans.vois().size()));
                for (Mask m : scans.vois()) {
                    byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
                    long[] words = m.bits().toLongArray();
                    ByteBuffer b = ByteBuffer.allocate(4 + name.length).order(ByteOrder.LITTLE_ENDIAN);
                    b.putInt(name.length).put(name).flip();
                    writeFully(ch, b);
                    writeFully(ch, geometryBytes(m.geometry()));
                    ByteBuffer w =
                            ByteBuffer.allocate(4 + words.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    w.putInt(words.length);
                    w.asLongBuffer().put(words);
                    writeFully(ch, w.position(0));
                }
            }
            // whole or not at all: a reader never sees half a file
            Files.move(part, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            trim();
        } catch (IOException e) {
            // the scans are in memory already; not keeping them only means simulating them again next time
        }
    }

    /** Deletes the least recently used files until the folder holds at most {@code maxBytes}. */
    private void trim() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder.orElseThrow())) {
            files = new ArrayList<>(
                    s.filter(p -> p.toString().endsWith(".scans")).toList());
        }
        files.sort(Comparator.comparing(TwinScanCache::lastModified).reversed());
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
            if (total > maxBytes) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String key) {
        if (!key.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a twin scan key: " + key);
        }
        return folder.orElseThrow().resolve(key + ".scans");
    }

    private static ByteBuffer header(int scans) {
        return ByteBuffer.allocate(12)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(MAGIC)
                .putInt(scans)
                .flip();
    }

    private static void writeVolume(FileChannel ch, ImageVolume v) throws IOException {
        writeFully(ch, geometryBytes(v.geometry()));
        float[] voxels = v.voxels();
        ByteBuffer b = ByteBuffer.allocate(voxels.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(voxels);
        writeFully(ch, b);
    }

    private static boolean sameVoxels(ImageVolume a, ImageVolume b) {
        return a.geometry().equals(b.geometry()) && java.util.Arrays.equals(a.voxels(), b.voxels());
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static ImageVolume volume(ByteBuffer b, VoxelUnit unit) {
        Geometry g = geometry(b);
        float[] voxels = new float[g.voxelCount()];
        b.asFloatBuffer().get(voxels);
        b.position(b.position() + voxels.length * Float.BYTES);
        return ImageVolume.wrap(g, unit, voxels);
    }

    private static ByteBuffer geometryBytes(Geometry g) {
        ByteBuffer b = ByteBuffer.allocate(3 * 4 + 15 * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(g.nx()).putInt(g.ny()).putInt(g.nz());
        for (double d : g.spacing()) {
            b.putDouble(d);
        }
        for (double d : g.origin()) {
            b.putDouble(d);
        }
        for (double d : g.direction()) {
            b.putDouble(d);
        }
        return b.flip();
    }

    private static Geometry geometry(ByteBuffer b) {
        int nx = b.getInt();
        int ny = b.getInt();
        int nz = b.getInt();
        double[] spacing = new double[3];
        double[] origin = new double[3];
        double[] direction = new double[9];
        for (int i = 0; i < 3; i++) {
            spacing[i] = b.getDouble();
        }
        for (int i = 0; i < 3; i++) {
            origin[i] = b.getDouble();
        }
        for (int i = 0; i < 9; i++) {
            direction[i] = b.getDouble();
        }
        return Geometry.of(nx, ny, nz, spacing, origin, direction);
    }
}

package org.netra.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;

/** The twins' scan cache gives back exactly what was put in, only under its key, and stays within its size. */
class TwinScanCacheTest {
    private static final Geometry GRID =
            Geometry.of(17, 11, 7, new double[] {4.8, 4.8, 3.3}, new double[] {-40, 20.5, -300}, new double[] {
                1, 0, 0, 0, 0, 1, 0, -1, 0
            });

    static TwinScanCache.CycleScans scans(long seed, boolean moved) {
        var random = new Random(seed);
        float[] ct = new float[GRID.voxelCount()];
        for (int v = 0; v < ct.length; v++) {
            ct[v] = -1000 + 1200 * random.nextFloat();
        }
        float[] ctMoved = ct.clone();
        ctMoved[3] += 1;
        List<ImageVolume> images = Stream.generate(() -> {
                    float[] a = new float[GRID.voxelCount()];
                    for (int v = 0; v < a.length; v++) {
                        a[v] = (float) (random.nextGaussian() * 1e5);
                    }
                    return ImageVolume.wrap(GRID, VoxelUnit.BQ_PER_ML, a);
                })
                .limit(3)
                .toList();
        var ctVolume = ImageVolume.wrap(GRID, VoxelUnit.HU, ct);
        BitSet kidney = new BitSet();
        BitSet edge = new BitSet();
        for (int v = 0; v < GRID.voxelCount(); v++) {
            kidney.set(v, random.nextInt(5) == 0);
        }
        edge.set(GRID.voxelCount() - 1);
        return new TwinScanCache.CycleScans(
                List.of(4.0, 24.0, 96.0),
                images,
                List.of(ctVolume, ctVolume, moved ? ImageVolume.wrap(GRID, VoxelUnit.HU, ctMoved) : ctVolume),
                List.of(Mask.of("Kidney (left)", GRID, kidney), Mask.of("last voxel", GRID, edge)));
    }

    @Test
    void givesBackEveryVoxelMaskAndGridExactly(@TempDir Path dir) {
        var cache = TwinScanCache.in(dir, 1 << 30);
        for (boolean moved : new boolean[] {false, true}) {
            var put = scans(moved ? 2 : 1, moved);
            String key = TwinScanCache.key("P-1", "cycle " + moved);
            assertThat(cache.read(key)).isEmpty();
            cache.write(key, put);
            var got = cache.read(key).orElseThrow();
            assertThat(got.hours()).isEqualTo(put.hours());
            for (int s = 0; s < 3; s++) {
                assertThat(got.images().get(s).geometry()).isEqualTo(GRID);
                assertThat(got.images().get(s).unit()).isEqualTo(VoxelUnit.BQ_PER_ML);
                assertThat(got.images().get(s).voxels())
                        .containsExactly(put.images().get(s).voxels());
                assertThat(got.cts().get(s).unit()).isEqualTo(VoxelUnit.HU);
                assertThat(got.cts().get(s).voxels())
                        .containsExactly(put.cts().get(s).voxels());
            }
            for (int m = 0; m < 2; m++) {
                assertThat(got.vois().get(m).name()).isEqualTo(put.vois().get(m).name());
                assertThat(got.vois().get(m).geometry()).isEqualTo(GRID);
                assertThat(got.vois().get(m).bits()).isEqualTo(put.vois().get(m).bits());
            }
        }
        // another input, another key: never the scans of a different twin
        assertThat(TwinScanCache.key("P-1", "cycle false")).isNotEqualTo(TwinScanCache.key("P-1", "cycle true"));
        assertThat(TwinScanCache.key("P-1", "a", "b")).isNotEqualTo(TwinScanCache.key("P-1", "ab"));
        assertThat(TwinScanCache.none().read(TwinScanCache.key("P-1", "cycle false")))
                .isEmpty();
    }

    @Test
    void aFileCutShortIsSimulatedAgainNotRead(@TempDir Path dir) throws Exception {
        var cache = TwinScanCache.in(dir, 1 << 30);
        String key = TwinScanCache.key("P-2");
        cache.write(key, scans(3, false));
        Path file = dir.resolve(key + ".scans");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThat(cache.read(key)).isEmpty();
    }

    @Test
    void dropsTheLeastRecentlyUsedBeyondItsSize(@TempDir Path dir) throws Exception {
        var probe = TwinScanCache.in(dir.resolve("probe"), 1 << 30);
        probe.write(TwinScanCache.key("probe"), scans(9, false));
        long one;
        try (var s = Files.list(dir.resolve("probe"))) {
            one = Files.size(s.findFirst().orElseThrow());
        }
        // room for two cycles' files, not three
        var cache = TwinScanCache.in(dir.resolve("cache"), 2 * one + one / 2);
        String a = TwinScanCache.key("A");
        String b = TwinScanCache.key("B");
        String c = TwinScanCache.key("C");
        cache.write(a, scans(4, false));
        Files.setLastModifiedTime(dir.resolve("cache").resolve(a + ".scans"), FileTime.fromMillis(1_000_000));
        cache.write(b, scans(5, false));
        Files.setLastModifiedTime(dir.resolve("cache").resolve(b + ".scans"), FileTime.fromMillis(2_000_000));
        // reading A makes it the most recently used, so B goes when C comes
        assertThat(cache.read(a)).isPresent();
        cache.write(c, scans(6, false));
        assertThat(cache.read(a)).isPresent();
        assertThat(cache.read(b)).isEmpty();
        assertThat(cache.read(c)).isPresent();
    }
}

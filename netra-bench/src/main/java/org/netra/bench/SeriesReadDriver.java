package org.netra.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.SeriesAssembler;

/**
 * Reading a series folder into a volume with netra, for bench/run-read.sh, which runs pydicom + numpy on the
 * same folders in the same session. {@code SeriesReadDriver RUNS FOLDER...}: with RUNS > 0, two warm-up reads
 * then RUNS timed reads of each folder in this JVM (in-process: what a server or the CLI's later reads see),
 * one line per folder "in-process FOLDER median min max" in ms; with RUNS 0, one read of each folder, "once
 * FOLDER ms" (the script times the whole process around it, JVM start included).
 */
public final class SeriesReadDriver {
    private SeriesReadDriver() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        for (String folder : Arrays.copyOfRange(args, 1, args.length)) {
            Path path = Path.of(folder);
            if (runs == 0) {
                long t = System.nanoTime();
                ImageVolume v = SeriesAssembler.assemble(path).volume();
                System.out.printf(Locale.ROOT, "once %s %.1f %d%n", folder, (System.nanoTime() - t) / 1e6, size(v));
                continue;
            }
            for (int i = 0; i < 2; i++) {
                SeriesAssembler.assemble(path).volume();
            }
            double[] ms = new double[runs];
            long voxels = 0;
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                ImageVolume v = SeriesAssembler.assemble(path).volume();
                ms[i] = (System.nanoTime() - t) / 1e6;
                voxels = size(v);
            }
            Arrays.sort(ms);
            System.out.printf(
                    Locale.ROOT,
                    "in-process %s %.1f %.1f %.1f %d%n",
                    folder,
                    ms[runs / 2],
                    ms[0],
                    ms[runs - 1],
                    voxels);
        }
    }

    private static long size(ImageVolume v) {
        var g = v.geometry();
        return (long) g.nx() * g.ny() * g.nz();
    }
}

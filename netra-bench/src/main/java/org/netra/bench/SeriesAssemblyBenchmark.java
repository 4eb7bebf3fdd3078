package org.netra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.SeriesAssembler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the real 199-slice 177Lu SPECT series (256×256, one file per slice) into a Volume: walk,
 * parse, decode, sort, rescale. Target (issue 3): under 1 s on the 2-core machine. Data from
 * NETRA_TESTDATA (default ../shared/data).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(1)
public class SeriesAssemblyBenchmark {
    private Path series;

    @Setup
    public void locate() {
        String root = System.getenv().getOrDefault("NETRA_TESTDATA", "../shared/data");
        series = Path.of(root, "dicom/lu177-dotatate-spect/SCAN_001/image");
        if (!Files.isDirectory(series)) {
            throw new IllegalStateException(series + " is missing; set NETRA_TESTDATA to shared/data");
        }
    }

    @Benchmark
    public ImageVolume assembleSpect() throws Exception {
        return SeriesAssembler.assemble(series).volume();
    }
}

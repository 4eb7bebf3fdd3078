package org.netra.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.imaging.dicom.SeriesScanner;
import org.netra.imaging.dicom.SeriesSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netra dicom info PATH}: what series a file or folder holds. */
@Command(
        name = "dicom",
        mixinStandardHelpOptions = true,
        description = "DICOM files and series.",
        subcommands = {DicomCommand.Info.class})
final class DicomCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "info",
            mixinStandardHelpOptions = true,
            description = "One entry per series in a file or folder (searched recursively); non-DICOM files are"
                    + " skipped with a note.")
    static final class Info implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "PATH", description = "a DICOM file or a folder")
        Path path;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        record Series(
                String seriesInstanceUid,
                String modality,
                String sopClassUid,
                String sopClass,
                int rows,
                int columns,
                int frames,
                double[] pixelSpacingMm,
                Double sliceSpacingMm,
                String units,
                String decayCorrection,
                Double injectedMBq,
                String injectionDateTime,
                String acquisitionDateTime,
                String seriesDescription,
                int files) {}

        record Skipped(String file, String reason) {}

        record Report(List<Series> series, List<Skipped> skipped) {}

        @Override
        public Integer call() throws IOException {
            var scan = SeriesScanner.scan(path);
            var report = new Report(
                    scan.series().stream().map(Info::entry).toList(),
                    scan.skipped().stream()
                            .map(s -> new Skipped(s.file().toString(), s.reason()))
                            .toList());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(report));
            } else {
                for (Series s : report.series()) {
                    out.printf(
                            Locale.ROOT,
                            "%s %s  %s  %d×%d×%d  pixel %s mm  slice %s mm  %d file(s)%n",
                            s.modality(),
                            s.sopClass(),
                            Optional.ofNullable(s.seriesDescription()).orElse("(no description)"),
                            s.columns(),
                            s.rows(),
                            s.frames(),
                            s.pixelSpacingMm() == null
                                    ? "?"
                                    : String.format(
                                            Locale.ROOT, "%.4g×%.4g", s.pixelSpacingMm()[0], s.pixelSpacingMm()[1]),
                            s.sliceSpacingMm() == null ? "?" : String.format(Locale.ROOT, "%.4g", s.sliceSpacingMm()),
                            s.files());
                    out.printf(
                            Locale.ROOT,
                            "  units %s, decay correction %s, injected %s MBq at %s, acquired %s%n",
                            orDash(s.units()),
                            orDash(s.decayCorrection()),
                            s.injectedMBq() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.injectedMBq()),
                            orDash(s.injectionDateTime()),
                            orDash(s.acquisitionDateTime()));
                }
                for (Skipped s : report.skipped()) {
                    out.printf(Locale.ROOT, "skipped %s: %s%n", s.file(), s.reason());
                }
                if (report.series().isEmpty()) {
                    out.println("no DICOM series found in " + path);
                }
            }
            out.flush();
            return 0;
        }

        private static String orDash(String s) {
            return s == null ? "-" : s;
        }

        static Series entry(SeriesSummary s) {
            return new Series(
                    s.seriesInstanceUid(),
                    s.modality(),
                    s.sopClassUid(),
                    s.sopClassName(),
                    s.rows(),
                    s.columns(),
                    s.frames(),
                    s.pixelSpacingMm().orElse(null),
                    s.sliceSpacingMm().isPresent() ? s.sliceSpacingMm().getAsDouble() : null,
                    s.units().orElse(null),
                    s.decayCorrection().orElse(null),
                    s.injectedActivity().map(a -> a.inMBq()).orElse(null),
                    s.injectionDateTime().map(LocalDateTime::toString).orElse(null),
                    s.acquisitionDateTime().map(LocalDateTime::toString).orElse(null),
                    s.seriesDescription().orElse(null),
                    s.files());
        }
    }
}

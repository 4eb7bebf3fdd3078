package org.netra.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.imaging.dicom.DicomDir;
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
            description = "One entry per series in a file, a folder (searched recursively) or a DICOMDIR (a"
                    + " patient CD: its patients, studies and series); files that cannot be read are skipped with"
                    + " a note naming the reason. Exits 2 when nothing could be read.")
    static final class Info implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "PATH", description = "a DICOM file, a folder or a DICOMDIR")
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

        record StudyEntry(String studyInstanceUid, String date, String description, List<String> seriesInstanceUids) {}

        record PatientEntry(String id, String name, List<StudyEntry> studies) {}

        /** {@code patients} only when the input is a DICOMDIR (or a folder with one at its top). */
        record Report(List<Series> series, List<Skipped> skipped, List<PatientEntry> patients) {}

        @Override
        public Integer call() throws IOException {
            var scan = SeriesScanner.scan(path);
            var report = new Report(
                    scan.series().stream().map(Info::entry).toList(),
                    scan.skipped().stream()
                            .map(s -> new Skipped(s.file().toString(), s.reason()))
                            .toList(),
                    scan.directory().map(Info::patients).orElse(null));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(report));
            } else if (report.patients() != null) {
                Map<String, Series> byUid = new LinkedHashMap<>();
                report.series().forEach(s -> byUid.put(s.seriesInstanceUid(), s));
                out.printf(
                        Locale.ROOT,
                        "DICOMDIR with %d patient(s)%n",
                        report.patients().size());
                for (PatientEntry p : report.patients()) {
                    out.printf(Locale.ROOT, "patient %s (ID %s)%n", orDash(p.name()), orDash(p.id()));
                    for (StudyEntry st : p.studies()) {
                        out.printf(
                                Locale.ROOT,
                                "  study %s %s (%s)%n",
                                orDash(st.date()),
                                st.description().isEmpty() ? "(no description)" : st.description(),
                                st.studyInstanceUid());
                        for (String uid : st.seriesInstanceUids()) {
                            Series s = byUid.get(uid);
                            if (s == null) {
                                out.printf(Locale.ROOT, "    series %s: no readable file%n", uid);
                            } else {
                                print(out, s, "    ");
                            }
                        }
                    }
                }
                printSkipped(out, report);
            } else {
                for (Series s : report.series()) {
                    print(out, s, "");
                }
                printSkipped(out, report);
            }
            out.flush();
            return 0;
        }

        private static void printSkipped(PrintWriter out, Report report) {
            for (Skipped s : report.skipped()) {
                out.printf(Locale.ROOT, "skipped %s: %s%n", s.file(), s.reason());
            }
        }

        private static List<PatientEntry> patients(DicomDir dir) {
            return dir.patients().stream()
                    .map(p -> new PatientEntry(
                            p.id(),
                            p.name(),
                            p.studies().stream()
                                    .map(st -> new StudyEntry(
                                            st.instanceUid(),
                                            st.date().map(LocalDate::toString).orElse(null),
                                            st.description(),
                                            st.series().stream()
                                                    .map(DicomDir.Series::instanceUid)
                                                    .toList()))
                                    .toList()))
                    .toList();
        }

        private static void print(PrintWriter out, Series s, String indent) {
            out.printf(
                    Locale.ROOT,
                    indent + "%s %s  %s  %d×%d×%d  pixel %s mm  slice %s mm  %d file(s)%n",
                    s.modality(),
                    s.sopClass(),
                    Optional.ofNullable(s.seriesDescription()).orElse("(no description)"),
                    s.columns(),
                    s.rows(),
                    s.frames(),
                    s.pixelSpacingMm() == null
                            ? "?"
                            : String.format(Locale.ROOT, "%.4g×%.4g", s.pixelSpacingMm()[0], s.pixelSpacingMm()[1]),
                    s.sliceSpacingMm() == null ? "?" : String.format(Locale.ROOT, "%.4g", s.sliceSpacingMm()),
                    s.files());
            out.printf(
                    Locale.ROOT,
                    indent + "  units %s, decay correction %s, injected %s MBq at %s, acquired %s%n",
                    orDash(s.units()),
                    orDash(s.decayCorrection()),
                    s.injectedMBq() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.injectedMBq()),
                    orDash(s.injectionDateTime()),
                    orDash(s.acquisitionDateTime()));
        }

        private static String orDash(String s) {
            return s == null || s.isEmpty() ? "-" : s;
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

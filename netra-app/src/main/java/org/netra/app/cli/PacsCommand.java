package org.netra.app.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.interop.dicomweb.DicomWebClient;
import org.netra.interop.dicomweb.Matches;
import org.netra.interop.referral.ReferralPackage;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netra pacs find|pull|push}: a PACS over DICOMweb (QIDO-RS, WADO-RS, STOW-RS). */
@Command(
        name = "pacs",
        mixinStandardHelpOptions = true,
        description = "Find, pull and push DICOM on a PACS over DICOMweb.",
        subcommands = {PacsCommand.Find.class, PacsCommand.Pull.class, PacsCommand.Push.class})
final class PacsCommand {
    private PacsCommand() {}

    /** Where the PACS is: --url, else NETRA_PACS_URL; optional basic authentication. */
    static final class PacsOptions {
        @Option(
                names = "--url",
                paramLabel = "URL",
                description = "DICOMweb base URL, e.g. http://pacs:8042/dicom-web (default: NETRA_PACS_URL)")
        String url;

        @Option(names = "--user", description = "user for HTTP basic authentication (default: NETRA_PACS_USER)")
        String user;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "per request (default: 300)")
        int timeoutSeconds = 300;

        @Option(names = "--attempts", description = "tries on connection errors and 5xx answers (default: 3)")
        int attempts = 3;

        DicomWebClient client() {
            String u = url != null ? url : System.getenv("NETRA_PACS_URL");
            if (u == null || u.isBlank()) {
                throw new IllegalArgumentException(
                        "no PACS given: use --url http://host:port/dicom-web or set" + " NETRA_PACS_URL");
            }
            var settings = DicomWebClient.Settings.of(URI.create(u))
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(timeoutSeconds))
                    .withAttempts(attempts, Duration.ofMillis(500));
            String who = user != null ? user : System.getenv("NETRA_PACS_USER");
            if (who != null && !who.isBlank()) {
                String password = System.getenv("NETRA_PACS_PASSWORD");
                settings = settings.withBasicAuth(who, password == null ? "" : password);
            }
            return new DicomWebClient(settings);
        }
    }

    abstract static class PacsAction implements Runnable {
        @ArgGroup(exclusive = false, heading = "PACS%n")
        PacsOptions pacs = new PacsOptions();

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        void print(Object result, String text) {
            var out = spec.commandLine().getOut();
            out.println(json ? Json.write(result) : text);
            out.flush();
        }
    }

    record FindResult(List<Matches.Study> studies, List<Matches.Series> series) {}

    @Command(
            name = "find",
            mixinStandardHelpOptions = true,
            description = "Search studies (QIDO-RS); with --study, list that study's series.")
    static final class Find extends PacsAction {
        @Option(names = "--patient-id", description = "Patient ID (wildcards * and ? allowed)")
        String patientId;

        @Option(names = "--patient-name", description = "Patient's name (wildcards allowed)")
        String patientName;

        @Option(names = "--date", description = "Study date or range, DICOM style: 20181115 or 20180101-20181231")
        String date;

        @Option(names = "--modality", description = "a modality in the study (PT, NM, CT, RTDOSE…)")
        String modality;

        @Option(names = "--study", paramLabel = "UID", description = "list the series of this study")
        String study;

        @Override
        public void run() {
            var client = pacs.client();
            Map<String, String> q = new LinkedHashMap<>();
            put(q, "PatientID", patientId);
            put(q, "PatientName", patientName);
            put(q, "StudyDate", date);
            if (study != null) {
                put(q, "StudyInstanceUID", study);
            } else {
                put(q, "ModalitiesInStudy", modality);
            }
            List<Matches.Study> studies = client.searchStudies(q);
            List<Matches.Series> series = study == null
                    ? List.of()
                    : client.searchSeries(
                            Optional.of(study), modality == null ? Map.of() : Map.of("Modality", modality));
            var text = new StringBuilder();
            for (var s : studies) {
                text.append(String.format(
                        "%s  %s  %s  %s  %s  %d series, %d instances%n",
                        s.studyInstanceUid(),
                        s.studyDate(),
                        s.patientId(),
                        s.patientName(),
                        String.join("/", s.modalities()),
                        s.series(),
                        s.instances()));
            }
            for (var s : series) {
                text.append(String.format(
                        "  series %s  %s  #%d  %s  %d instances%n",
                        s.seriesInstanceUid(), s.modality(), s.seriesNumber(), s.description(), s.instances()));
            }
            if (studies.isEmpty()) {
                text.append("no study matches\n");
            }
            print(new FindResult(studies, series), text.toString().stripTrailing());
        }

        private static void put(Map<String, String> q, String key, String value) {
            if (value != null && !value.isBlank()) {
                q.put(key, value);
            }
        }
    }

    record PullResult(String study, List<String> series, int instances, long bytes, String folder) {}

    @Command(
            name = "pull",
            mixinStandardHelpOptions = true,
            description = "Retrieve a study or one series (WADO-RS) into a folder, one file per instance.")
    static final class Pull extends PacsAction {
        @Option(names = "--study", required = true, paramLabel = "UID", description = "Study Instance UID")
        String study;

        @Option(names = "--series", paramLabel = "UID", description = "only this Series Instance UID")
        String series;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write into")
        Path out;

        @Override
        public void run() {
            var client = pacs.client();
            // series by series, so memory holds one series at a time, not the whole study
            List<String> seriesUids = series != null
                    ? List.of(series)
                    : client.searchSeries(Optional.of(study), Map.of()).stream()
                            .map(Matches.Series::seriesInstanceUid)
                            .toList();
            if (seriesUids.isEmpty()) {
                throw new IllegalArgumentException("study " + study + " has no series on "
                        + client.settings().base());
            }
            long bytes = 0;
            int count = 0;
            try {
                for (String uid : seriesUids) {
                    for (byte[] i : client.retrieveSeries(study, uid)) {
                        Attributes h = DicomFile.parse(i, "WADO-RS instance", DicomFile.Extent.HEADER)
                                .dataset();
                        Path dir = out.resolve(h.string(Tag.SERIES_INSTANCE_UID).orElse(uid));
                        Files.createDirectories(dir);
                        Files.write(dir.resolve(h.string(Tag.SOP_INSTANCE_UID).orElseThrow() + ".dcm"), i);
                        bytes += i.length;
                        count++;
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot write the retrieved instances to " + out + ": " + e.getMessage(), e);
            }
            var r = new PullResult(study, seriesUids, count, bytes, out.toString());
            print(
                    r,
                    "pulled " + r.instances() + " instances (" + r.bytes() + " bytes) of study " + study + " into "
                            + out);
        }
    }

    record PushResult(int sent, int stored, List<Matches.StoredInstance> failed) {}

    @Command(
            name = "push",
            mixinStandardHelpOptions = true,
            description = "Store DICOM files (STOW-RS): images, RT Dose, RTSTRUCT, encapsulated reports.")
    static final class Push extends PacsAction {
        @Parameters(paramLabel = "PATH", arity = "1..*", description = "DICOM files or folders (searched recursively)")
        List<Path> paths = new ArrayList<>();

        @Override
        public void run() {
            var client = pacs.client();
            List<Matches.StoredInstance> results = new ArrayList<>();
            int sent = 0;
            try {
                List<Path> files = ReferralPackage.dicomPaths(paths);
                if (files.isEmpty()) {
                    throw new IllegalArgumentException("no DICOM Part 10 file under " + paths);
                }
                // read and send in batches, so memory holds one batch, not the whole folder
                List<byte[]> batch = new ArrayList<>();
                long size = 0;
                for (Path f : files) {
                    byte[] b = Files.readAllBytes(f);
                    batch.add(b);
                    size += b.length;
                    if (size >= client.settings().maxStoreBatchBytes()) {
                        results.addAll(client.store(batch));
                        sent += batch.size();
                        batch = new ArrayList<>();
                        size = 0;
                    }
                }
                if (!batch.isEmpty()) {
                    results.addAll(client.store(batch));
                    sent += batch.size();
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + paths + ": " + e.getMessage(), e);
            }
            var failed = results.stream().filter(Matches.StoredInstance::failed).toList();
            var r = new PushResult(sent, results.size() - failed.size(), failed);
            print(
                    r,
                    "stored " + r.stored() + " of " + r.sent() + " instances"
                            + (failed.isEmpty() ? "" : "; refused: " + failed));
            if (!failed.isEmpty()) {
                throw new IllegalArgumentException("the PACS refused " + failed.size() + " instance(s)");
            }
        }
    }
}

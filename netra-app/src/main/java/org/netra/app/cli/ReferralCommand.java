package org.netra.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.interop.fhir.FhirImport;
import org.netra.interop.fhir.FhirJson;
import org.netra.interop.referral.FhirFiling;
import org.netra.interop.referral.ReferralPackage;
import org.netra.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netra referral export|import}: a patient between centres (FHIR + netra records + DICOM in a zip). */
@Command(
        name = "referral",
        mixinStandardHelpOptions = true,
        description = "Refer a patient to another centre, or take a referral in.",
        subcommands = {ReferralCommand.Export.class, ReferralCommand.Import.class})
final class ReferralCommand {
    private ReferralCommand() {}

    abstract static class Action implements Runnable {
        @ArgGroup(exclusive = false, heading = "Database%n")
        DatabaseOptions db = new DatabaseOptions();

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        void print(ReferralPackage.Summary s, String verb, Path file) {
            var o = spec.commandLine().getOut();
            o.println(
                    json
                            ? Json.write(s)
                            : verb + " referral of " + s.patientId() + " (" + file + "): records " + s.records() + ", "
                                    + s.dicomInstances() + " DICOM instances, " + s.fhirEntries() + " FHIR entries");
            o.flush();
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a patient's referral package.")
    static final class Export extends Action {
        @Option(names = "--patient", required = true, description = "netra patient id")
        String patient;

        @Option(names = "--dicom", paramLabel = "PATH", description = "DICOM files or folders to include")
        List<Path> dicom = new ArrayList<>();

        @ArgGroup(exclusive = false, heading = "DICOM from a PACS%n")
        PacsCommand.PacsOptions pacs;

        @Option(names = "--study", paramLabel = "UID", description = "a study to retrieve from the PACS (repeatable)")
        List<String> studies = new ArrayList<>();

        @Option(names = "--zone", description = "time zone of the record's times (default: the system's)")
        ZoneId zone = ZoneId.systemDefault();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the package (.zip)")
        Path out;

        @Override
        public void run() {
            try (Store store = Store.open(db.config())) {
                List<byte[]> instances = new ArrayList<>(ReferralPackage.dicomFiles(dicom));
                if (!studies.isEmpty()) {
                    var client = (pacs == null ? new PacsCommand.PacsOptions() : pacs).client();
                    for (String s : studies) {
                        for (var series : client.searchSeries(Optional.of(s), Map.of())) {
                            instances.addAll(client.retrieveSeries(s, series.seriesInstanceUid()));
                        }
                    }
                }
                print(ReferralPackage.write(out, store, patient, instances, zone), "wrote", out);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Take a referral in: a netra package (.zip), or a FHIR R4 Bundle (.json) from any system.")
    static final class Import extends Action {
        @Parameters(paramLabel = "FILE", description = "the package (.zip) or FHIR Bundle (.json)")
        Path file;

        @Option(names = "--zone", description = "time zone to read the record's times in (default: the system's)")
        ZoneId zone = ZoneId.systemDefault();

        @Option(names = "--dicom-dir", paramLabel = "DIR", description = "write its DICOM here (study/series/sop.dcm)")
        Path dicomDir;

        @ArgGroup(exclusive = false, heading = "Store its DICOM on a PACS%n")
        PacsCommand.PacsOptions pacs;

        @Option(names = "--actor", description = "who imports, for the audit trail (default: ${DEFAULT-VALUE})")
        String actor = "referral import (" + System.getProperty("user.name", "cli") + ")";

        @Override
        public void run() {
            try (Store store = Store.open(db.config())) {
                if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    var record = new FhirImport(zone)
                            .fromBundle(
                                    FhirJson.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
                    var filed = FhirFiling.file(record, store, actor);
                    var o = spec.commandLine().getOut();
                    o.println(
                            json
                                    ? Json.write(filed)
                                    : "filed FHIR referral of " + filed.patientId() + ": " + filed.records()
                                            + (filed.notFiled().isEmpty()
                                                    ? ""
                                                    : "; not filed: " + String.join("; ", filed.notFiled())));
                    o.flush();
                    return;
                }
                var target = new ReferralPackage.DicomTarget(
                        Optional.ofNullable(dicomDir), Optional.ofNullable(pacs).map(PacsCommand.PacsOptions::client));
                print(ReferralPackage.importInto(file, store, target, actor, zone), "imported", file);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}

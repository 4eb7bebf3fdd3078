package org.netra.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import org.netra.imaging.dicom.DicomFile;
import org.netra.interop.administration.AdministrationSr;
import org.netra.interop.administration.CycleDoseRecords;
import org.netra.interop.dicom.RadiopharmaceuticalDoseSr;
import org.netra.interop.fhir.AbsorbedDoseFhir;
import org.netra.interop.fhir.FhirJson;
import org.netra.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netra import rrdsr|doses-fhir}: records other systems send, filed under the patient they name. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "File what another system sent: a Radiopharmaceutical Radiation Dose SR from a hot lab or an"
                + " injector as a cycle's dispensing and administration, or a cycle's absorbed doses in FHIR R4 as its"
                + " dosimetry.",
        subcommands = {ImportCommand.Rrdsr.class, ImportCommand.DosesFhir.class})
final class ImportCommand {
    private ImportCommand() {}

    record Result(
            String file,
            String patientId,
            int cycle,
            String dispensingId,
            String administrationId,
            double administeredMBq,
            List<String> warnings) {}

    @Command(
            name = "rrdsr",
            mixinStandardHelpOptions = true,
            description = "A Radiopharmaceutical Radiation Dose SR (TID 10021) as the dispensing (batch, activity"
                    + " before, residual after, with their times) and administration time of a cycle.")
    static final class Rrdsr implements Runnable {
        @Parameters(paramLabel = "FILE", description = "the SR (DICOM Part 10 file)")
        Path file;

        @Option(
                names = "--cycle",
                description = "cycle number (default: the patient's planned cycle on the SR's start day)")
        Integer cycle;

        @Option(names = "--zone", description = "the department's time zone (default: the system's)")
        ZoneId zone = ZoneId.systemDefault();

        @Option(names = "--actor", description = "who imports, for the audit trail (default: ${DEFAULT-VALUE})")
        String actor = "rrdsr import (" + System.getProperty("user.name", "cli") + ")";

        @ArgGroup(exclusive = false, heading = "Database%n")
        DatabaseOptions db = new DatabaseOptions();

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            RadiopharmaceuticalDoseSr.Received sr;
            try {
                sr = RadiopharmaceuticalDoseSr.read(DicomFile.read(file).dataset());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
            try (Store store = Store.open(db.config())) {
                var filed = AdministrationSr.file(
                        store, sr, cycle == null ? OptionalInt.empty() : OptionalInt.of(cycle), zone, actor);
                var r = new Result(
                        file.toString(),
                        filed.patientId(),
                        filed.cycle(),
                        filed.dispensingId(),
                        filed.administrationId(),
                        filed.administered().inMBq(),
                        filed.warnings());
                var o = spec.commandLine().getOut();
                if (json) {
                    o.println(Json.write(r));
                } else {
                    o.printf(
                            java.util.Locale.ROOT,
                            "filed %s as cycle %d of patient %s: %.0f MBq administered%n",
                            file,
                            r.cycle(),
                            r.patientId(),
                            r.administeredMBq());
                    r.warnings().forEach(w -> o.println("warning: " + w));
                }
                o.flush();
            }
        }
    }

    record DosesResult(String file, String patientId, int cycle, String dosimetryId, int regions) {}

    @Command(
            name = "doses-fhir",
            mixinStandardHelpOptions = true,
            description = "A cycle's absorbed doses as a FHIR R4 Bundle (as netra export doses-fhir writes it) filed"
                    + " as that cycle's dosimetry of the patient it names (netra id or MRN); refused if the cycle has"
                    + " dosimetry already.")
    static final class DosesFhir implements Runnable {
        @Parameters(paramLabel = "FILE", description = "the Bundle (.json)")
        Path file;

        @Option(names = "--zone", description = "the department's time zone (default: the system's)")
        ZoneId zone = ZoneId.systemDefault();

        @Option(names = "--actor", description = "who imports, for the audit trail (default: ${DEFAULT-VALUE})")
        String actor = "dose import (" + System.getProperty("user.name", "cli") + ")";

        @ArgGroup(exclusive = false, heading = "Database%n")
        DatabaseOptions db = new DatabaseOptions();

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            String text;
            try {
                text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
            String source = file.getFileName().toString();
            var summary = new AbsorbedDoseFhir(zone).fromBundle(FhirJson.parse(text, source), source);
            try (Store store = Store.open(db.config())) {
                var filed = CycleDoseRecords.file(store, summary, source, actor);
                var r = new DosesResult(
                        file.toString(),
                        filed.patientId(),
                        summary.cycle(),
                        filed.id(),
                        summary.regions().size());
                var o = spec.commandLine().getOut();
                o.println(
                        json
                                ? Json.write(r)
                                : "filed " + file + " as the dosimetry of cycle " + r.cycle() + " of patient "
                                        + r.patientId() + " (" + r.regions() + " regions)");
                o.flush();
            }
        }
    }
}

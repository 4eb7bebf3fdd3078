package org.netra.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.LabelMap;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.interop.administration.AdministrationSr;
import org.netra.interop.administration.CycleDoseRecords;
import org.netra.interop.dicom.EncapsulatedPdfExport;
import org.netra.interop.dicom.RadiopharmaceuticalDoseSr;
import org.netra.interop.dicom.RtDoseExport;
import org.netra.interop.dicom.RtStructExport;
import org.netra.interop.dicom.SourceSeries;
import org.netra.interop.fhir.AbsorbedDoseFhir;
import org.netra.interop.fhir.FhirJson;
import org.netra.interop.referral.ReferralPackage;
import org.netra.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra export rtdose|rtstruct|pdf|fhir|rrdsr|doses-fhir}: results as DICOM objects in the source study, or
 * FHIR R4.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export a dose map, VOIs or a report as DICOM in the source study, a cycle's administration as"
                + " a Radiopharmaceutical Radiation Dose SR, a patient or a cycle's absorbed doses as FHIR R4.",
        subcommands = {
            ExportCommand.RtDose.class,
            ExportCommand.RtStructure.class,
            ExportCommand.Pdf.class,
            ExportCommand.Fhir.class,
            ExportCommand.Rrdsr.class,
            ExportCommand.DosesFhir.class
        })
final class ExportCommand {
    private ExportCommand() {}

    record Result(
            String kind,
            String file,
            String sopInstanceUid,
            String seriesInstanceUid,
            String studyInstanceUid,
            String detail) {}

    abstract static class DicomExport implements Runnable {
        @Option(names = "--series", required = true, paramLabel = "DIR", description = "the source image series")
        Path series;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the DICOM file to write")
        Path out;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract Attributes build(AssembledSeries source, SourceSeries reference) throws IOException;

        abstract String detail(Attributes written);

        @Override
        public void run() {
            try {
                AssembledSeries s = SeriesAssembler.assemble(series);
                Attributes ds = build(s, SourceSeries.of(s));
                DicomWriter.write(out, ds);
                var r = new Result(
                        spec.name(),
                        out.toString(),
                        ds.string(Tag.SOP_INSTANCE_UID).orElseThrow(),
                        ds.string(Tag.SERIES_INSTANCE_UID).orElseThrow(),
                        ds.string(Tag.STUDY_INSTANCE_UID).orElseThrow(),
                        detail(ds));
                var o = spec.commandLine().getOut();
                o.println(
                        json
                                ? Json.write(r)
                                : "wrote " + r.kind() + " " + out + " in study " + r.studyInstanceUid() + ": "
                                        + r.detail());
                o.flush();
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    @Command(
            name = "rtdose",
            mixinStandardHelpOptions = true,
            description = "An absorbed-dose map (NIfTI, Gy) as RT Dose.")
    static final class RtDose extends DicomExport {
        @Option(
                names = "--dose",
                required = true,
                paramLabel = "FILE",
                description = "dose map in Gy (.nii, .nii.gz), e.g. from netra dosimetry")
        Path dose;

        @Option(names = "--description", description = "series description (default: ${DEFAULT-VALUE})")
        String description = "netra absorbed dose";

        @Override
        Attributes build(AssembledSeries source, SourceSeries reference) throws IOException {
            return RtDoseExport.toDataset(Nifti.readVolume(dose, VoxelUnit.GY), reference, description);
        }

        @Override
        String detail(Attributes ds) {
            return "Dose Grid Scaling " + ds.string(Tag.DOSE_GRID_SCALING).orElse("") + " Gy, "
                    + ds.string(Tag.NUMBER_OF_FRAMES).orElse("") + " frames";
        }
    }

    @Command(
            name = "rtstruct",
            mixinStandardHelpOptions = true,
            description = "VOIs (NIfTI labels or an RTSTRUCT) as RTSTRUCT.")
    static final class RtStructure extends DicomExport {
        @Option(names = "--labels", paramLabel = "FILE", description = "a NIfTI label map; one ROI per label")
        Path labels;

        @Option(names = "--rtstruct", paramLabel = "FILE", description = "an RTSTRUCT whose ROIs to re-export")
        Path rtstruct;

        @Option(names = "--type", description = "RT ROI Interpreted Type (default: ${DEFAULT-VALUE})")
        String type = "GTV";

        @Option(names = "--label", description = "structure set label (default: ${DEFAULT-VALUE})")
        String label = "netra VOIs";

        @Override
        Attributes build(AssembledSeries source, SourceSeries reference) throws IOException {
            var grid = source.volume().geometry();
            List<Mask> masks = new ArrayList<>();
            if ((labels == null) == (rtstruct == null)) {
                throw new IllegalArgumentException("give exactly one of --labels FILE or --rtstruct FILE");
            }
            if (labels != null) {
                LabelMap map = Nifti.readLabels(labels);
                if (!map.geometry().equals(grid)) {
                    map = Resampling.nearest(map, grid, RigidTransform.identity());
                }
                for (int l : map.names().keySet()) {
                    Mask m = map.mask(l);
                    if (!m.isEmpty()) {
                        masks.add(m);
                    }
                }
            } else {
                masks.addAll(RtStruct.read(rtstruct).rasterise(grid));
            }
            return RtStructExport.toDataset(
                    masks.stream().map(m -> new RtStructExport.Voi(m, type)).toList(), reference, label);
        }

        @Override
        String detail(Attributes ds) {
            return ds.sequence(Tag.STRUCTURE_SET_ROI_SEQUENCE).size() + " ROIs";
        }
    }

    @Command(name = "pdf", mixinStandardHelpOptions = true, description = "A PDF report as Encapsulated PDF.")
    static final class Pdf extends DicomExport {
        @Option(names = "--pdf", required = true, paramLabel = "FILE", description = "the report")
        Path pdf;

        @Option(names = "--title", description = "document title (default: ${DEFAULT-VALUE})")
        String title = "netra dosimetry report";

        @Override
        Attributes build(AssembledSeries source, SourceSeries reference) throws IOException {
            return EncapsulatedPdfExport.toDataset(Files.readAllBytes(pdf), title, reference);
        }

        @Override
        String detail(Attributes ds) {
            return EncapsulatedPdfExport.pdf(ds).length + " bytes of PDF";
        }
    }

    record FhirResult(String patientId, String file, int entries) {}

    @Command(
            name = "fhir",
            mixinStandardHelpOptions = true,
            description = "A patient's record as a FHIR R4 Bundle (JSON).")
    static final class Fhir implements Runnable {
        @Option(names = "--patient", required = true, description = "netra patient id")
        String patient;

        @Option(names = "--dicom", paramLabel = "PATH", description = "DICOM files or folders to list as ImagingStudy")
        List<Path> dicom = new ArrayList<>();

        @Option(names = "--zone", description = "time zone of the record's times (default: the system's)")
        ZoneId zone = ZoneId.systemDefault();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the Bundle (.json)")
        Path out;

        @ArgGroup(exclusive = false, heading = "Database%n")
        DatabaseOptions db = new DatabaseOptions();

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            try (Store store = Store.open(db.config())) {
                var bundle = ReferralPackage.fhirBundle(store, patient, ReferralPackage.dicomFiles(dicom), zone);
                Files.writeString(out, FhirJson.encode(bundle), StandardCharsets.UTF_8);
                var r = new FhirResult(
                        patient, out.toString(), bundle.getEntry().size());
                var o = spec.commandLine().getOut();
                o.println(
                        json
                                ? Json.write(r)
                                : "wrote FHIR R4 Bundle of " + patient + " (" + r.entries() + " entries) to " + out);
                o.flush();
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    @Command(
            name = "rrdsr",
            mixinStandardHelpOptions = true,
            description = "A cycle's administration (agent, activity measured before and residual after, administered"
                    + " activity, time, route, lot) as a Radiopharmaceutical Radiation Dose SR (TID 10021).")
    static final class Rrdsr implements Runnable {
        /** The patient, cycle, zone, database and output form. */
        @Mixin
        CycleExport c;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the DICOM file to write")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            try (Store store = Store.open(c.db.config())) {
                Attributes ds =
                        AdministrationSr.export(store, c.patient, c.cycle, c.zone, java.time.LocalDateTime.now(c.zone));
                DicomWriter.write(out, ds);
                var a = RadiopharmaceuticalDoseSr.read(ds).administration();
                var r = new Result(
                        "rrdsr",
                        out.toString(),
                        ds.string(Tag.SOP_INSTANCE_UID).orElseThrow(),
                        ds.string(Tag.SERIES_INSTANCE_UID).orElseThrow(),
                        ds.string(Tag.STUDY_INSTANCE_UID).orElseThrow(),
                        String.format(
                                java.util.Locale.ROOT,
                                "%s, %.0f MBq administered at %s",
                                a.agent().meaning(),
                                a.administered().inMBq(),
                                a.start().local()));
                var o = spec.commandLine().getOut();
                o.println(c.json ? Json.write(r) : "wrote rrdsr " + out + ": " + r.detail());
                o.flush();
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    @Command(
            name = "doses-fhir",
            mixinStandardHelpOptions = true,
            description = "A cycle's absorbed doses (kidneys with T_eff and BED, red marrow, tumours and organs, in Gy)"
                    + " as a FHIR R4 Bundle after the Radiation Dose Summary IG, with the administration it follows.")
    static final class DosesFhir implements Runnable {
        /** The patient, cycle, zone, database and output form. */
        @Mixin
        CycleExport c;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the Bundle (.json)")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            try (Store store = Store.open(c.db.config())) {
                var summary = CycleDoseRecords.summary(store, c.patient, c.cycle);
                var bundle = new AbsorbedDoseFhir(c.zone).toBundle(summary);
                Files.writeString(out, FhirJson.encode(bundle), StandardCharsets.UTF_8);
                var r = new FhirResult(
                        c.patient, out.toString(), bundle.getEntry().size());
                var o = spec.commandLine().getOut();
                o.println(
                        c.json
                                ? Json.write(r)
                                : "wrote the absorbed doses of cycle " + c.cycle + " of " + c.patient + " ("
                                        + summary.regions().size() + " regions) to " + out);
                o.flush();
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /** What exporting one cycle's record needs: the patient, the cycle, the department's zone and the database. */
    static final class CycleExport {
        @Option(names = "--patient", required = true, description = "netra patient id")
        String patient;

        @Option(names = "--cycle", required = true, description = "cycle number of the patient's current course")
        int cycle;

        @Option(names = "--zone", description = "the department's time zone (default: the system's)")
        ZoneId zone = ZoneId.systemDefault();

        @ArgGroup(exclusive = false, heading = "Database%n")
        DatabaseOptions db = new DatabaseOptions();

        @Option(names = "--json", description = "print JSON")
        boolean json;
    }
}

package org.netra.app.web.dosimetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.netra.dosimetry.cycle.CycleInput;
import org.netra.dosimetry.cycle.CycleReport;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.interop.dicom.RtDoseExport;
import org.netra.interop.dicom.RtStructExport;
import org.netra.interop.dicom.SourceSeries;

/**
 * A finished job's results as DICOM in the source study, written beside its inputs when it finishes, since only
 * then is the voxel dose map in memory (the store keeps the doses, not the map): the RT Dose and the VOIs as an
 * RTSTRUCT, both referencing the reference time point (the first scan, the grid the dose and VOIs are on), and the
 * path of that series for the Encapsulated PDF made when pushed. They live as long as the job folder (the upload
 * expiry); the PACS push says so when they are gone.
 */
public final class JobExports {
    static final String RT_DOSE = "rtdose.dcm";
    static final String RT_STRUCT = "rtstruct.dcm";

    /** What a push sends: the files written, and the reference series the PDF is filed under. */
    public record Written(Optional<Path> rtDose, Optional<Path> rtStruct, Path referenceSeries) {}

    private JobExports() {}

    /** The folder of job {@code jobId}'s exports inside its upload folder. */
    static Path folder(Path uploadFolder, String jobId) {
        return uploadFolder.resolve("netra-exports").resolve(jobId);
    }

    /**
     * Writes the RT Dose (when the method made a voxel dose map) and the RTSTRUCT of the report's VOIs; an input
     * that is not a folder of DICOM series (none in the web) writes nothing.
     */
    static void write(Path uploadFolder, String jobId, CycleInput input, CycleReport report) throws IOException {
        if (!(input instanceof CycleInput.Series series) || !Files.isDirectory(uploadFolder)) {
            return;
        }
        Path reference = series.scans().getFirst().series();
        SourceSeries source = SourceSeries.of(SeriesAssembler.assemble(reference));
        Path dir = Files.createDirectories(folder(uploadFolder, jobId));
        Files.writeString(
                dir.resolve("reference"), uploadFolder.relativize(reference).toString());
        var dose = report.result().doseMap();
        if (dose.isPresent()) {
            DicomWriter.write(dir.resolve(RT_DOSE), RtDoseExport.toDataset(dose.get(), source, "netra absorbed dose"));
        }
        List<RtStructExport.Voi> vois = report.vois().stream()
                .filter(m -> !m.isEmpty())
                .map(m -> new RtStructExport.Voi(m, "GTV"))
                .toList();
        if (!vois.isEmpty()) {
            DicomWriter.write(dir.resolve(RT_STRUCT), RtStructExport.toDataset(vois, source, "netra VOIs"));
        }
    }

    /** The exports of a finished job, or empty when its folder has expired (or was made on a node without it). */
    public static Optional<Written> of(Path uploadFolder, String jobId) throws IOException {
        Path dir = folder(uploadFolder, jobId);
        Path ref = dir.resolve("reference");
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        return Optional.of(new Written(
                existing(dir.resolve(RT_DOSE)),
                existing(dir.resolve(RT_STRUCT)),
                uploadFolder.resolve(Files.readString(ref).strip())));
    }

    private static Optional<Path> existing(Path p) {
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}

package org.netra.app.web.pacs;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.netra.app.web.dosimetry.DosimetryJobs;
import org.netra.app.web.dosimetry.JobExports;
import org.netra.app.web.dosimetry.UploadUnpacker;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.interop.dicom.EncapsulatedPdfExport;
import org.netra.interop.dicom.SourceSeries;
import org.netra.interop.dicomweb.DicomWebClient;
import org.netra.interop.dicomweb.DicomWebException;
import org.netra.interop.dicomweb.Matches;
import org.netra.store.Store;
import org.netra.store.record.RecordKind;

/**
 * A finished job's RT Dose, RTSTRUCT and report (as Encapsulated PDF) stored on the PACS by STOW-RS, in the study of
 * the job's reference time point; what was sent, with the PACS's answer per instance, is kept as an audited record.
 */
public final class PacsPush {
    /** One instance sent: what it is, its UIDs, and the PACS's refusal reason (empty when stored). */
    public record SentInstance(String what, String sopClassUid, String sopInstanceUid, String failureReason) {}

    /**
     * A push as the store keeps it (audit-trailed): which job, to which PACS, by whom, what was sent.
     *
     * @param report which report went (the signed version, or why an unsigned one did); empty in pushes stored
     *     before this was kept
     */
    public record PushRecord(
            String id,
            String jobId,
            String pacsUrl,
            String studyInstanceUid,
            Instant sent,
            List<SentInstance> instances,
            String report) {
        public static final RecordKind<PushRecord> KIND =
                new RecordKind<>("pacs_push", PushRecord.class, PushRecord::id, r -> null, PushRecord::jobId);

        public PushRecord {
            report = report == null ? "" : report;
        }

        public boolean allStored() {
            return instances.stream().allMatch(i -> i.failureReason().isEmpty());
        }
    }

    /**
     * The report a push sends: the latest version a physicist signed (exactly the stored PDF), or an unsigned one,
     * with why no signed version went.
     */
    public sealed interface ReportToSend {
        byte[] pdf();

        record Signed(byte[] pdf, int version, String signer) implements ReportToSend {}

        record Unsigned(byte[] pdf, String why) implements ReportToSend {}

        /** What the push page and record say about it. */
        default String describe() {
            return switch (this) {
                case Signed s -> "signed report, version " + s.version() + " (signed by " + s.signer() + ")";
                case Unsigned u -> "unsigned report: " + u.why();
            };
        }

        private String label() {
            return switch (this) {
                case Signed s -> "report v" + s.version() + ", signed (Encapsulated PDF)";
                case Unsigned u -> "report, not signed (Encapsulated PDF)";
            };
        }
    }

    private final Store store;
    private final PacsRetrieval pacs;
    private final UploadUnpacker unpacker;

    public PacsPush(Store store, PacsRetrieval pacs, UploadUnpacker unpacker) {
        this.store = store;
        this.pacs = pacs;
        this.unpacker = unpacker;
    }

    /** Sends job {@code jobId}'s RT Dose, RTSTRUCT and {@code report} to the PACS, as {@code actor}. */
    public PushRecord push(DosimetryJobs.Job job, ReportToSend report, String actor) throws IOException {
        if (job.state() != DosimetryJobs.State.DONE) {
            throw new CycleInputException("job " + job.id() + " has not finished; push it when it is done");
        }
        DicomWebClient client = pacs.client();
        var exports = JobExports.of(unpacker.folder(job.owner(), job.id()), job.id())
                .orElseThrow(() -> new CycleInputException("job " + job.id() + "'s DICOM results are no longer kept"
                        + " (its folder expired after the upload expiry, or it was not computed from DICOM series):"
                        + " run the job again to push it"));
        SourceSeries reference = SourceSeries.of(SeriesAssembler.assemble(exports.referenceSeries()));
        List<String> what = new ArrayList<>();
        List<byte[]> instances = new ArrayList<>();
        if (exports.rtDose().isPresent()) {
            what.add("RT Dose");
            instances.add(Files.readAllBytes(exports.rtDose().get()));
        }
        if (exports.rtStruct().isPresent()) {
            what.add("RTSTRUCT");
            instances.add(Files.readAllBytes(exports.rtStruct().get()));
        }
        what.add(report.label());
        var pdf = EncapsulatedPdfExport.toDataset(
                report.pdf(),
                "netra dosimetry report " + job.id()
                        + (report instanceof ReportToSend.Signed signed ? " v" + signed.version() + " signed" : ""),
                reference);
        instances.add(DicomWriter.toBytes(pdf, DicomWriter.SequenceLengths.DEFINED));
        List<Matches.StoredInstance> answers;
        try {
            answers = client.store(instances);
        } catch (DicomWebException e) {
            throw PacsRetrieval.unreachable(client, e);
        }
        List<SentInstance> sent = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            var h = org.netra.imaging.dicom.DicomFile.parse(
                            instances.get(i), what.get(i), org.netra.imaging.dicom.DicomFile.Extent.HEADER)
                    .dataset();
            String sop = h.string(org.netra.imaging.dicom.Tag.SOP_INSTANCE_UID).orElse("");
            String reason = answers.stream()
                    .filter(a -> a.sopInstanceUid().equals(sop))
                    .findFirst()
                    .map(Matches.StoredInstance::failureReason)
                    .orElse("");
            sent.add(new SentInstance(
                    what.get(i),
                    h.string(org.netra.imaging.dicom.Tag.SOP_CLASS_UID).orElse(""),
                    sop,
                    reason));
        }
        var rec = new PushRecord(
                java.util.UUID.randomUUID().toString(),
                job.id(),
                client.settings().base().toString(),
                reference.studyInstanceUid(),
                Instant.now(),
                sent,
                report.describe());
        store.records().create(PushRecord.KIND, rec, actor);
        return rec;
    }
}

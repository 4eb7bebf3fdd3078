package org.netra.app.web.dosimetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.netra.dosimetry.cycle.CycleInput;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.store.clinical.AcquisitionProtocol;

/**
 * The EANM checklist's camera, reconstruction and corrections items as the first scan's DICOM header states them
 * (PS3.3 NM/PET Image and Series modules): read once when a job finishes, kept with its result and with the cycle's
 * dosimetry, so a stored cycle's report prints them instead of "not recorded". Nothing is inferred: a header
 * without an attribute leaves that part out.
 */
final class AcquisitionHeaders {
    private AcquisitionHeaders() {}

    /** From the first scan's first file; empty for images made in memory or a header that cannot be read. */
    static Optional<AcquisitionProtocol> of(CycleInput input) {
        if (!(input instanceof CycleInput.Series s)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(s.scans().getFirst().series())) {
            Optional<Path> first = files.filter(Files::isRegularFile).sorted().findFirst();
            if (first.isEmpty()) {
                return Optional.empty();
            }
            var protocol =
                    of(DicomFile.read(first.get(), DicomFile.Extent.HEADER).dataset());
            return protocol.isEmpty() ? Optional.empty() : Optional.of(protocol);
        } catch (IOException | RuntimeException e) {
            // the report then says "not recorded", as for jobs before headers were read
            return Optional.empty();
        }
    }

    static AcquisitionProtocol of(Attributes h) {
        String camera = joined(
                " ",
                h.string(Tag.MANUFACTURER).orElse(""),
                h.string(Tag.MANUFACTURER_MODEL_NAME).orElse(""));
        String collimator = joined(
                " ",
                h.string(Tag.COLLIMATOR_GRID_NAME).orElse(""),
                h.string(Tag.COLLIMATOR_TYPE).map(t -> "(" + t + ")").orElse(""));
        if (!collimator.isEmpty()) {
            camera = joined(", ", camera, "collimator " + collimator);
        }
        String reconstruction = joined(
                " ",
                h.string(Tag.RECONSTRUCTION_METHOD).orElse(""),
                h.string(Tag.SERIES_DESCRIPTION)
                        .map(d -> "(series '" + d + "')")
                        .orElse(""));
        List<String> corrections = new ArrayList<>();
        h.string(Tag.ATTENUATION_CORRECTION_METHOD).ifPresent(a -> corrections.add("attenuation: " + a));
        h.string(Tag.SCATTER_CORRECTION_METHOD).ifPresent(a -> corrections.add("scatter: " + a));
        List<String> applied = h.strings(Tag.CORRECTED_IMAGE);
        if (!applied.isEmpty()) {
            corrections.add("corrected image: " + String.join(", ", applied));
        }
        return new AcquisitionProtocol(camera, reconstruction, String.join("; ", corrections));
    }

    private static String joined(String separator, String... parts) {
        return String.join(
                separator,
                Stream.of(parts).map(String::strip).filter(p -> !p.isEmpty()).toList());
    }
}

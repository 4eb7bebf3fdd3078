package org.netra.imaging.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A DICOM Part 10 file as read: its file meta information (group 0002), its data set and the transfer
 * syntax the data set was encoded in.
 */
public record DicomFile(String source, Attributes meta, Attributes dataset, TransferSyntax transferSyntax) {

    /** How much of a file to read. */
    public enum Extent {
        /** Everything, pixel data included. */
        ALL,
        /** Stop before the top-level pixel data: for fast scanning of series headers. */
        HEADER
    }

    /** Reads a whole file. */
    public static DicomFile read(Path file) throws IOException {
        return read(file, Extent.ALL);
    }

    public static DicomFile read(Path file, Extent extent) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(bytes, file.toString(), extent);
    }

    /** Parses bytes already in memory; {@code source} names them in errors. */
    public static DicomFile parse(byte[] bytes, String source, Extent extent) throws DicomParseException {
        return new DicomReader(bytes, source, extent == Extent.HEADER).read();
    }

    /** Shorthand for the SOP Class UID (0008,0016), falling back to the meta's media storage SOP class. */
    public String sopClassUid() {
        return dataset.string(Tag.SOP_CLASS_UID)
                .or(() -> meta.string(Tag.MEDIA_STORAGE_SOP_CLASS_UID))
                .orElse("");
    }
}

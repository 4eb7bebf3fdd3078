package org.netra.imaging.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A DICOM Part 10 file as read: its file meta information (group 0002), its data set, the transfer
 * syntax the data set was encoded in, and the departures from the standard that the lenient reader
 * tolerated (empty for a conforming file, and always empty when read {@link Leniency#STRICT}).
 */
public record DicomFile(
        String source, Attributes meta, Attributes dataset, TransferSyntax transferSyntax, List<ReadWarning> warnings) {

    public DicomFile {
        warnings = List.copyOf(warnings);
    }

    /** How much of a file to read. */
    public enum Extent {
        /** Everything, pixel data included. */
        ALL,
        /** Stop before the top-level pixel data: for fast scanning of series headers. */
        HEADER
    }

    /** What to do with a departure from the standard that other readers (DCMTK, pydicom) read past. */
    public enum Leniency {
        /**
         * Read past it and record a {@link ReadWarning}: a number with trailing junk ("1A") keeps its numeric
         * prefix, an impossible date or time ("00000000") reads as absent, a stray sequence delimitation is
         * skipped, a pixel data fragment of undefined length runs to the next item tag.
         */
        LENIENT,
        /** Refuse the structural departures; invalid values throw {@link InvalidValueException} when read. */
        STRICT
    }

    /** Reads a whole file, leniently. */
    public static DicomFile read(Path file) throws IOException {
        return read(file, Extent.ALL);
    }

    public static DicomFile read(Path file, Extent extent) throws IOException {
        return read(file, extent, Leniency.LENIENT);
    }

    public static DicomFile read(Path file, Extent extent, Leniency leniency) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(bytes, file.toString(), extent, leniency);
    }

    /** Parses bytes already in memory, leniently; {@code source} names them in errors. */
    public static DicomFile parse(byte[] bytes, String source, Extent extent) throws DicomParseException {
        return parse(bytes, source, extent, Leniency.LENIENT);
    }

    public static DicomFile parse(byte[] bytes, String source, Extent extent, Leniency leniency)
            throws DicomParseException {
        return new DicomReader(bytes, source, extent == Extent.HEADER, leniency == Leniency.LENIENT).read();
    }

    /** Shorthand for the SOP Class UID (0008,0016), falling back to the meta's media storage SOP class. */
    public String sopClassUid() {
        return dataset.string(Tag.SOP_CLASS_UID)
                .or(() -> meta.string(Tag.MEDIA_STORAGE_SOP_CLASS_UID))
                .orElse("");
    }
}

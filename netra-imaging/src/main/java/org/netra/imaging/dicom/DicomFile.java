package org.netra.imaging.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        if (extent == Extent.HEADER) {
            DicomFile fromStart = headerFromStart(file, leniency);
            if (fromStart != null) {
                return fromStart;
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        return parse(bytes, file.toString(), extent, leniency);
    }

    /**
     * How much of a file a header-only read takes first: the elements before the pixel data of an image (a few
     * KB; 30 KB with a large vendor private block). The pixels are not read, and not kept in memory with the
     * header: a series of 500 CT slices is 250 MB of pixels against 2 MB of headers.
     */
    static final int HEADER_READ_BYTES = 32 * 1024;

    /** The header read from the file's first bytes, or null where those do not hold it all (read it whole). */
    static DicomFile headerFromStart(Path file, Leniency leniency) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= HEADER_READ_BYTES) {
                return null;
            }
            ByteBuffer start = ByteBuffer.allocate(HEADER_READ_BYTES);
            while (start.hasRemaining() && channel.read(start) >= 0) {
                // a file read in pieces (a network share) fills the buffer over several reads
            }
            if (start.hasRemaining()) {
                return null; // the file shrank while read: the whole read names the problem
            }
            try {
                return new DicomReader(start.array(), size, file.toString(), true, leniency == Leniency.LENIENT).read();
            } catch (DicomParseException e) {
                return null; // the header runs past the start, or is damaged: the whole read decides which
            }
        }
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

package org.netra.imaging.dicom;

import java.io.IOException;

/** A file that is not valid DICOM, naming the file and the byte offset where reading failed. */
public class DicomParseException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final long offset;

    public DicomParseException(String source, long offset, String problem) {
        super(source + " at byte " + offset + ": " + problem);
        this.source = source;
        this.offset = offset;
    }

    public DicomParseException(String source, long offset, String problem, Throwable cause) {
        super(source + " at byte " + offset + ": " + problem, cause);
        this.source = source;
        this.offset = offset;
    }

    /** The file (or other input) being read. */
    public String source() {
        return source;
    }

    /** The byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }
}

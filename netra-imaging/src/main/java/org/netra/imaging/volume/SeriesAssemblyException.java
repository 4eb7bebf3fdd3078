package org.netra.imaging.volume;

import java.io.IOException;

/** A set of DICOM files that cannot be made into one volume, naming the input and what to do. */
public class SeriesAssemblyException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;

    public SeriesAssemblyException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /** The file or folder at fault. */
    public String source() {
        return source;
    }
}

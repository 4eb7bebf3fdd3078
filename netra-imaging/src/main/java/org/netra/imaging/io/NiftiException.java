package org.netra.imaging.io;

import java.io.IOException;

/** A NIfTI file netra cannot read, naming the file, the header field and what to do. */
public final class NiftiException extends IOException {
    private static final long serialVersionUID = 1L;

    public NiftiException(String source, String field, String problem) {
        super(source + ", NIfTI header field " + field + ": " + problem);
    }
}

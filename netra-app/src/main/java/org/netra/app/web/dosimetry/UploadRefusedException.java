package org.netra.app.web.dosimetry;

import org.netra.dosimetry.cycle.CycleInputException;

/** An upload refused for its size, its number of entries, the user's quota or the server's free disk. */
public final class UploadRefusedException extends CycleInputException {
    private static final long serialVersionUID = 1L;

    public UploadRefusedException(String message) {
        super(message);
    }
}

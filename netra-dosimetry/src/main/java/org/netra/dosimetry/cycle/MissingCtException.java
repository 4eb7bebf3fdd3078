package org.netra.dosimetry.cycle;

/** CT-based alignment was asked for, but a time point came without the CT taken with it. */
public final class MissingCtException extends CycleInputException {
    private static final long serialVersionUID = 1L;

    public MissingCtException(String message) {
        super(message);
    }
}

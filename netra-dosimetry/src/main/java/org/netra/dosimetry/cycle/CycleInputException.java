package org.netra.dosimetry.cycle;

/** Inputs of a cycle's dosimetry that do not fit together; the message names the input and the fix. */
public class CycleInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CycleInputException(String message) {
        super(message);
    }
}

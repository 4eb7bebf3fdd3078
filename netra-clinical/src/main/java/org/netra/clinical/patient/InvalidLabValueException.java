package org.netra.clinical.patient;

/** A laboratory or clinical value that cannot be true (a negative count, Hb 200 g/dL, a wrong unit). */
public final class InvalidLabValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidLabValueException(String message) {
        super(message);
    }
}

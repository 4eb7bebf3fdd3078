package org.netra.interop.administration;

/**
 * A radiopharmaceutical dose report that cannot be exported (the cycle's dispensing or administration is not
 * recorded) or filed (another patient, agent or cycle, inconsistent activities), saying which and what to do.
 */
public final class AdministrationSrException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public AdministrationSrException(String message) {
        super(message);
    }
}

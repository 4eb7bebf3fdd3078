package org.netra.interop.fhir;

/** A FHIR Bundle that netra cannot take in, with what is wrong and where. */
public final class FhirImportException extends RuntimeException {
    public FhirImportException(String message) {
        super(message);
    }

    public FhirImportException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.netra.interop.dicomweb;

import java.net.URI;

/**
 * A DICOMweb request that failed, naming the URL: the server answered with an error status, could not
 * be reached, or answered with something that is not what DICOMweb promises.
 */
public abstract sealed class DicomWebException extends RuntimeException
        permits DicomWebException.HttpStatus, DicomWebException.Unreachable, DicomWebException.BadResponse {
    private final URI url;

    private DicomWebException(URI url, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    public URI url() {
        return url;
    }

    /** The server answered with an HTTP error status. */
    public static final class HttpStatus extends DicomWebException {
        private final int status;

        public HttpStatus(String method, URI url, int status, String body) {
            super(
                    url,
                    method + " " + url + " answered HTTP " + status + hint(status)
                            + (body.isBlank() ? "" : ": " + abbreviate(body)),
                    null);
            this.status = status;
        }

        public int status() {
            return status;
        }

        private static String hint(int status) {
            return switch (status) {
                case 401, 403 -> " (the PACS refuses these credentials; check user and password)";
                case 404 -> " (no such resource; check the base URL ends with the DICOMweb root, e.g. /dicom-web)";
                case 406 -> " (the PACS cannot send this media type)";
                case 409 -> " (the PACS refused the instances; see its failure reasons)";
                case 413 -> " (request too large; store in smaller batches)";
                case 415 -> " (the PACS does not accept this media type)";
                default -> status >= 500 ? " (a server error; retried, then given up)" : "";
            };
        }
    }

    /** The server could not be reached (connection refused, timed out, reset). */
    public static final class Unreachable extends DicomWebException {
        public Unreachable(String method, URI url, int attempts, Throwable cause) {
            super(
                    url,
                    method + " " + url + " failed after " + attempts + " attempt(s): " + cause
                            + " (is the PACS running and the URL right?)",
                    cause);
        }
    }

    /** The server answered 2xx with a body that is not valid DICOMweb. */
    public static final class BadResponse extends DicomWebException {
        public BadResponse(URI url, String what) {
            super(url, url + " answered with an invalid DICOMweb response: " + what, null);
        }

        public BadResponse(URI url, String what, Throwable cause) {
            super(url, url + " answered with an invalid DICOMweb response: " + what, cause);
        }
    }

    static String abbreviate(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}

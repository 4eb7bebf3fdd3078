package org.netra.app.web.input;

/**
 * A request refused with a status and a message that says why, shown as the error page or as the API's JSON
 * error: 404 for what does not exist (naming it), 409 for what the record's state does not allow (naming the
 * field first, e.g. {@code version: …} for a stale save).
 */
public final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    private Refused(int status, String message) {
        super(message);
        this.status = status;
    }

    public static Refused notFound(String message) {
        return new Refused(404, message);
    }

    public static Refused conflict(String message) {
        return new Refused(409, message);
    }

    public int status() {
        return status;
    }

    /** The error page's heading. */
    public String heading() {
        return status == 404 ? "Not found" : "Not possible now";
    }
}

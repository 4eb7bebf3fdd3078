package org.netra.app.web.security;

/** Signed in, but the role does not grant what the route needs (or a CSRF check failed): 403. */
public final class ForbiddenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }
}

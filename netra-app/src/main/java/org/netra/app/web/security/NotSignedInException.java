package org.netra.app.web.security;

/** The route needs a signed-in user and there is none: pages go to sign-in, the API answers 401. */
public final class NotSignedInException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotSignedInException() {
        super("sign in first");
    }
}

package org.netra.interop.referral;

/** A referral package that cannot be written or taken in, saying which and why. */
public final class ReferralException extends RuntimeException {
    public ReferralException(String message) {
        super(message);
    }

    public ReferralException(String message, Throwable cause) {
        super(message, cause);
    }
}

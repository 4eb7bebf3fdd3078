package org.netra.imaging.sr;

/**
 * An SR document netra cannot read as the template it claims (a missing mandatory item, a value of the wrong
 * type or unit), naming the source and the item by its concept so the sender's record can be fixed.
 */
public final class StructuredReportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public StructuredReportException(String message) {
        super(message);
    }
}

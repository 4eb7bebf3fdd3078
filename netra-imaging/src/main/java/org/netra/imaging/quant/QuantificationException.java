package org.netra.imaging.quant;

/**
 * Real-world values cannot be computed from a series: names the file, the element (or field) at
 * fault and what to do about it.
 */
public final class QuantificationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String element;

    public QuantificationException(String source, String element, String problem, String fix) {
        super(source + ", " + element + ": " + problem + "; " + fix);
        this.source = source;
        this.element = element;
    }

    public String source() {
        return source;
    }

    /** The DICOM element or input field, e.g. "(0018,1078) RadiopharmaceuticalStartDateTime". */
    public String element() {
        return element;
    }
}

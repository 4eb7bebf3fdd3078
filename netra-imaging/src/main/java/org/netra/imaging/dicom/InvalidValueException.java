package org.netra.imaging.dicom;

/** An element whose value does not fit its VR (e.g. a DS that is not a number), naming file and tag. */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int tag;

    public InvalidValueException(String source, int tag, String problem) {
        super(source + ", element " + Tag.toString(tag) + " "
                + DataDictionary.standard().keyword(tag) + ": " + problem);
        this.tag = tag;
    }

    public int tag() {
        return tag;
    }
}

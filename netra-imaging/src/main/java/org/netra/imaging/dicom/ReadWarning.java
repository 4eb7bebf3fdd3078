package org.netra.imaging.dicom;

/**
 * A departure from the standard that the lenient reader read past, kept with the file it was found in
 * so that a user (or a report) can see what netra tolerated. Anything that cannot be interpreted is
 * still a {@link DicomParseException}.
 */
public sealed interface ReadWarning {
    /** The file (or other input) being read. */
    String source();

    /** Byte offset in the file where the departure was found. */
    long offset();

    /** One line for people: what was found and how it was read. */
    String describe();

    /**
     * A value that does not fit its VR (PS3.5 6.2), e.g. Number of Frames "1A" or a date "00000000":
     * read as {@code readAs} (the numeric prefix, or nothing when there is none).
     */
    record InvalidValue(String source, long offset, int tag, Vr vr, String value, String readAs)
            implements ReadWarning {
        @Override
        public String describe() {
            return "element " + Tag.toString(tag) + " "
                    + DataDictionary.standard().keyword(tag) + " (" + vr
                    + ") holds '" + value + "', not a valid " + vr + "; read as "
                    + (readAs.isEmpty() ? "absent" : "'" + readAs + "'");
        }
    }

    /** A sequence delimitation (FFFE,E0DD) where a data element should start: skipped. */
    record StraySequenceDelimiter(String source, long offset) implements ReadWarning {
        @Override
        public String describe() {
            return "a sequence delimitation (FFFE,E0DD) where a data element should start; skipped";
        }
    }

    /** An item of undefined length that ends at a sequence delimitation without its item delimitation. */
    record ItemWithoutDelimiter(String source, long offset) implements ReadWarning {
        @Override
        public String describe() {
            return "an item of undefined length ends at a sequence delimitation, without its item delimitation";
        }
    }

    /**
     * A pixel data fragment of undefined length (PS3.5 A.4 requires defined lengths): it was taken to run
     * up to the next item or sequence delimitation tag.
     */
    record UndefinedLengthFragment(String source, long offset) implements ReadWarning {
        @Override
        public String describe() {
            return "a pixel data fragment of undefined length; read up to the next item or delimitation tag";
        }
    }
}

package org.netra.imaging.sr;

import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;

/**
 * A coded concept as DICOM writes it (PS3.3 Table 8.8-1, Code Sequence Macro): value, coding scheme
 * designator (DCM, SCT, UCUM, or a private "99…" scheme) and meaning. Equal when value and scheme are
 * equal; the meaning is for people and may be worded differently by another system.
 */
public record CodedConcept(String value, String scheme, String meaning) {
    public CodedConcept {
        if (value == null || value.isBlank() || scheme == null || scheme.isBlank()) {
            throw new IllegalArgumentException("a coded concept needs a code value and a coding scheme, got (" + value
                    + ", " + scheme + ", " + meaning + ")");
        }
        meaning = meaning == null ? "" : meaning;
    }

    public boolean sameCode(CodedConcept other) {
        return other != null && value.equals(other.value) && scheme.equals(other.scheme);
    }

    /** One item of a code sequence. */
    public Attributes toItem() {
        return Attributes.builder()
                .setString(Tag.CODE_VALUE, Vr.SH, value)
                .setString(Tag.CODING_SCHEME_DESIGNATOR, Vr.SH, scheme)
                .setString(Tag.CODE_MEANING, Vr.LO, meaning)
                .build();
    }

    /** The concept in the first item of {@code sequence} in {@code dataset}, if there is one. */
    static java.util.Optional<CodedConcept> in(Attributes dataset, int sequence) {
        var items = dataset.sequence(sequence);
        if (items.isEmpty()) {
            return java.util.Optional.empty();
        }
        Attributes item = items.getFirst();
        var value = item.string(Tag.CODE_VALUE);
        var scheme = item.string(Tag.CODING_SCHEME_DESIGNATOR);
        if (value.isEmpty() || scheme.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new CodedConcept(
                value.get(), scheme.get(), item.string(Tag.CODE_MEANING).orElse("")));
    }

    @Override
    public String toString() {
        return "(" + value + ", " + scheme + ", \"" + meaning + "\")";
    }
}

package org.netra.interop.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One data set in the DICOM JSON model (PS3.18 annex F), as QIDO-RS and STOW-RS answer: an object keyed
 * by the tag's eight hex digits, each with a "vr" and a "Value" array.
 */
public record DicomJson(JsonNode node) {

    public static String key(int tag) {
        return String.format(Locale.ROOT, "%08X", tag);
    }

    /** The first value as text; a person name is given in its alphabetic form. */
    public Optional<String> string(int tag) {
        List<String> all = strings(tag);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    public List<String> strings(int tag) {
        JsonNode element = node.get(key(tag));
        List<String> out = new ArrayList<>();
        if (element == null || !element.has("Value")) {
            return out;
        }
        for (JsonNode v : element.get("Value")) {
            if (v.isObject()) {
                JsonNode alphabetic = v.get("Alphabetic");
                out.add(alphabetic == null ? "" : alphabetic.asText());
            } else if (!v.isNull()) {
                out.add(v.asText());
            }
        }
        return out;
    }

    public Optional<Integer> integer(int tag) {
        return string(tag).map(s -> {
            try {
                return Integer.valueOf(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        });
    }

    public List<DicomJson> sequence(int tag) {
        JsonNode element = node.get(key(tag));
        List<DicomJson> out = new ArrayList<>();
        if (element != null && element.has("Value")) {
            element.get("Value").forEach(item -> out.add(new DicomJson(item)));
        }
        return out;
    }
}

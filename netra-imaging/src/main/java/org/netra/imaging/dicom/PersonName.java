package org.netra.imaging.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A PN value (PS3.5 6.2.1): up to three component groups — alphabetic, ideographic, phonetic — separated
 * by '=', each of up to five components (family, given, middle, prefix, suffix) separated by '^'.
 * {@link #toString} writes the canonical form, in which trailing empty components and groups are left
 * out with their delimiters, so "Wang^XiaoDong=王^小東=" reads back as "Wang^XiaoDong=王^小東".
 */
public record PersonName(Group alphabetic, Group ideographic, Group phonetic) {
    /** One component group; absent components are empty strings. */
    public record Group(String family, String given, String middle, String prefix, String suffix) {
        static final Group EMPTY = new Group("", "", "", "", "");

        static Group parse(String s) {
            String[] c = Arrays.copyOf(s.split("\\^", -1), 5);
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i] == null ? "" : c[i].strip();
            }
            return new Group(c[0], c[1], c[2], c[3], c[4]);
        }

        public boolean isEmpty() {
            return toString().isEmpty();
        }

        @Override
        public String toString() {
            return trimmedJoin("^", List.of(family, given, middle, prefix, suffix));
        }
    }

    /** Parses a decoded PN value (one value: split multi-valued elements at backslashes first). */
    public static PersonName parse(String value) {
        String[] g = Arrays.copyOf(value.split("=", -1), 3);
        return new PersonName(
                g[0] == null ? Group.EMPTY : Group.parse(g[0]),
                g[1] == null ? Group.EMPTY : Group.parse(g[1]),
                g[2] == null ? Group.EMPTY : Group.parse(g[2]));
    }

    @Override
    public String toString() {
        return trimmedJoin("=", List.of(alphabetic.toString(), ideographic.toString(), phonetic.toString()));
    }

    /** Joins the parts, leaving out the empty ones at the end with their delimiters. */
    private static String trimmedJoin(String delimiter, List<String> parts) {
        List<String> kept = new ArrayList<>(parts);
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
            kept.remove(kept.size() - 1);
        }
        return String.join(delimiter, kept);
    }
}

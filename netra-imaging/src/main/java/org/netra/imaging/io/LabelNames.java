package org.netra.imaging.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of a NIfTI label map's labels, from a sidecar file next to it with the same base name
 * ({@code kidneys.nii.gz} → {@code kidneys.json}, {@code kidneys.tsv} or {@code kidneys.txt}):
 *
 * <ul>
 *   <li>JSON: an object from label number to name, {@code {"1": "kidney left", "2": "tumour 1"}} (what netra's
 *       digital twins write as labels.json);
 *   <li>text: one label a line, its number first, then its name: a tab-separated {@code 1<TAB>kidney left}, a 3D
 *       Slicer colour table line {@code 1 kidney_left 128 174 128 255} (the second field), or an ITK-SNAP label
 *       description line {@code 1 255 0 0 1 1 1 "kidney left"} (the quoted name); {@code #} starts a comment and
 *       label 0 (background) is skipped.
 * </ul>
 */
public final class LabelNames {
    private static final List<String> SIDECARS = List.of(".json", ".tsv", ".txt");
    private static final Pattern QUOTED = Pattern.compile("^\\s*(\\d+)\\s.*\"([^\"]+)\"\\s*$");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d+)[\\t ]+(.+)$");

    private LabelNames() {}

    /** The sidecar of a label map: the first of base.json, base.tsv, base.txt that exists. */
    public static Optional<Path> sidecarOf(Path labelMap) {
        String name = labelMap.getFileName().toString();
        String base = name.endsWith(".nii.gz")
                ? name.substring(0, name.length() - 7)
                : name.endsWith(".nii") ? name.substring(0, name.length() - 4) : name;
        for (String ext : SIDECARS) {
            Path p = labelMap.resolveSibling(base + ext);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The names in a sidecar, by label number; a line or member that names no label is a typed error. */
    public static Map<Integer, String> read(Path file) throws IOException {
        String src = file.toString();
        Map<Integer, String> out = new TreeMap<>();
        if (src.endsWith(".json")) {
            for (var e : flatJsonObject(Files.readString(file, StandardCharsets.UTF_8), src)
                    .entrySet()) {
                put(out, e.getKey(), e.getValue(), src, "member \"" + e.getKey() + "\"");
            }
        } else {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Matcher q = QUOTED.matcher(line);
                Matcher m = LEADING_NUMBER.matcher(line);
                if (line.contains("\t") && m.matches()) {
                    // tab-separated: the whole second field, spaces and quotes included
                    put(out, m.group(1), m.group(2).split("\t")[0], src, "line " + (i + 1));
                } else if (q.matches()) {
                    put(out, q.group(1), q.group(2), src, "line " + (i + 1));
                } else if (m.matches()) {
                    // a Slicer colour table: the first word after the number
                    put(out, m.group(1), m.group(2).split("\\s+")[0], src, "line " + (i + 1));
                } else {
                    throw new NiftiException(
                            src, "line " + (i + 1), "'" + line + "' is not 'NUMBER NAME'; see docs/data.md");
                }
            }
        }
        if (out.isEmpty()) {
            throw new NiftiException(src, "label names", "names no label");
        }
        return out;
    }

    private static void put(Map<Integer, String> out, String number, String name, String src, String where)
            throws NiftiException {
        int label;
        try {
            label = Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            throw new NiftiException(src, where, "'" + number + "' is not a label number 1…255");
        }
        if (label < 0 || label > 255) {
            throw new NiftiException(src, where, "label " + label + " is not 0…255");
        }
        if (label == 0) {
            return; // background
        }
        String n = name.strip();
        if (n.isEmpty()) {
            throw new NiftiException(src, where, "label " + label + " has an empty name");
        }
        if (out.containsValue(n)) {
            throw new NiftiException(src, where, "the name '" + n + "' is given to two labels");
        }
        out.put(label, n);
    }

    /**
     * A JSON object whose members are all strings ({"1": "kidney left"}), read without a JSON library (netra-imaging
     * has none at run time): anything else, a nested value or a number, is a typed error.
     */
    static Map<String, String> flatJsonObject(String text, String src) throws NiftiException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        int[] at = {skip(text, 0)};
        expect(text, at, '{', src);
        if (peek(text, at) == '}') {
            at[0]++;
        } else {
            while (true) {
                String key = string(text, at, src);
                expect(text, at, ':', src);
                String value = string(text, at, src);
                out.put(key, value);
                char c = peek(text, at);
                at[0]++;
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw notFlat(src, at[0] - 1);
                }
            }
        }
        if (skip(text, at[0]) != text.length()) {
            throw notFlat(src, at[0]);
        }
        return out;
    }

    private static int skip(String t, int i) {
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
            i++;
        }
        return i;
    }

    private static char peek(String t, int[] at) {
        at[0] = skip(t, at[0]);
        return at[0] < t.length() ? t.charAt(at[0]) : '\0';
    }

    private static void expect(String t, int[] at, char c, String src) throws NiftiException {
        if (peek(t, at) != c) {
            throw notFlat(src, at[0]);
        }
        at[0]++;
    }

    private static String string(String t, int[] at, String src) throws NiftiException {
        expect(t, at, '"', src);
        StringBuilder b = new StringBuilder();
        int i = at[0];
        while (i < t.length() && t.charAt(i) != '"') {
            char c = t.charAt(i++);
            if (c == '\\' && i < t.length()) {
                char e = t.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (i + 4 > t.length()) {
                            throw notFlat(src, i);
                        }
                        b.append((char) Integer.parseInt(t.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e); // \" \\ \/
                }
            } else {
                b.append(c);
            }
        }
        if (i >= t.length()) {
            throw notFlat(src, i);
        }
        at[0] = i + 1;
        return b.toString();
    }

    private static NiftiException notFlat(String src, int offset) {
        return new NiftiException(
                src,
                "label names",
                "is not a JSON object of label number to name strings, {\"1\": \"kidney left\"} (at character " + offset
                        + ")");
    }
}

package org.netra.imaging.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The repeatable step that turns DCMTK's {@code dicom.dic} (Debian package {@code dcmtk}, itself
 * generated from DICOM PS3.6 and PS3.7) into netra's compact dictionary resource: one line per entry,
 * {@code tag, keyword, VR, VM}, sorted by tag. DCMTK's pseudo-entries (private, generic and illegal
 * group lengths and creators) and its item markers are left out; its internal VR codes become the
 * standard's wording. {@code DictionaryResourceTest} checks the committed resource equals a fresh run.
 */
public final class DictionaryConversion {
    /** DCMTK's internal VR codes and what PS3.6 writes for them. */
    static final Map<String, String> DCMTK_VRS = Map.of(
            "ox", "OB or OW",
            "xs", "US or SS",
            "lt", "US or OW",
            "px", "OB or OW",
            "up", "UL");

    private DictionaryConversion() {}

    /** The dicom.dic of the installed DCMTK, if any. */
    static Optional<Path> installedDcmtkDictionary() throws IOException {
        Path share = Path.of("/usr/share");
        if (!Files.isDirectory(share)) {
            return Optional.empty();
        }
        try (var dirs = Files.list(share)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("libdcmtk"))
                    .map(d -> d.resolve("dicom.dic"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .reduce((a, b) -> b);
        }
    }

    static String convert(Path dicomDic) throws IOException {
        record Line(long sortKey, String text) {}
        List<Line> lines = new ArrayList<>();
        for (String raw : Files.readAllLines(dicomDic, StandardCharsets.ISO_8859_1)) {
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            String[] f = raw.split("\t");
            if (f.length < 5) {
                throw new IOException("unexpected line in " + dicomDic + ": " + raw);
            }
            String origin = f[4];
            String vr = f[1];
            if (!origin.startsWith("DICOM") || vr.equals("na")) {
                continue;
            }
            String tag = f[0].substring(1, f[0].length() - 1)
                    .toUpperCase(Locale.ROOT)
                    .replace("-O-", "-o-")
                    .replace("-U-", "-u-");
            String[] ge = tag.split(",");
            long key = Long.parseLong(ge[0].substring(0, 4), 16) << 16 | Long.parseLong(ge[1].substring(0, 4), 16);
            lines.add(new Line(key, String.join("\t", tag, f[2], DCMTK_VRS.getOrDefault(vr, vr), f[3])));
        }
        lines.sort((a, b) -> a.sortKey != b.sortKey ? Long.compare(a.sortKey, b.sortKey) : a.text.compareTo(b.text));
        var out = new StringBuilder();
        out.append(
                "# DICOM data dictionary (PS3.6 registry), converted from DCMTK dicom.dic by DictionaryConversion\n");
        out.append("# tag\tkeyword\tVR\tVM   (ranges: gggg-gggg even groups, -o- odd, -u- all)\n");
        for (Line l : lines) {
            out.append(l.text).append('\n');
        }
        return out.toString();
    }

    /** Regenerates the resource: {@code main([dicom.dic [, resource folder]])}. */
    public static void main(String[] args) throws IOException {
        Path dic = args.length > 0
                ? Path.of(args[0])
                : installedDcmtkDictionary().orElseThrow(() -> new IOException("install dcmtk (dicom.dic) first"));
        Path out = Path.of(args.length > 1 ? args[1] : "netra-imaging/src/main/resources/org/netra/imaging/dicom");
        Files.writeString(out.resolve(DataDictionary.RESOURCE), convert(dic), StandardCharsets.US_ASCII);
        System.out.printf(Locale.ROOT, "wrote %s from %s%n", out.resolve(DataDictionary.RESOURCE), dic);
    }
}

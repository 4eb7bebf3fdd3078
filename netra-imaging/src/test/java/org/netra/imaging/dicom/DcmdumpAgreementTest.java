package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every file under shared/data/dicom is read, and each top-level element (file meta and data set)
 * agrees with DCMTK's {@code dcmdump}: same tags, same VR for standard tags, same value length, and
 * the same values for strings and numbers.
 */
class DcmdumpAgreementTest {
    private static final Pattern LINE =
            Pattern.compile("^\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?) +# +(\\d+|u/l), *(\\d+) .*$");

    record Dumped(String vr, String value, String length) {}

    @Test
    void everyFileAgreesWithDcmdump() throws Exception {
        Tools.requireDcmtk("dcmdump");
        List<Path> files = SharedDicomFiles.all();
        assertThat(files).hasSizeGreaterThan(700);
        var soft = new SoftAssertions();
        int compared = 0;
        for (int from = 0; from < files.size(); from += 100) {
            List<Path> batch = files.subList(from, Math.min(files.size(), from + 100));
            List<String> cmd = new ArrayList<>(List.of("dcmdump", "-q", "+L", "-Un", "+F"));
            batch.forEach(p -> cmd.add(p.toString()));
            String out = Tools.run(cmd).out();
            String[] perFile = out.split("(?m)^# dcmdump \\(\\d+/\\d+\\): ");
            assertThat(perFile).as("one dump per file").hasSize(batch.size() + 1);
            for (int i = 0; i < batch.size(); i++) {
                compared += compare(batch.get(i), dumped(perFile[i + 1]), soft);
            }
        }
        soft.assertAll();
        assertThat(compared).as("values compared").isGreaterThan(50_000);
    }

    private static Map<Integer, Dumped> dumped(String text) {
        Map<Integer, Dumped> elements = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                int tag = Integer.parseInt(m.group(1), 16) << 16 | Integer.parseInt(m.group(2), 16);
                if (Tag.group(tag) != 0xfffe) {
                    elements.put(tag, new Dumped(m.group(3), m.group(4), m.group(5)));
                }
            }
        }
        return elements;
    }

    private static int compare(Path file, Map<Integer, Dumped> reference, SoftAssertions soft) throws IOException {
        // strict: the values exactly as encoded (the lenient reader would drop e.g. a birth date "0")
        DicomFile f = DicomFile.read(file, DicomFile.Extent.ALL, DicomFile.Leniency.STRICT);
        Map<Integer, Attributes> mine = new LinkedHashMap<>();
        for (Attributes a : List.of(f.meta(), f.dataset())) {
            for (int t : a.tags()) {
                mine.put(t, a);
            }
        }
        soft.assertThat(mine.keySet()).as(file + ": tags").containsExactlyInAnyOrderElementsOf(reference.keySet());
        int compared = 0;
        for (var e : reference.entrySet()) {
            int tag = e.getKey();
            Attributes a = mine.get(tag);
            if (a == null) {
                continue;
            }
            Dumped d = e.getValue();
            String where = file.getFileName() + " " + Tag.toString(tag);
            Vr vr = a.vr(tag).orElseThrow();
            if (Tag.isPrivate(tag) && !d.vr().equals(vr.name())) {
                continue; // DCMTK's private dictionary may know a VR that an implicit file does not carry
            }
            soft.assertThat(vr.name()).as(where + " VR").isEqualTo(d.vr());
            if (vr == Vr.SQ || d.length().equals("u/l")) {
                continue;
            }
            soft.assertThat(a.length(tag)).as(where + " length").isEqualTo(Integer.parseInt(d.length()));
            String value = d.value();
            if (value.equals("(no value available)")) {
                soft.assertThat(a.strings(tag)).as(where).allMatch(String::isEmpty);
                compared++;
                continue;
            }
            switch (vr.kind()) {
                case STRING -> {
                    String text = new String(
                            value.substring(1, value.length() - 1).getBytes(StandardCharsets.ISO_8859_1), a.charset());
                    List<String> expected = new ArrayList<>();
                    for (String s : text.split("\\\\", -1)) {
                        expected.add(s.strip().replace("\0", ""));
                    }
                    soft.assertThat(a.strings(tag)).as(where).containsExactlyElementsOf(expected);
                    compared++;
                }
                case TEXT -> {
                    String text = new String(
                            value.substring(1, value.length() - 1).getBytes(StandardCharsets.ISO_8859_1), a.charset());
                    String got = a.strings(tag).get(0);
                    if (got.chars().noneMatch(c -> c < 0x20)) {
                        soft.assertThat(got)
                                .as(where)
                                .isEqualTo(text.replace("\0", "").stripTrailing());
                        compared++;
                    }
                }
                case BINARY -> {
                    if (vr.width() > 0 && vr.longLength() == false && vr != Vr.AT) {
                        String[] parts = value.split("\\\\");
                        double[] got = a.doubles(tag);
                        soft.assertThat(got).as(where + " count").hasSize(parts.length);
                        for (int k = 0; k < Math.min(parts.length, got.length); k++) {
                            double expected = Double.parseDouble(parts[k]);
                            soft.assertThat(got[k])
                                    .as(where + "[" + k + "]")
                                    .isCloseTo(
                                            expected,
                                            org.assertj.core.data.Offset.offset(
                                                    1e-6 * Math.max(1, Math.abs(expected))));
                        }
                        compared++;
                    }
                }
                case SEQUENCE -> {}
            }
        }
        return compared;
    }
}

package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.testkit.TestData;

/**
 * Specific Character Set values (PS3.3 C.12.1.1.2), including ISO 2022 code extensions, decoded as pydicom
 * decodes the same bytes: the character set files Debian's pydicom ships (among them the Japanese and Korean
 * examples of PS3.5 annexes H and I) and files built here for what they lack — GB 2312 (ISO 2022 IR 58),
 * JIS X 0212 (ISO 2022 IR 159) beside JIS X 0208, and Latin-1 beside KS X 1001 in one value.
 */
class CharacterSetsTest {
    private static final Path PYDICOM_CHARSETS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/charset_files");
    private static final Set<Vr> TEXT = Set.of(Vr.PN, Vr.LO, Vr.SH, Vr.ST, Vr.LT, Vr.UT, Vr.UC);

    @TempDir
    Path dir;

    @Test
    void valuesMapToTheirRepertoire() {
        assertThat(CharacterSets.of("ISO_IR 192")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CharacterSets.of("ISO_IR 100")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(CharacterSets.of("\\ISO 2022 IR 144")).isEqualTo(Charset.forName("ISO-8859-5"));
        assertThat(CharacterSets.of("")).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void emptyMultiValuesAreTheDefaultRepertoire() {
        // found by Jazzer (RtStructFuzzTest crash-e62bc1a7…): two empty values made an index error
        assertThat(CharacterSets.of("\\")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(CharacterSets.of("\\\\")).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void pydicomsCharacterSetFilesDecodeAlike() throws Exception {
        Tools.requirePydicom();
        if (!Files.isDirectory(PYDICOM_CHARSETS)) {
            TestData.unavailable("pydicom's character set files (python3-pydicom)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(PYDICOM_CHARSETS)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        assertDecodesLikePydicom(files);
    }

    @Test
    void multiByteSetsPydicomHasNoFileForDecodeAlike() throws Exception {
        Tools.requirePydicom();
        byte[] esc = {0x1b};
        // GB 2312 (ISO-IR 58) in G1, as in PS3.5 J.3: Zhang^XiaoDong=张^小东=
        Path gb = file(
                "gb2312.dcm",
                "\\ISO 2022 IR 58",
                concat(
                        ascii("Zhang^XiaoDong="),
                        esc,
                        ascii("$)A"),
                        enc("张", "GB2312"),
                        ascii("^"),
                        esc,
                        ascii("$)A"),
                        enc("小东", "GB2312"),
                        ascii("=")));
        // JIS X 0208 and JIS X 0212 (ISO-IR 87, ISO-IR 159) in G0, each switched back to ASCII
        Path jis = file(
                "jis0212.dcm",
                "\\ISO 2022 IR 87\\ISO 2022 IR 159",
                concat(
                        ascii("Yamada^Tarou="),
                        esc,
                        ascii("$B"),
                        jis7("山田", false),
                        esc,
                        ascii("(B^"),
                        esc,
                        ascii("$(D"),
                        jis7("丂", true),
                        esc,
                        ascii("(B")));
        // Latin-1 in G1 by default, then KS X 1001 after its escape, in one person name
        Path mixed = file(
                "latin-korean.dcm",
                "ISO 2022 IR 100\\ISO 2022 IR 149",
                concat(
                        enc("Müller^Jörg=", "ISO-8859-1"),
                        esc,
                        ascii("$)C"),
                        enc("홍", "EUC-KR"),
                        ascii("^"),
                        esc,
                        ascii("$)C"),
                        enc("길동", "EUC-KR")));
        assertDecodesLikePydicom(List.of(jis, mixed));
        // Debian's pydicom 2.3 leaves GB 2312's escape sequence in the text ("=$)A张^$)A小东"): PS3.5 J.3 is
        // the reference here, its empty last component group left out as for every person name
        assertThat(DicomFile.read(gb).dataset().string(Tag.PATIENT_NAME)).contains("Zhang^XiaoDong=张^小东");
        assertThat(DicomFile.read(jis).dataset().string(Tag.PATIENT_NAME)).contains("Yamada^Tarou=山田^丂");
        assertThat(DicomFile.read(mixed).dataset().string(Tag.PATIENT_NAME)).contains("Müller^Jörg=홍^길동");
    }

    @Test
    void aPersonNameDropsEmptyTrailingGroupsAndComponents() {
        PersonName name = PersonName.parse("Wang^XiaoDong=王^小東=");
        assertThat(name.toString()).isEqualTo("Wang^XiaoDong=王^小東");
        assertThat(name.ideographic().family()).isEqualTo("王");
        assertThat(name.phonetic().isEmpty()).isTrue();
        assertThat(PersonName.parse("Doe^John^^^").toString()).isEqualTo("Doe^John");
        assertThat(PersonName.parse("=山田^太郎").toString()).isEqualTo("=山田^太郎");
        assertThat(PersonName.parse("Yamada^Tarou=山田^太郎=やまだ^たろう").phonetic().given())
                .isEqualTo("たろう");
    }

    private void assertDecodesLikePydicom(List<Path> files) throws Exception {
        List<String> args = new ArrayList<>(List.of("texts"));
        files.forEach(f -> args.add(f.toString()));
        // corpus_tools prints UTF-8; the tool runner keeps bytes as Latin-1 characters
        String out = new String(
                Tools.python("corpus_tools.py", args).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        List<String> mine = new ArrayList<>();
        for (Path f : files) {
            texts(f.toString(), DicomFile.read(f).dataset(), "", mine);
        }
        List<String> theirs = out.lines()
                .filter(l -> (Integer.parseInt(l.split("\t")[1].substring(0, 4), 16) & 1) == 0)
                .toList();
        assertThat(mine).containsExactlyElementsOf(theirs);
    }

    private static void texts(String file, Attributes ds, String prefix, List<String> out) {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            String key = prefix + String.format("%04x,%04x", Tag.group(tag), Tag.element(tag));
            if (ds.vrAt(i) == Vr.SQ) {
                List<Attributes> items = ds.sequence(tag);
                for (int k = 0; k < items.size(); k++) {
                    texts(file, items.get(k), key + "/" + k + "/", out);
                }
            } else if (Tag.isPrivate(tag)) {
                continue; // pydicom's private dictionary gives VRs that implicit files do not carry
            } else if (TEXT.contains(ds.vrAt(i)) && !ds.strings(tag).stream().allMatch(String::isEmpty)) {
                String value = String.join("\\", ds.strings(tag));
                out.add(file + "\t" + key + "\t" + value.replace("\r", "\\r").replace("\n", "\\n"));
            }
        }
    }

    private Path file(String name, String charset, byte[] personName) throws Exception {
        Path f = dir.resolve(name);
        DicomWriter.write(
                f,
                Attributes.builder()
                        .setString(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, charset.split("\\\\", -1))
                        .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.7")
                        .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.18" + Math.abs(name.hashCode()))
                        .setBytes(Tag.PATIENT_NAME, Vr.PN, personName)
                        .build());
        return f;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] enc(String s, String charset) {
        return s.getBytes(Charset.forName(charset));
    }

    /** The 7-bit two-byte codes of JIS X 0208 (or, with {@code x0212}, JIS X 0212), from EUC-JP. */
    private static byte[] jis7(String s, boolean x0212) {
        byte[] euc = enc(s, "EUC-JP");
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < euc.length; i++) {
            if ((euc[i] & 0xff) == 0x8f) {
                assertThat(x0212).as(s + " is in JIS X 0212").isTrue();
                continue;
            }
            out.write(euc[i] & 0x7f);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

package org.netra.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.netra.imaging.dicom.Tag;

/**
 * DICOM knowledge in one place (issue 18): outside netra-imaging's {@code org.netra.imaging.dicom}, no module's
 * main code spells a tag as a hex literal ({@link Tag} names it), a SOP Class or other standard UID
 * ({@code SopClass}), or makes its own UIDs under 2.25 ({@code Uids}). A grep over the sources, since these are
 * constants the compiler inlines and ArchUnit cannot see.
 */
class DicomKnowledgeTest {
    /** The repository root, seen from netra-app where the test runs. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Path DICOM_PACKAGE = Path.of("netra-imaging/src/main/java/org/netra/imaging/dicom");

    private static final Pattern HEX_INT = Pattern.compile("\\b0[xX]([0-9a-fA-F]{8})\\b(?![lL])");
    private static final Pattern STANDARD_UID = Pattern.compile("\"1\\.2\\.840\\.10008\\.[0-9.]+\"");
    private static final Pattern OWN_ROOT_UID = Pattern.compile("\"2\\.25\\.");

    @Test
    void noModuleSpellsTagsOrUidsOutsideTheDicomPackage() throws IOException {
        Set<Integer> tags = tagValues();
        List<String> found = new ArrayList<>();
        for (Path f : mainSources()) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                for (String problem : problems(lines.get(i), tags)) {
                    found.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + problem);
                }
            }
        }
        assertThat(found)
                .as("use Tag, SopClass and Uids of org.netra.imaging.dicom")
                .isEmpty();
    }

    @Test
    void theRuleCatchesEachKindOfCopy() {
        Set<Integer> tags = tagValues();
        assertThat(problems("ds.string(0x00081155)", tags))
                .singleElement()
                .asString()
                .contains("(0008,1155)");
        assertThat(problems("b.setString(Tag.SOP_CLASS_UID, Vr.UI, \"1.2.840.10008.5.1.4.1.1.128\")", tags))
                .hasSize(1);
        assertThat(problems("String uid = \"2.25.4\" + n;", tags)).hasSize(1);
        // a mask or a length limit is not a tag
        assertThat(problems("if (length > 0xfffffffeL || (v & 0xffff0000) != 0)", tags))
                .isEmpty();
    }

    private static List<String> problems(String line, Set<Integer> tags) {
        List<String> out = new ArrayList<>();
        Matcher hex = HEX_INT.matcher(line);
        while (hex.find()) {
            int value = Integer.parseUnsignedInt(hex.group(1), 16);
            if (tags.contains(value)) {
                out.add("the tag " + Tag.toString(value) + " as a literal: name it from Tag");
            }
        }
        Matcher uid = STANDARD_UID.matcher(line);
        while (uid.find()) {
            out.add("the UID " + uid.group() + ": take it from SopClass (or TransferSyntax)");
        }
        if (OWN_ROOT_UID.matcher(line).find()) {
            out.add("a UID made under 2.25 by hand: Uids.random() or Uids.named()");
        }
        return out;
    }

    private static Set<Integer> tagValues() {
        Set<Integer> values = new HashSet<>();
        for (Field f : Tag.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    values.add(f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(values).as("Tag's constants").hasSizeGreaterThan(100);
        return values;
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT, 12)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> ROOT.relativize(p).toString().matches("netra-[a-z]+/src/main/java/.*"))
                    .filter(p -> !ROOT.relativize(p).startsWith(DICOM_PACKAGE))
                    .toList();
            assertThat(files).as("main sources under " + ROOT).hasSizeGreaterThan(300);
            return files;
        }
    }
}

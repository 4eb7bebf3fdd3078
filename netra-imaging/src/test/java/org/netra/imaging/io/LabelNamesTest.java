package org.netra.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The label-name sidecars netra reads: its own JSON, a tab-separated list, 3D Slicer and ITK-SNAP label files. */
class LabelNamesTest {
    @TempDir
    Path dir;

    private Map<Integer, String> read(String file, String text) throws Exception {
        Path p = dir.resolve(file);
        Files.writeString(p, text);
        return LabelNames.read(p);
    }

    @Test
    void eachFormatGivesNumberToName() throws Exception {
        Map<Integer, String> expected = Map.of(1, "kidney left", 2, "tumour \"A\"");
        assertThat(read("a.json", " {\"0\": \"background\", \"1\" : \"kidney left\",\n\"2\":\"tumour \\\"A\\\"\"} "))
                .isEqualTo(expected);
        assertThat(read("b.tsv", "# number\tname\n0\tbackground\n1\tkidney left\n2\ttumour \"A\"\n"))
                .isEqualTo(expected);
        // 3D Slicer colour table: number, name (no spaces), R G B A
        assertThat(read("c.txt", "# Color table file\n0 Background 0 0 0 0\n1 kidney_left 185 102 83 255\n"))
                .isEqualTo(Map.of(1, "kidney_left"));
        // ITK-SNAP label description: IDX R G B A VIS MSH "LABEL"
        assertThat(read(
                        "d.txt",
                        "################\n    0     0    0    0        0  0  0    \"Clear Label\"\n"
                                + "    1   255    0    0        1  1  1    \"kidney left\"\n"))
                .isEqualTo(Map.of(1, "kidney left"));
    }

    @Test
    void theSidecarIsFoundByTheMapsBaseName() throws Exception {
        Path map = dir.resolve("vois.nii.gz");
        assertThat(LabelNames.sidecarOf(map)).isEmpty();
        Files.writeString(dir.resolve("vois.tsv"), "1\tliver\n");
        assertThat(LabelNames.sidecarOf(map)).contains(dir.resolve("vois.tsv"));
        Files.writeString(dir.resolve("vois.json"), "{\"1\": \"liver\"}");
        assertThat(LabelNames.sidecarOf(map)).contains(dir.resolve("vois.json"));
    }

    @Test
    void badSidecarsAreRefusedNamingWhere() {
        assertThatThrownBy(() -> read("e.json", "{\"1\": 3}"))
                .isInstanceOf(NiftiException.class)
                .hasMessageContaining("e.json");
        assertThatThrownBy(() -> read("f.json", "[\"liver\"]")).isInstanceOf(NiftiException.class);
        assertThatThrownBy(() -> read("g.tsv", "1\tliver\nliver 2\n"))
                .isInstanceOf(NiftiException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> read("h.tsv", "1\tliver\n2\tliver\n"))
                .isInstanceOf(NiftiException.class)
                .hasMessageContaining("two labels");
        assertThatThrownBy(() -> read("i.tsv", "300\tliver\n"))
                .isInstanceOf(NiftiException.class)
                .hasMessageContaining("0…255");
    }
}

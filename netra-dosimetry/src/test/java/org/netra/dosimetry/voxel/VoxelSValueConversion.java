package org.netra.dosimetry.voxel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The repeatable step that turns shared/data/voxel-s-values (Lanconelli et al. 2012, one octant per
 * file) into netra's resource {@value VoxelSValues#RESOURCE}: one line per kernel, the 216 octant values
 * exactly as printed. {@code VoxelSValueResourceTest} checks the committed file equals its output;
 * docs/data.md says how to regenerate.
 */
public final class VoxelSValueConversion {
    /** The nuclides netra ships kernels for, file prefix → netra's nuclide name. */
    static final Map<String, String> NUCLIDES = Map.of("177Lu", "Lu-177", "90Y", "Y-90", "131I", "I-131");

    private static final Pattern NAME = Pattern.compile("(\\d+[A-Z][a-z]?)([0-9.]+)mm(soft|bone)\\.txt");

    static String convert(Path folder) throws IOException {
        Map<String, String> lines = new TreeMap<>();
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.sorted().toList();
        }
        for (Path f : files) {
            var m = NAME.matcher(f.getFileName().toString());
            if (!m.matches() || !NUCLIDES.containsKey(m.group(1))) {
                continue;
            }
            String nuclide = NUCLIDES.get(m.group(1));
            String size = m.group(2);
            String tissue = m.group(3);
            String[] values = new String[216];
            List<String> rows = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
            for (String row : rows.subList(2, rows.size())) {
                if (row.isBlank()) {
                    continue;
                }
                String[] c = row.strip().split("\\s+");
                int i = Integer.parseInt(c[0]), j = Integer.parseInt(c[1]), k = Integer.parseInt(c[2]);
                if (i > 5 || j > 5 || k > 5 || values[i * 36 + j * 6 + k] != null) {
                    throw new IOException(f + ": unexpected or repeated voxel " + i + " " + j + " " + k);
                }
                Double.parseDouble(c[3]); // must be a number
                values[i * 36 + j * 6 + k] = c[3];
            }
            var out = new ArrayList<String>(List.of(nuclide, size, tissue));
            for (int v = 0; v < values.length; v++) {
                if (values[v] == null) {
                    throw new IOException(f + ": voxel " + v / 36 + " " + v / 6 % 6 + " " + v % 6 + " is missing");
                }
                out.add(values[v]);
            }
            // sort by nuclide, tissue, then size as a number
            lines.put(
                    nuclide + "|" + tissue + "|" + String.format("%08.3f", Double.parseDouble(size)),
                    String.join("\t", out));
        }
        var sb = new StringBuilder();
        sb.append(
                        "# Voxel S-values, mGy/(MBq·s): Lanconelli et al., Phys Med Biol 2012;57:517 (via MGHPhysicsResearch/")
                .append("MIRDCalculation), converted by VoxelSValueConversion\n");
        sb.append("# nuclide\tvoxelMm\ttissue\tS(i,j,k) for one octant, i,j,k = 0..5, k fastest (216 values)\n");
        for (String line : lines.values()) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(
                Path.of(args[1]).resolve(VoxelSValues.RESOURCE), convert(Path.of(args[0])), StandardCharsets.UTF_8);
    }
}

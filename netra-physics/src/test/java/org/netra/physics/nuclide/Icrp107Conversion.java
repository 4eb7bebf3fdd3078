package org.netra.physics.nuclide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The repeatable step that turns shared/data/decay (ICRP-107 index and emission files) into netra's
 * compact resources. {@code Icrp107ResourceTest} checks the committed resources equal its output; run
 * {@code main} (see docs/data.md) to regenerate them after the source data changes.
 */
public final class Icrp107Conversion {
    /** Seconds per ICRP-107 time unit; its year is 365.2422 days. */
    static final Map<String, BigDecimal> SECONDS_PER_UNIT = Map.of(
            "us", new BigDecimal("1e-6"),
            "ms", new BigDecimal("1e-3"),
            "s", BigDecimal.ONE,
            "m", new BigDecimal("60"),
            "h", new BigDecimal("3600"),
            "d", new BigDecimal("86400"),
            "y", new BigDecimal("365.2422").multiply(new BigDecimal("86400")));

    record Output(String nuclides, String emissions) {}

    static Output convert(Path decayDir) throws IOException {
        var nuclides = new StringBuilder();
        nuclides.append("# ICRP Publication 107 nuclide index (see LICENSE.ICRP-07), converted by Icrp107Conversion\n");
        nuclides.append(
                "# name\thalfLifeSeconds\tdecayModes\tprogeny(name=branching,...)\talphaMeV\telectronMeV\tphotonMeV\n");
        List<String> lines = Files.readAllLines(decayDir.resolve("ICRP-07.NDX"), StandardCharsets.ISO_8859_1);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String name = line.substring(0, 7).strip();
            var value = new BigDecimal(line.substring(7, 15).strip());
            String unit = line.substring(15, 17).strip();
            BigDecimal factor = SECONDS_PER_UNIT.get(unit);
            if (factor == null) {
                throw new IOException("unknown half-life unit '" + unit + "' for " + name);
            }
            String modes = DecayMode.codes(DecayMode.parseAll(line.substring(17, 25)));
            List<String> progeny = new ArrayList<>();
            for (int i = 0, p = 53; i < 4; i++, p += 25) {
                String daughter = line.substring(p, p + 7).strip();
                double branch =
                        Double.parseDouble(line.substring(p + 13, p + 24).strip());
                if (!daughter.isEmpty()) {
                    progeny.add(daughter + "=" + branch);
                }
            }
            nuclides.append(String.join(
                            "\t",
                            name,
                            Double.toString(value.multiply(factor).doubleValue()),
                            modes,
                            String.join(",", progeny),
                            line.substring(152, 159).strip(),
                            line.substring(159, 167).strip(),
                            line.substring(167, 175).strip()))
                    .append('\n');
        }

        var mapper = new ObjectMapper();
        Map<String, JsonNode> byName = new TreeMap<>();
        try (var files = Files.list(decayDir.resolve("emissions"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                // each file is a JSON string that holds the JSON document
                JsonNode doc = mapper.readTree(mapper.readTree(f.toFile()).asText());
                byName.put(doc.get("name").asText(), doc.get("emissions"));
            }
        }
        var emissions = new StringBuilder();
        emissions.append(
                "# ICRP Publication 107 emission lines (see LICENSE.ICRP-07), converted by Icrp107Conversion\n");
        emissions.append("# nuclide\ttype\tenergyMeV\tyieldPerDecay (beta lines: mean energy of the branch)\n");
        for (var entry : byName.entrySet()) {
            for (RadiationType type : RadiationType.values()) {
                JsonNode list = entry.getValue().get(type.icrpName());
                if (list == null) {
                    continue;
                }
                for (JsonNode pair : list) {
                    emissions
                            .append(String.join(
                                    "\t",
                                    entry.getKey(),
                                    type.icrpName(),
                                    Double.toString(pair.get(0).asDouble()),
                                    Double.toString(pair.get(1).asDouble())))
                            .append('\n');
                }
            }
        }
        return new Output(nuclides.toString(), emissions.toString());
    }

    /** Regenerates the resources: {@code main(decayDir, resourceDir)}. */
    public static void main(String[] args) throws IOException {
        Path decayDir = Path.of(args.length > 0 ? args[0] : "../shared/data/decay");
        Path out = Path.of(args.length > 1 ? args[1] : "netra-physics/src/main/resources/org/netra/physics/nuclide");
        Output o = convert(decayDir);
        Files.writeString(out.resolve(NuclideCatalog.NUCLIDES_RESOURCE), o.nuclides());
        Files.writeString(out.resolve(NuclideCatalog.EMISSIONS_RESOURCE), o.emissions());
        Files.copy(
                decayDir.resolve("LICENSE.ICRP-07"),
                out.resolve("LICENSE.ICRP-07"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf(Locale.ROOT, "wrote %s%n", out.toAbsolutePath());
    }
}

package org.netra.dosimetry.organ;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The documented step (docs/data.md) that turns shared/data/organ-s-values into the resource
 * {@code opendose-lu177-s-values.tsv}: one line per phantom, source and target, numbers copied as printed.
 */
final class OpenDoseConversion {
    private OpenDoseConversion() {}

    static String convert(Path organSValues) throws IOException {
        var out = new StringBuilder();
        out.append("# OpenDose (opendose.org) 177Lu S-values, ICRP-110 adult phantoms; cite OpenDose"
                + " (Chauvin et al., J Nucl Med 2020;61:1514).\n");
        out.append("# Made from shared/data/organ-s-values by OpenDoseConversion (docs/data.md).\n");
        out.append("# phantom\tsource\ttarget\tS mGy/(MBq s)\tstandard error mGy/(MBq s)\ttarget mass g\n");
        var mapper = new ObjectMapper();
        for (ReferencePhantom phantom : ReferencePhantom.values()) {
            Path dir = organSValues.resolve("opendose-icrp110-" + phantom.code());
            for (SourceRegion source : SourceRegion.values()) {
                JsonNode rows = mapper.readTree(
                        dir.resolve("lu-177_" + source.code() + ".json").toFile());
                for (JsonNode r : rows) {
                    out.append(String.join(
                                    "\t",
                                    phantom.code(),
                                    source.code(),
                                    r.get(0).asText(),
                                    r.get(1).asText(),
                                    r.get(2).asText(),
                                    r.get(3).asText()))
                            .append('\n');
                }
            }
        }
        return out.toString();
    }

    /** Writes the resource: args = shared/data/organ-s-values, the resource folder. */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[1], OrganSValues.RESOURCE), convert(Path.of(args[0])), StandardCharsets.UTF_8);
    }

    static List<Path> sourceFiles(Path organSValues) throws IOException {
        try (Stream<Path> s = Files.walk(organSValues)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}

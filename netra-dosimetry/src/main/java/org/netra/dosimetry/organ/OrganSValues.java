package org.netra.dosimetry.organ;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Mass;

/**
 * OpenDose (opendose.org) 177Lu S-values for the ICRP-110 adult phantoms, sources liver, spleen and each kidney,
 * from the resource {@code opendose-lu177-s-values.tsv} that docs/data.md describes how to make. Cite OpenDose
 * (Chauvin et al., J Nucl Med 2020;61:1514) where these numbers are used.
 */
public final class OrganSValues {
    static final String RESOURCE = "opendose-lu177-s-values.tsv";

    private static volatile OrganSValues lu177;

    private final Map<String, OrganSValue> byKey;

    private OrganSValues(Map<String, OrganSValue> byKey) {
        this.byKey = byKey;
    }

    /** The shipped table, loaded once. */
    public static OrganSValues openDoseLu177() {
        OrganSValues t = lu177;
        if (t == null) {
            synchronized (OrganSValues.class) {
                t = lu177;
                if (t == null) {
                    t = load();
                    lu177 = t;
                }
            }
        }
        return t;
    }

    /** The nuclide these S-values are for. */
    public Nuclide nuclide() {
        return NuclideCatalog.icrp107().lutetium177();
    }

    /** The S-value of {@code target} ← {@code source}; targets are OpenDose's names (e.g. "Liver", "Spleen"). */
    public OrganSValue get(ReferencePhantom phantom, SourceRegion source, String target) {
        OrganSValue v = byKey.get(key(phantom, source, target));
        if (v == null) {
            throw new IllegalArgumentException("no OpenDose S-value for target '" + target + "' ← " + source + " in "
                    + phantom + "; targets are named as OpenDose names them, e.g. "
                    + targets(phantom, source).subList(0, 5));
        }
        return v;
    }

    public List<String> targets(ReferencePhantom phantom, SourceRegion source) {
        return byKey.values().stream()
                .filter(v -> v.phantom() == phantom && v.source() == source)
                .map(OrganSValue::target)
                .toList();
    }

    public List<OrganSValue> all() {
        return List.copyOf(byKey.values());
    }

    private static String key(ReferencePhantom p, SourceRegion s, String target) {
        return p.code() + "\t" + s.code() + "\t" + target;
    }

    private static OrganSValues load() {
        Map<String, OrganSValue> map = new LinkedHashMap<>();
        try (InputStream in = OrganSValues.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "netra is missing its resource " + RESOURCE + "; rebuild netra-dosimetry");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>(reader.lines().toList());
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                var v = new OrganSValue(
                        ReferencePhantom.ofCode(f[0]),
                        SourceRegion.ofCode(f[1]),
                        f[2],
                        SValue.ofMGyPerMBqSecond(Double.parseDouble(f[3])),
                        Double.parseDouble(f[4]),
                        Mass.ofGrams(Double.parseDouble(f[5])));
                map.put(key(v.phantom(), v.source(), v.target()), v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
        return new OrganSValues(map);
    }
}

package org.netra.physics.nuclide;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netra.physics.quantity.Energy;

/**
 * The nuclides of ICRP Publication 107, read from the compact resources {@code icrp107-nuclides.tsv}
 * and {@code icrp107-emissions.tsv} (made from shared/data/decay as docs/data.md describes; the ICRP
 * notice is kept beside them). Names are accepted in the usual spellings: Lu-177, 177Lu, lu177.
 */
public final class NuclideCatalog {
    static final String NUCLIDES_RESOURCE = "icrp107-nuclides.tsv";
    static final String EMISSIONS_RESOURCE = "icrp107-emissions.tsv";

    private static final Pattern SYMBOL_FIRST = Pattern.compile("([A-Za-z]{1,2})-?(\\d{1,3})([mMnN]?)");
    private static final Pattern MASS_FIRST = Pattern.compile("(\\d{1,3})([mMnN]?)-?([A-Za-z]{1,2})");

    private static volatile NuclideCatalog icrp107;

    private final Map<String, Nuclide> byName;

    private NuclideCatalog(Map<String, Nuclide> byName) {
        this.byName = byName;
    }

    /** The ICRP-107 catalogue shipped with netra, loaded once. */
    public static NuclideCatalog icrp107() {
        NuclideCatalog c = icrp107;
        if (c == null) {
            synchronized (NuclideCatalog.class) {
                c = icrp107;
                if (c == null) {
                    c = load();
                    icrp107 = c;
                }
            }
        }
        return c;
    }

    /** The nuclide of that name, or an {@link UnknownNuclideException} listing close matches. */
    public Nuclide get(String name) {
        return find(name).orElseThrow(() -> new UnknownNuclideException(name, closeMatches(name)));
    }

    /**
     * Lutetium-177, the nuclide of 177Lu-DOTATATE/-DOTATOC PRRT that netra's defaults, demo and shipped S-value
     * tables are for: code that means this nuclide asks for it here rather than spelling its name.
     */
    public Nuclide lutetium177() {
        return get("Lu-177");
    }

    public Optional<Nuclide> find(String name) {
        return canonicalName(name).map(byName::get);
    }

    public List<Nuclide> all() {
        return List.copyOf(byName.values());
    }

    /** The nuclides whose emission lines netra ships (the ones used in nuclear medicine). */
    public List<Nuclide> withEmissionLines() {
        return byName.values().stream().filter(Nuclide::hasEmissionLines).toList();
    }

    /** Writes {@code 177Lu}, {@code lu177} or {@code LU-177} the ICRP way, {@code Lu-177}. */
    public static Optional<String> canonicalName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String s = name.strip();
        Matcher m = SYMBOL_FIRST.matcher(s);
        if (m.matches()) {
            return Optional.of(spell(m.group(1), m.group(2), m.group(3)));
        }
        m = MASS_FIRST.matcher(s);
        if (m.matches()) {
            return Optional.of(spell(m.group(3), m.group(1), m.group(2)));
        }
        return Optional.empty();
    }

    private static String spell(String symbol, String mass, String isomer) {
        String element = symbol.substring(0, 1).toUpperCase(Locale.ROOT)
                + symbol.substring(1).toLowerCase(Locale.ROOT);
        return element + "-" + Integer.parseInt(mass) + isomer.toLowerCase(Locale.ROOT);
    }

    List<String> closeMatches(String name) {
        String wanted =
                canonicalName(name).orElse(name == null ? "" : name.strip()).toLowerCase(Locale.ROOT);
        record Scored(String name, int distance) {}
        return byName.keySet().stream()
                .map(n -> new Scored(n, editDistance(wanted, n.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= 2)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(6)
                .map(Scored::name)
                .toList();
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static NuclideCatalog load() {
        Map<String, List<EmissionLine>> lines = new HashMap<>();
        for (String[] f : rows(EMISSIONS_RESOURCE)) {
            lines.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new EmissionLine(
                            RadiationType.ofIcrpName(f[1]),
                            Energy.ofMeV(Double.parseDouble(f[2])),
                            Double.parseDouble(f[3])));
        }
        Map<String, Nuclide> byName = new LinkedHashMap<>();
        for (String[] f : rows(NUCLIDES_RESOURCE)) {
            List<Progeny> progeny = new ArrayList<>();
            if (!f[3].isEmpty()) {
                for (String p : f[3].split(",")) {
                    String[] nb = p.split("=");
                    progeny.add(new Progeny(nb[0], Double.parseDouble(nb[1])));
                }
            }
            var energies = new MeanEnergyPerDecay(
                    Energy.ofMeV(Double.parseDouble(f[4])),
                    Energy.ofMeV(Double.parseDouble(f[5])),
                    Energy.ofMeV(Double.parseDouble(f[6])));
            byName.put(
                    f[0],
                    new Nuclide(
                            f[0],
                            Double.parseDouble(f[1]),
                            DecayMode.parseAll(f[2]),
                            progeny,
                            energies,
                            lines.getOrDefault(f[0], List.of())));
        }
        return new NuclideCatalog(byName);
    }

    private static List<String[]> rows(String resource) {
        try (InputStream in = NuclideCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "netra is missing its resource " + resource + "; rebuild netra-physics");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}

package org.netra.dosimetry.montecarlo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The photon cross sections netra ships ({@code photon-cross-sections.tsv}): photoelectric, incoherent and
 * coherent mass attenuation coefficients of 17 elements from xraylib on a 1 keV–3 MeV grid, and the media made of
 * them — with each element's incoherent scattering function S(x, Z) and atomic form factor F(x, Z), the binding
 * corrections to the scattering angles ({@link #boundScattering}) — ICRU 44/46 water, soft tissue, lung, adipose, cortical bone, and the Schneider 2000 CT materials with
 * their HU bins. Written by {@code netra-dosimetry/tools/photon_cross_sections.py} (docs/data.md).
 */
public final class PhotonCrossSections {
    static final String RESOURCE = "photon-cross-sections.tsv";
    public static final String WATER = "Water";
    public static final String SOFT_TISSUE = "ICRU44-SoftTissue";
    public static final String LUNG = "ICRU44-Lung";
    public static final String ADIPOSE = "ICRU44-Adipose";
    public static final String CORTICAL_BONE = "ICRU46-CorticalBone";
    /** NIST's "Bone, compact (ICRU)" (1.85 g/cm³), the bone of the published voxel S-values netra is checked against. */
    public static final String COMPACT_BONE = "ICRU-CompactBone";

    /** A Schneider medium and the HU bin [low, high) it covers. */
    public record HounsfieldBin(int lowHu, int highHu, PhotonMedium medium) {}

    private static final PhotonCrossSections SHIPPED = read(RESOURCE);

    /**
     * One element's binding corrections to the scattering angles, on the resource's momentum-transfer grid.
     *
     * @param incoherentFunction S(x, Z), rising from 0 to Z
     * @param formFactor F(x, Z), falling from Z to 0
     */
    record ElementScattering(int z, double atomicWeight, double[] incoherentFunction, double[] formFactor) {}

    private final double[] energiesKeV;
    private final Map<String, PhotonMedium> media;
    private final List<HounsfieldBin> bins;
    /** x = sin(θ/2)/λ, 1/Å, starting at 0. */
    private final double[] momentumTransfer;

    private final Map<String, ElementScattering> scattering;

    private PhotonCrossSections(
            double[] energiesKeV,
            Map<String, PhotonMedium> media,
            List<HounsfieldBin> bins,
            double[] momentumTransfer,
            Map<String, ElementScattering> scattering) {
        this.energiesKeV = energiesKeV;
        this.media = media;
        this.bins = bins;
        this.momentumTransfer = momentumTransfer;
        this.scattering = scattering;
    }

    /**
     * The binding corrections to the Compton and Rayleigh angles of a medium, mixed from its elements by mass
     * fraction. A medium naming an element the resource does not carry is refused with the elements there are.
     */
    public BoundScattering boundScattering(PhotonMedium medium) {
        int n = momentumTransfer.length;
        double[] s = new double[n], f2 = new double[n];
        double electrons = 0;
        for (var e : medium.composition().entrySet()) {
            ElementScattering el = scattering.get(e.getKey());
            if (el == null) {
                throw new IllegalArgumentException("medium " + medium.name() + " names element " + e.getKey()
                        + " without scattering functions; netra's elements are " + List.copyOf(scattering.keySet()));
            }
            // per gram: mass fraction / atomic weight atoms of the element (Avogadro's number cancels)
            double atoms = e.getValue() / el.atomicWeight();
            electrons += atoms * el.z();
            for (int i = 0; i < n; i++) {
                s[i] += atoms * el.incoherentFunction()[i];
                f2[i] += atoms * el.formFactor()[i] * el.formFactor()[i];
            }
        }
        return new BoundScattering(medium.name(), momentumTransfer, s, f2, electrons);
    }

    public static PhotonCrossSections shipped() {
        return SHIPPED;
    }

    /** The medium of that name; an unknown name is refused with the names there are. */
    public PhotonMedium medium(String name) {
        PhotonMedium m = media.get(name);
        if (m == null) {
            throw new IllegalArgumentException(
                    "no photon medium '" + name + "'; netra's media are " + List.copyOf(media.keySet()));
        }
        return m;
    }

    /** The Schneider media in HU order. */
    public List<HounsfieldBin> hounsfieldBins() {
        return bins;
    }

    /** The Schneider medium of a CT number; below the first bin the first, above the last the last. */
    public PhotonMedium atHounsfield(double hu) {
        for (HounsfieldBin b : bins) {
            if (hu < b.highHu()) {
                return b.medium();
            }
        }
        return bins.get(bins.size() - 1).medium();
    }

    public double[] energiesKeV() {
        return energiesKeV.clone();
    }

    static PhotonCrossSections read(String resource) {
        InputStream in = PhotonCrossSections.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource " + resource + " is missing from netra-dosimetry");
        }
        double[] energies = null;
        double[] momentum = null;
        Map<String, double[][]> elements = new LinkedHashMap<>();
        Map<String, Integer> atomicNumbers = new LinkedHashMap<>();
        Map<String, PhotonMedium> media = new LinkedHashMap<>();
        List<HounsfieldBin> bins = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t");
                switch (c[0]) {
                    case "energies_keV" -> energies = numbers(c, 1);
                    case "momentum_transfer_per_angstrom" -> momentum = numbers(c, 1);
                    case "element" -> {
                        double[][] e = elements.computeIfAbsent(c[1], k -> new double[6][]);
                        atomicNumbers.put(c[1], Integer.parseInt(c[2]));
                        int which =
                                switch (c[3]) {
                                    case "photoelectric" -> 0;
                                    case "incoherent" -> 1;
                                    case "coherent" -> 2;
                                    case "atomic_weight" -> 3;
                                    case "incoherent_function" -> 4;
                                    case "form_factor" -> 5;
                                    default -> throw new IllegalStateException("unknown process " + c[3]);
                                };
                        e[which] = numbers(c, 4);
                    }
                    case "medium" -> {
                        PhotonMedium m = mix(c[1], fractions(c), energies, elements);
                        media.put(m.name(), m);
                        if (!c[2].isEmpty()) {
                            bins.add(new HounsfieldBin(Integer.parseInt(c[2]), Integer.parseInt(c[3]), m));
                        }
                    }
                    default -> throw new IllegalStateException("unknown row kind '" + c[0] + "'");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the photon cross sections " + resource + ": " + e, e);
        }
        Map<String, ElementScattering> scattering = new LinkedHashMap<>();
        for (var e : elements.entrySet()) {
            double[][] v = e.getValue();
            if (v[3] == null || v[4] == null || v[5] == null || momentum == null) {
                throw new IllegalStateException(resource + ": element " + e.getKey()
                        + " lacks its atomic weight or scattering functions; regenerate it (docs/data.md)");
            }
            scattering.put(e.getKey(), new ElementScattering(atomicNumbers.get(e.getKey()), v[3][0], v[4], v[5]));
        }
        return new PhotonCrossSections(
                energies, Map.copyOf(media), List.copyOf(bins), momentum, Map.copyOf(scattering));
    }

    private static double[] numbers(String[] c, int from) {
        double[] out = new double[c.length - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(c[from + i]);
        }
        return out;
    }

    /** Mass per cent as written, normalised to fractions (Schneider's rows sum to 99.9–100.1 %). */
    private static Map<String, Double> fractions(String[] c) {
        Map<String, Double> percent = new LinkedHashMap<>();
        double sum = 0;
        for (int i = 4; i < c.length; i++) {
            String[] kv = c[i].split(":");
            double p = Double.parseDouble(kv[1]);
            percent.put(kv[0], p);
            sum += p;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : percent.entrySet()) {
            out.put(e.getKey(), e.getValue() / sum);
        }
        return out;
    }

    private static PhotonMedium mix(
            String name, Map<String, Double> composition, double[] energies, Map<String, double[][]> elements) {
        int n = energies.length;
        double[][] sum = new double[3][n];
        for (var e : composition.entrySet()) {
            double[][] el = elements.get(e.getKey());
            if (el == null) {
                throw new IllegalStateException("medium " + name + " names element " + e.getKey() + " without data");
            }
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < n; i++) {
                    sum[p][i] += e.getValue() * el[p][i];
                }
            }
        }
        return new PhotonMedium(name, composition, energies, sum[0], sum[1], sum[2]);
    }
}

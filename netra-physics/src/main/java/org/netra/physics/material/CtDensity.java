package org.netra.physics.material;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.netra.physics.quantity.Density;

/**
 * CT number (HU) → mass density, piecewise linear between the nodes of a calibration table; outside
 * the table, the end nodes' densities. The default is Schneider, Bortfeld and Schlegel, Phys Med Biol
 * 2000;45:459 (the table GATE ships, via dsarrut/rpt_dosi). A real scanner's own calibration is
 * better: build one with {@link #of}.
 */
public final class CtDensity {
    static final String SCHNEIDER_RESOURCE = "schneider2000-densities.txt";
    private static final CtDensity SCHNEIDER = read(SCHNEIDER_RESOURCE);

    private final double[] hu;
    private final double[] gPerMl;

    private CtDensity(double[] hu, double[] gPerMl) {
        if (hu.length < 2 || hu.length != gPerMl.length) {
            throw new IllegalArgumentException("a CT calibration needs at least two (HU, density) nodes");
        }
        for (int i = 0; i < hu.length; i++) {
            if (i > 0 && !(hu[i] > hu[i - 1])) {
                throw new IllegalArgumentException("CT calibration nodes must rise in HU: " + Arrays.toString(hu));
            }
            if (!(gPerMl[i] > 0)) {
                throw new IllegalArgumentException("CT calibration density at " + hu[i] + " HU must be positive");
            }
        }
        this.hu = hu.clone();
        this.gPerMl = gPerMl.clone();
    }

    /** Schneider et al. 2000. */
    public static CtDensity schneider2000() {
        return SCHNEIDER;
    }

    /** A calibration through the nodes (HU ascending, density g/mL). */
    public static CtDensity of(double[] hu, double[] gPerMl) {
        return new CtDensity(hu, gPerMl);
    }

    public Density density(double hounsfield) {
        return Density.ofGramsPerMl(gramsPerMl(hounsfield));
    }

    /** Density in g/mL at {@code hounsfield}: the hot path for whole CT volumes. */
    public double gramsPerMl(double hounsfield) {
        if (Double.isNaN(hounsfield)) {
            throw new IllegalArgumentException("a CT number is NaN; the CT volume has undefined voxels");
        }
        if (hounsfield <= hu[0]) {
            return gPerMl[0];
        }
        int n = hu.length;
        if (hounsfield >= hu[n - 1]) {
            return gPerMl[n - 1];
        }
        int hi = Arrays.binarySearch(hu, hounsfield);
        if (hi >= 0) {
            return gPerMl[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        return gPerMl[lo] + (hounsfield - hu[lo]) * (gPerMl[hi] - gPerMl[lo]) / (hu[hi] - hu[lo]);
    }

    /** Densities (g/mL) of a whole CT, voxel by voxel. */
    public float[] gramsPerMl(float[] hounsfield) {
        float[] out = new float[hounsfield.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) gramsPerMl(hounsfield[i]);
        }
        return out;
    }

    /**
     * Each CT number of {@code values} replaced by its density (g/mL), the same floats {@link #gramsPerMl(float[])}
     * makes, without a second array of the CT's size (52 MB at 256×256×200).
     */
    public void toGramsPerMl(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) gramsPerMl(values[i]);
        }
    }

    /** The calibration nodes' CT numbers. */
    public double[] nodesHu() {
        return hu.clone();
    }

    /** The calibration nodes' densities, g/mL. */
    public double[] nodesGramsPerMl() {
        return gPerMl.clone();
    }

    static CtDensity read(String resource) {
        InputStream in = CtDensity.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource " + resource + " is missing from netra-physics");
        }
        List<double[]> nodes = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] c = s.split("\\s+");
                nodes.add(new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1])});
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the CT calibration " + resource + ": " + e.getMessage(), e);
        }
        return new CtDensity(
                nodes.stream().mapToDouble(n -> n[0]).toArray(),
                nodes.stream().mapToDouble(n -> n[1]).toArray());
    }
}

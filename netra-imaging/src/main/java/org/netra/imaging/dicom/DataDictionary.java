package org.netra.imaging.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DICOM data dictionary (PS3.6 registry: tag, keyword, VR, VM), converted from DCMTK's
 * {@code dicom.dic} by {@code DictionaryConversion} (docs/data.md). It gives implicit-VR files their VRs
 * and dumps their names.
 */
public final class DataDictionary {
    static final String RESOURCE = "dicom-dictionary.tsv";

    /** One registry entry; {@code vr} is as the standard writes it, e.g. {@code US} or {@code OB or OW}. */
    public record Entry(String tag, String keyword, String vr, String vm) {
        /** The VR an implicit-VR reader should assume: OW where OW is allowed (PS3.5 A.1), else the first. */
        public Vr implicitVr() {
            if (vr.contains("OW")) {
                return Vr.OW;
            }
            return Vr.valueOf(vr.substring(0, 2));
        }
    }

    /** A repeating-group entry such as (60xx,3000): matches where the masked tag equals the base. */
    private record Range(int[] group, int[] element, Entry entry) {
        boolean matches(int tag) {
            return within(tag >>> 16, group) && within(tag & 0xffff, element);
        }

        private static boolean within(int v, int[] span) {
            return v >= span[0] && v <= span[1] && (span[2] < 0 || (v & 1) == span[2]);
        }
    }

    private static final DataDictionary STANDARD = load();

    private final Map<Integer, Entry> exact;
    private final List<Range> ranges;
    private final Map<String, Integer> byKeyword;

    private DataDictionary(Map<Integer, Entry> exact, List<Range> ranges) {
        this.exact = exact;
        this.ranges = ranges;
        this.byKeyword = new HashMap<>();
        exact.forEach((tag, e) -> byKeyword.putIfAbsent(e.keyword(), tag));
    }

    public static DataDictionary standard() {
        return STANDARD;
    }

    public Optional<Entry> entry(int tag) {
        Entry e = exact.get(tag);
        if (e != null) {
            return Optional.of(e);
        }
        for (Range r : ranges) {
            if (r.matches(tag)) {
                return Optional.of(r.entry());
            }
        }
        return Optional.empty();
    }

    /** The keyword of a tag, or an empty string for private and unknown tags. */
    public String keyword(int tag) {
        return entry(tag).map(Entry::keyword).orElse("");
    }

    /** The tag of a keyword such as {@code PatientWeight}, if the registry holds it. */
    public Optional<Integer> tagOf(String keyword) {
        return Optional.ofNullable(byKeyword.get(keyword));
    }

    /** The VR of a tag in an implicit-VR data set: group lengths UL, private creators LO, unknown UN. */
    public Vr implicitVr(int tag) {
        int element = tag & 0xffff;
        if (element == 0) {
            return Vr.UL;
        }
        if (Tag.isPrivate(tag)) {
            return element >= 0x10 && element <= 0xff ? Vr.LO : Vr.UN;
        }
        Entry e = exact.get(tag);
        if (e != null) {
            return e.implicitVr();
        }
        return entry(tag).map(Entry::implicitVr).orElse(Vr.UN);
    }

    private static DataDictionary load() {
        try (InputStream in = DataDictionary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the DICOM dictionary resource " + RESOURCE + " is missing");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DICOM dictionary resource", e);
        }
    }

    static DataDictionary parse(BufferedReader reader) throws IOException {
        Map<Integer, Entry> exact = new HashMap<>();
        List<Range> ranges = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            var entry = new Entry(f[0], f[1], f[2], f[3]);
            String[] ge = f[0].split(",");
            if (ge[0].length() == 4 && ge[1].length() == 4) {
                exact.put(Integer.parseInt(ge[0], 16) << 16 | Integer.parseInt(ge[1], 16), entry);
            } else {
                ranges.add(new Range(span(ge[0]), span(ge[1]), entry));
            }
        }
        return new DataDictionary(exact, List.copyOf(ranges));
    }

    /** {@code gggg}, {@code gggg-gggg} (even only), {@code gggg-o-gggg} (odd) or {@code gggg-u-gggg} (all). */
    private static int[] span(String s) {
        if (s.length() == 4) {
            int v = Integer.parseInt(s, 16);
            return new int[] {v, v, -1};
        }
        String[] p = s.split("-");
        int parity = p.length == 2 ? 0 : p[1].equals("o") ? 1 : -1;
        return new int[] {Integer.parseInt(p[0], 16), Integer.parseInt(p[p.length - 1], 16), parity};
    }
}

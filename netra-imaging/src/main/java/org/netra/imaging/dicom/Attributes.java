package org.netra.imaging.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * An immutable DICOM data set: elements in tag order, their values kept as views into the bytes they
 * were read from (so reading allocates little) and decoded on demand by typed getters. Sequences are
 * lists of data sets; encapsulated pixel data is {@link Fragments}.
 */
public final class Attributes {
    private final String source;
    private final boolean bigEndian;
    private final SpecificCharacterSet charset;
    private final int[] tags;
    private final Vr[] vrs;
    private final byte[][] buffers;
    private final int[] offsets;
    private final int[] lengths;
    private final Object[] nested;
    /** Where this item's (FFFE,E000) tag starts in the file it was read from, or -1 (DICOMDIR offsets name it). */
    private final long itemOffset;

    private Attributes(
            String source,
            boolean bigEndian,
            SpecificCharacterSet charset,
            int[] tags,
            Vr[] vrs,
            byte[][] buffers,
            int[] offsets,
            int[] lengths,
            Object[] nested,
            long itemOffset) {
        this.source = source;
        this.bigEndian = bigEndian;
        this.charset = charset;
        this.tags = tags;
        this.vrs = vrs;
        this.buffers = buffers;
        this.offsets = offsets;
        this.lengths = lengths;
        this.nested = nested;
        this.itemOffset = itemOffset;
    }

    /** Where this item started in its file (the offset of its item tag), or -1 when unknown. */
    long itemOffset() {
        return itemOffset;
    }

    /** A new, empty data set to fill (values are encoded little endian). */
    public static Builder builder() {
        return new Builder("new data set", false, SpecificCharacterSet.DEFAULT);
    }

    public int size() {
        return tags.length;
    }

    public int tagAt(int index) {
        return tags[index];
    }

    public Vr vrAt(int index) {
        return vrs[index];
    }

    /** The tags in this data set, ascending. */
    public int[] tags() {
        return tags.clone();
    }

    /** The file this data set was read from, for messages. */
    public String source() {
        return source;
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    /** The charset of the Specific Character Set's first value (ISO 2022 code extensions decode beyond it). */
    public Charset charset() {
        return charset.charset();
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    public int indexOf(int tag) {
        // tags compare unsigned: (FFFE,...) and private groups above 7FFF sort last
        int lo = 0;
        int hi = tags.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    public Optional<Vr> vr(int tag) {
        int i = indexOf(tag);
        return i < 0 ? Optional.empty() : Optional.of(vrs[i]);
    }

    /** The value length in bytes (0 if absent or empty). */
    public int length(int tag) {
        int i = indexOf(tag);
        return i < 0 ? 0 : lengths[i];
    }

    /** A read-only view of the raw value bytes, in this data set's byte order; empty if absent. */
    public ByteBuffer value(int tag) {
        int i = indexOf(tag);
        if (i < 0 || nested[i] != null) {
            return ByteBuffer.allocate(0);
        }
        return view(i);
    }

    private ByteBuffer view(int i) {
        // the byte order must be set last: slice and asReadOnlyBuffer reset it to big endian
        return ByteBuffer.wrap(buffers[i], offsets[i], lengths[i])
                .slice()
                .asReadOnlyBuffer()
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /** A copy of the raw value bytes, or an empty array. */
    public byte[] bytes(int tag) {
        int i = indexOf(tag);
        if (i < 0 || nested[i] != null) {
            return new byte[0];
        }
        return Arrays.copyOfRange(buffers[i], offsets[i], offsets[i] + lengths[i]);
    }

    /** The first value of a string element, without padding; empty if absent or empty. */
    public Optional<String> string(int tag) {
        List<String> all = strings(tag);
        return all.isEmpty() || all.get(0).isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** All values of an element as strings: text split at backslashes, numbers formatted. */
    public List<String> strings(int tag) {
        int i = indexOf(tag);
        if (i < 0 || lengths[i] == 0 || nested[i] != null) {
            return List.of();
        }
        Vr vr = vrs[i];
        return switch (vr.kind()) {
            case STRING -> splitStrings(i);
            case TEXT -> List.of(stripTrailing(text(i)));
            case BINARY -> {
                if (vr == Vr.FL || vr == Vr.FD || vr == Vr.OF || vr == Vr.OD) {
                    yield Arrays.stream(doubles(tag)).mapToObj(Double::toString).toList();
                }
                if (vr.width() == 0) {
                    yield List.of();
                }
                yield Arrays.stream(longs(i)).mapToObj(Long::toString).toList();
            }
            case SEQUENCE -> List.of();
        };
    }

    private String text(int i) {
        boolean ascii = vrs[i] == Vr.UI
                || vrs[i] == Vr.CS
                || vrs[i] == Vr.DA
                || vrs[i] == Vr.TM
                || vrs[i] == Vr.DT
                || vrs[i] == Vr.DS
                || vrs[i] == Vr.IS
                || vrs[i] == Vr.AS
                || vrs[i] == Vr.AE;
        return ascii
                ? new String(buffers[i], offsets[i], lengths[i], StandardCharsets.ISO_8859_1)
                : charset.decode(buffers[i], offsets[i], lengths[i], vrs[i] == Vr.PN);
    }

    private List<String> splitStrings(int i) {
        String s = text(i);
        boolean personName = vrs[i] == Vr.PN;
        List<String> out = new ArrayList<>(2);
        int start = 0;
        for (int k = 0; k <= s.length(); k++) {
            if (k == s.length() || s.charAt(k) == '\\') {
                String value = trim(s.substring(start, k));
                out.add(personName ? withoutEmptyTrailingGroups(value) : value);
                start = k + 1;
            }
        }
        return out;
    }

    /** "Wang^XiaoDong=王^小東=" is "Wang^XiaoDong=王^小東": an empty last component group is no group (PS3.5 6.2.1). */
    private static String withoutEmptyTrailingGroups(String personName) {
        int end = personName.length();
        while (end > 0 && personName.charAt(end - 1) == '=') {
            end--;
        }
        return personName.substring(0, end);
    }

    /** Leading and trailing spaces and NULs are padding, not value. */
    static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == 0)) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == 0)) {
            b--;
        }
        return s.substring(a, b);
    }

    private static String stripTrailing(String s) {
        int b = s.length();
        while (b > 0 && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == 0)) {
            b--;
        }
        return s.substring(0, b);
    }

    /** The first value of a PN element as a {@link PersonName}; empty if absent or empty. */
    public Optional<PersonName> personName(int tag) {
        return string(tag).map(PersonName::parse);
    }

    public OptionalInt integer(int tag) {
        int[] v = ints(tag);
        return v.length == 0 ? OptionalInt.empty() : OptionalInt.of(v[0]);
    }

    public int integer(int tag, int defaultValue) {
        int[] v = ints(tag);
        return v.length == 0 ? defaultValue : v[0];
    }

    /** Integer values of a binary integer (US, SS, UL, SL, AT...) or IS element; empty if absent. */
    public int[] ints(int tag) {
        int i = indexOf(tag);
        if (i < 0 || lengths[i] == 0 || nested[i] != null) {
            return new int[0];
        }
        if (vrs[i].kind() == Vr.Kind.BINARY && vrs[i].width() > 0) {
            long[] l = longs(i);
            int[] out = new int[l.length];
            for (int k = 0; k < l.length; k++) {
                out[k] = Math.toIntExact(l[k]);
            }
            return out;
        }
        List<String> s = splitStrings(i);
        int[] out = new int[s.size()];
        for (int k = 0; k < out.length; k++) {
            try {
                out[k] = Integer.parseInt(s.get(k).startsWith("+") ? s.get(k).substring(1) : s.get(k));
            } catch (NumberFormatException e) {
                throw invalid(i, "'" + s.get(k) + "' is not an integer");
            }
        }
        return out;
    }

    private long[] longs(int i) {
        Vr vr = vrs[i];
        int w = vr.width();
        if (w == 0) {
            // OB and UN hold bytes, not numbers (an UN the dictionary knows is resolved when read)
            throw invalid(i, "a " + vr + " value is not a number");
        }
        ByteBuffer b = view(i);
        int n = lengths[i] / w;
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            out[k] = switch (vr) {
                case US, OW -> b.getShort(k * 2) & 0xffff;
                case SS -> b.getShort(k * 2);
                case UL, OL -> b.getInt(k * 4) & 0xffffffffL;
                case AT -> ((long) (b.getShort(k * 4) & 0xffff) << 16) | (b.getShort(k * 4 + 2) & 0xffff);
                case SL -> b.getInt(k * 4);
                case SV, UV, OV -> b.getLong(k * 8);
                default -> throw invalid(i, "a " + vr + " value is not an integer");
            };
        }
        return out;
    }

    public OptionalDouble decimal(int tag) {
        double[] v = doubles(tag);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    /** Numbers of a DS, IS, FL, FD, OF, OD or binary integer element; empty if absent. */
    public double[] doubles(int tag) {
        int i = indexOf(tag);
        if (i < 0 || lengths[i] == 0 || nested[i] != null) {
            return new double[0];
        }
        Vr vr = vrs[i];
        if (vr == Vr.FL || vr == Vr.OF || vr == Vr.FD || vr == Vr.OD) {
            ByteBuffer b = view(i);
            int w = vr.width();
            double[] out = new double[lengths[i] / w];
            for (int k = 0; k < out.length; k++) {
                out[k] = w == 4 ? b.getFloat(k * 4) : b.getDouble(k * 8);
            }
            return out;
        }
        if (vr.kind() == Vr.Kind.BINARY) {
            return Arrays.stream(longs(i)).asDoubleStream().toArray();
        }
        List<String> s = splitStrings(i);
        double[] out = new double[s.size()];
        for (int k = 0; k < out.length; k++) {
            try {
                out[k] = Double.parseDouble(s.get(k));
            } catch (NumberFormatException e) {
                throw invalid(i, "'" + s.get(k) + "' is not a number");
            }
        }
        return out;
    }

    /** A DA value (YYYYMMDD, or the old YYYY.MM.DD). */
    public Optional<LocalDate> date(int tag) {
        int i = indexOf(tag);
        return string(tag).map(s -> DateTimes.date(s, () -> invalid(i, "'" + s + "' is not a date (YYYYMMDD)")));
    }

    /** A TM value (HH[MM[SS[.FFFFFF]]], or the old HH:MM:SS). */
    public Optional<LocalTime> time(int tag) {
        int i = indexOf(tag);
        return string(tag).map(s -> DateTimes.time(s, () -> invalid(i, "'" + s + "' is not a time (HHMMSS.FFFFFF)")));
    }

    /** A DT value (YYYY[MM[DD[HH[MM[SS[.F]]]]]], any UTC offset suffix dropped: local time as written). */
    public Optional<LocalDateTime> dateTime(int tag) {
        int i = indexOf(tag);
        return string(tag)
                .map(s -> DateTimes.dateTime(
                        s, () -> invalid(i, "'" + s + "' is not a date-time (YYYYMMDDHHMMSS.FFFFFF)")));
    }

    /** A date-time from a DA and a TM element, if both are present. */
    public Optional<LocalDateTime> dateTime(int dateTag, int timeTag) {
        return date(dateTag).flatMap(d -> time(timeTag).map(d::atTime));
    }

    /** The items of a sequence, or an empty list. */
    @SuppressWarnings("unchecked")
    public List<Attributes> sequence(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(nested[i] instanceof List<?>)) {
            return List.of();
        }
        return (List<Attributes>) nested[i];
    }

    /** The fragments of an encapsulated element (pixel data in a compressed transfer syntax). */
    public Optional<Fragments> fragments(int tag) {
        int i = indexOf(tag);
        return i >= 0 && nested[i] instanceof Fragments f ? Optional.of(f) : Optional.empty();
    }

    /** Copies this data set's elements into a builder, converting values to little endian. */
    public Builder toBuilder() {
        var b = new Builder(source, false, charset);
        for (int i = 0; i < tags.length; i++) {
            if (nested[i] != null) {
                b.put(tags[i], vrs[i], null, 0, 0, nested[i]);
            } else if (bigEndian && vrs[i].width() > 1) {
                byte[] v = Arrays.copyOfRange(buffers[i], offsets[i], offsets[i] + lengths[i]);
                swap(v, vrs[i] == Vr.AT ? 2 : vrs[i].width());
                b.put(tags[i], vrs[i], v, 0, v.length, null);
            } else {
                b.put(tags[i], vrs[i], buffers[i], offsets[i], lengths[i], null);
            }
        }
        return b;
    }

    private static void swap(byte[] v, int width) {
        for (int k = 0; k + width <= v.length; k += width) {
            for (int a = k, z = k + width - 1; a < z; a++, z--) {
                byte t = v[a];
                v[a] = v[z];
                v[z] = t;
            }
        }
    }

    Object nestedAt(int index) {
        return nested[index];
    }

    byte[] bufferAt(int index) {
        return buffers[index];
    }

    int offsetAt(int index) {
        return offsets[index];
    }

    int lengthAt(int index) {
        return lengths[index];
    }

    private InvalidValueException invalid(int i, String problem) {
        return new InvalidValueException(source, tags[i], problem);
    }

    @Override
    public String toString() {
        return "Attributes[" + tags.length + " elements from " + source + "]";
    }

    /** Collects elements; {@link #build} sorts them by tag (the last of duplicates wins). */
    public static final class Builder {
        private final String source;
        private final boolean bigEndian;
        private SpecificCharacterSet charset;
        private int size;
        private int[] tags = new int[32];
        private Vr[] vrs = new Vr[32];
        private byte[][] buffers = new byte[32][];
        private int[] offsets = new int[32];
        private int[] lengths = new int[32];
        private Object[] nested = new Object[32];
        private long itemOffset = -1;

        Builder(String source, boolean bigEndian, SpecificCharacterSet charset) {
            this.source = source;
            this.bigEndian = bigEndian;
            this.charset = charset;
        }

        void itemOffset(long offset) {
            this.itemOffset = offset;
        }

        void charset(SpecificCharacterSet cs) {
            this.charset = cs;
        }

        Builder put(int tag, Vr vr, byte[] buffer, int offset, int length, Object children) {
            if (size == tags.length) {
                int n = size * 2;
                tags = Arrays.copyOf(tags, n);
                vrs = Arrays.copyOf(vrs, n);
                buffers = Arrays.copyOf(buffers, n);
                offsets = Arrays.copyOf(offsets, n);
                lengths = Arrays.copyOf(lengths, n);
                nested = Arrays.copyOf(nested, n);
            }
            tags[size] = tag;
            vrs[size] = vr;
            buffers[size] = buffer;
            offsets[size] = offset;
            lengths[size] = length;
            nested[size] = children;
            size++;
            return this;
        }

        /** In implicit VR, "US or SS" elements are signed when Pixel Representation is 1 (PS3.5 A.1). */
        void retypeAmbiguous(DataDictionary dictionary) {
            for (int i = 0; i < size; i++) {
                if (vrs[i] == Vr.US
                        && dictionary
                                .entry(tags[i])
                                .map(e -> e.vr().equals("US or SS"))
                                .orElse(false)) {
                    vrs[i] = Vr.SS;
                }
            }
        }

        /** Sets a string element; several values are joined with backslashes. */
        public Builder setString(int tag, Vr vr, String... values) {
            Charset cs = vr == Vr.UI || vr == Vr.CS ? StandardCharsets.US_ASCII : charset.charset();
            byte[] v = String.join("\\", values).getBytes(cs);
            return put(tag, vr, v, 0, v.length, null);
        }

        /** Sets a binary integer element (US, SS, UL, SL, AT) from ints. */
        public Builder setInts(int tag, Vr vr, int... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * vr.width()).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) {
                switch (vr) {
                    case US, SS, OW -> b.putShort((short) v);
                    case UL, SL, OL -> b.putInt(v);
                    case AT -> b.putShort((short) (v >>> 16)).putShort((short) v);
                    default -> throw new IllegalArgumentException(vr + " is not a binary integer VR");
                }
            }
            return put(tag, vr, b.array(), 0, b.capacity(), null);
        }

        /** Sets a FL, FD, OF or OD element. */
        public Builder setDoubles(int tag, Vr vr, double... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * vr.width()).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                switch (vr) {
                    case FL, OF -> b.putFloat((float) v);
                    case FD, OD -> b.putDouble(v);
                    default -> throw new IllegalArgumentException(vr + " is not a floating-point VR");
                }
            }
            return put(tag, vr, b.array(), 0, b.capacity(), null);
        }

        /** Sets raw little-endian value bytes (OB, OW, UN...). */
        public Builder setBytes(int tag, Vr vr, byte[] value) {
            byte[] v = value.clone();
            return put(tag, vr, v, 0, v.length, null);
        }

        public Builder setSequence(int tag, List<Attributes> items) {
            return put(tag, Vr.SQ, null, 0, 0, List.copyOf(items));
        }

        /** Removes an element if present. */
        public Builder remove(int tag) {
            for (int i = 0; i < size; i++) {
                if (tags[i] == tag) {
                    System.arraycopy(tags, i + 1, tags, i, size - i - 1);
                    System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
                    System.arraycopy(buffers, i + 1, buffers, i, size - i - 1);
                    System.arraycopy(offsets, i + 1, offsets, i, size - i - 1);
                    System.arraycopy(lengths, i + 1, lengths, i, size - i - 1);
                    System.arraycopy(nested, i + 1, nested, i, size - i - 1);
                    size--;
                    i--;
                }
            }
            return this;
        }

        public Attributes build() {
            boolean sorted = true;
            for (int i = 1; i < size && sorted; i++) {
                sorted = Integer.compareUnsigned(tags[i - 1], tags[i]) < 0;
            }
            if (sorted) {
                return new Attributes(
                        source,
                        bigEndian,
                        charset,
                        Arrays.copyOf(tags, size),
                        Arrays.copyOf(vrs, size),
                        Arrays.copyOf(buffers, size),
                        Arrays.copyOf(offsets, size),
                        Arrays.copyOf(lengths, size),
                        Arrays.copyOf(nested, size),
                        itemOffset);
            }
            // out of order or duplicated (files in the wild, or builders): stable sort, last duplicate wins
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compareUnsigned(tags[a], tags[b]));
            List<Integer> keep = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                if (k + 1 < size && tags[order[k]] == tags[order[k + 1]]) {
                    continue;
                }
                keep.add(order[k]);
            }
            int n = keep.size();
            int[] t = new int[n];
            Vr[] v = new Vr[n];
            byte[][] bu = new byte[n][];
            int[] o = new int[n];
            int[] l = new int[n];
            Object[] ne = new Object[n];
            for (int k = 0; k < n; k++) {
                int i = keep.get(k);
                t[k] = tags[i];
                v[k] = vrs[i];
                bu[k] = buffers[i];
                o[k] = offsets[i];
                l[k] = lengths[i];
                ne[k] = nested[i];
            }
            return new Attributes(source, bigEndian, charset, t, v, bu, o, l, ne, itemOffset);
        }
    }
}

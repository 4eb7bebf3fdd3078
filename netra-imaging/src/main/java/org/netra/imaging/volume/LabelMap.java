package org.netra.imaging.volume;

import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Non-overlapping regions as one label per voxel (0 = background, 1…255 = a region), with the
 * regions' names; the form of NIfTI label maps and segmentations. Labels are unsigned bytes.
 */
public final class LabelMap {
    private final Geometry geometry;
    private final byte[] labels;
    private final Map<Integer, String> names;

    private LabelMap(Geometry geometry, byte[] labels, Map<Integer, String> names) {
        if (labels.length != geometry.voxelCount()) {
            throw new IllegalArgumentException(
                    labels.length + " labels do not fill a grid of " + geometry.voxelCount() + " voxels");
        }
        for (int label : names.keySet()) {
            if (label < 1 || label > 255) {
                throw new IllegalArgumentException(
                        "label " + label + " (" + names.get(label) + ") is outside 1…255; 0 is the background");
            }
        }
        this.geometry = geometry;
        this.labels = labels;
        this.names = Collections.unmodifiableMap(new TreeMap<>(names));
    }

    /** A label map over {@code labels} (taken, not copied), with a name per label. */
    public static LabelMap wrap(Geometry geometry, byte[] labels, Map<Integer, String> names) {
        return new LabelMap(geometry, labels, names);
    }

    public Geometry geometry() {
        return geometry;
    }

    /** The label of voxel {@code index}, 0…255. */
    public int label(int index) {
        return labels[index] & 0xFF;
    }

    /** The raw labels (not a copy). */
    public byte[] labels() {
        return labels;
    }

    /** Label → name. */
    public Map<Integer, String> names() {
        return names;
    }

    /** The region of {@code label} as a mask. */
    public Mask mask(int label) {
        String name = names.get(label);
        if (name == null) {
            throw new IllegalArgumentException("label " + label + " is not named in this map; its labels are " + names);
        }
        BitSet bits = new BitSet(labels.length);
        byte b = (byte) label;
        for (int v = 0; v < labels.length; v++) {
            if (labels[v] == b) {
                bits.set(v);
            }
        }
        return Mask.of(name, geometry, bits);
    }

    /** The region called {@code name} as a mask. */
    public Mask mask(String name) {
        for (var e : names.entrySet()) {
            if (e.getValue().equals(name)) {
                return mask(e.getKey());
            }
        }
        throw new IllegalArgumentException("no region called '" + name + "'; the regions are " + names.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap m
                && geometry.equals(m.geometry)
                && java.util.Arrays.equals(labels, m.labels)
                && names.equals(m.names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(geometry, names);
    }
}

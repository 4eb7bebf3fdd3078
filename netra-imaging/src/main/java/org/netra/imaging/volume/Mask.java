package org.netra.imaging.volume;

import java.util.BitSet;
import java.util.Objects;

/**
 * A named region of a grid (a VOI): one bit per voxel, x fastest. Immutable; the bits are copied in
 * and out.
 */
public final class Mask {
    private final String name;
    private final Geometry geometry;
    private final BitSet bits;
    private final int count;

    private Mask(String name, Geometry geometry, BitSet bits) {
        this.name = Objects.requireNonNull(name, "name");
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        if (bits.length() > geometry.voxelCount()) {
            throw new IllegalArgumentException("mask '" + name + "' sets voxel " + (bits.length() - 1) + ", beyond the "
                    + geometry.voxelCount() + " voxels of " + geometry);
        }
        this.bits = bits;
        this.count = bits.cardinality();
    }

    /** A mask of the voxels set in {@code bits} (copied). */
    public static Mask of(String name, Geometry geometry, BitSet bits) {
        return new Mask(name, geometry, (BitSet) bits.clone());
    }

    /** A mask of the voxels where {@code selected[index]} is true. */
    public static Mask of(String name, Geometry geometry, boolean[] selected) {
        if (selected.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("mask '" + name + "' has " + selected.length + " values for a grid of "
                    + geometry.voxelCount() + " voxels");
        }
        BitSet bits = new BitSet(selected.length);
        for (int v = 0; v < selected.length; v++) {
            if (selected[v]) {
                bits.set(v);
            }
        }
        return new Mask(name, geometry, bits);
    }

    public String name() {
        return name;
    }

    public Geometry geometry() {
        return geometry;
    }

    public boolean contains(int index) {
        return bits.get(index);
    }

    public boolean contains(int i, int j, int k) {
        return geometry.contains(i, j, k) && bits.get(geometry.index(i, j, k));
    }

    /** The number of voxels in the mask. */
    public int voxelCount() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The mask's volume: its voxel count times the voxel volume. */
    public org.netra.physics.quantity.Volume volume() {
        return org.netra.physics.quantity.Volume.ofCubicMm(
                count * geometry.voxelVolume().inCubicMm());
    }

    /** The first set voxel index at or after {@code from}, or -1: iterate with {@code v = next(v + 1)}. */
    public int next(int from) {
        return bits.nextSetBit(from);
    }

    /**
     * The first unselected voxel index at or after {@code from}: with {@link #next}, a walk by runs of selected
     * voxels ({@code for (from = next(0), to; from >= 0; from = next(to)) { to = runEnd(from); … }}), a tight loop
     * over each run where one {@code next} per voxel cost a bit-scan call each (a body outline's millions).
     */
    public int runEnd(int from) {
        return bits.nextClearBit(from);
    }

    /** The selected voxel indices, ascending. */
    public int[] indices() {
        return bits.stream().toArray();
    }

    /** A copy of the bits. */
    public BitSet bits() {
        return (BitSet) bits.clone();
    }

    /** Throws unless this mask lies on {@code other}'s grid ({@code role} names the image for the message). */
    public Mask requireOn(Geometry other, String role) {
        if (!geometry.equals(other)) {
            throw new IllegalArgumentException("mask '" + name + "' is on " + geometry + " but " + role + " is on "
                    + other + "; resample the mask (nearest neighbour) first");
        }
        return this;
    }

    @Override
    public String toString() {
        return "Mask[" + name + ", " + count + " voxels on " + geometry + "]";
    }
}

package org.netra.imaging.volume;

/**
 * A 3-D image: one float per voxel, x fastest ({@link Geometry#index}), with the unit of its values.
 * The voxel array is held, not copied: {@link #wrap} hands it over, {@link #voxels} gives it back, so
 * that 13-million-voxel maps move through the pipeline without copies. Whoever wraps an array owns
 * the promise not to change it behind the volume's back.
 */
public final class ImageVolume {
    private final Geometry geometry;
    private final VoxelUnit unit;
    private final float[] voxels;

    private ImageVolume(Geometry geometry, VoxelUnit unit, float[] voxels) {
        if (voxels.length != geometry.voxelCount()) {
            throw new IllegalArgumentException(voxels.length + " voxel values do not fill a grid of " + geometry);
        }
        this.geometry = geometry;
        this.unit = unit;
        this.voxels = voxels;
    }

    /** A volume over {@code voxels} (taken, not copied; x fastest). */
    public static ImageVolume wrap(Geometry geometry, VoxelUnit unit, float[] voxels) {
        return new ImageVolume(geometry, unit, voxels);
    }

    /** A volume of zeros. */
    public static ImageVolume zeros(Geometry geometry, VoxelUnit unit) {
        return new ImageVolume(geometry, unit, new float[geometry.voxelCount()]);
    }

    public Geometry geometry() {
        return geometry;
    }

    public VoxelUnit unit() {
        return unit;
    }

    /** The voxel values themselves (not a copy), x fastest. */
    public float[] voxels() {
        return voxels;
    }

    public float get(int i, int j, int k) {
        return voxels[geometry.index(i, j, k)];
    }

    /** The same values on the same grid with another unit tag (after a conversion done in place). */
    public ImageVolume withUnit(VoxelUnit newUnit) {
        return new ImageVolume(geometry, newUnit, voxels);
    }

    /** A copy with its own array. */
    public ImageVolume copy() {
        return new ImageVolume(geometry, unit, voxels.clone());
    }

    /** Throws unless the values are in {@code expected}; {@code role} names the input for the message. */
    public ImageVolume requireUnit(VoxelUnit expected, String role) {
        if (unit != expected) {
            throw new IllegalArgumentException(
                    role + " must be in " + expected.symbol() + " but is in " + unit.symbol() + "; convert it first");
        }
        return this;
    }

    @Override
    public String toString() {
        return "Volume[" + geometry + ", " + unit.symbol() + "]";
    }
}

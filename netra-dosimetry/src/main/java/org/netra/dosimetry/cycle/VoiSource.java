package org.netra.dosimetry.cycle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.io.VoiOutsideImageException;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.LabelMap;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidTransform;

/** Where a cycle's VOIs come from; each is read onto the reference time point's grid. */
public sealed interface VoiSource {
    /** The VOIs on {@code grid} ({@code image} names the grid's image); a VOI with no voxel there is an error. */
    List<Mask> read(Geometry grid, String image) throws IOException;

    /** An RT Structure Set, rasterised on the grid. */
    record RtStructFile(Path file) implements VoiSource {
        public RtStructFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public List<Mask> read(Geometry grid, String image) throws IOException {
            List<Mask> out = new ArrayList<>();
            for (Mask m : RtStruct.read(file).rasterise(grid)) {
                out.add(inside(m, file, image));
            }
            return out;
        }
    }

    /** A NIfTI label map with its names, resampled by nearest neighbour onto the grid. */
    record LabelFile(Path file) implements VoiSource {
        public LabelFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public List<Mask> read(Geometry grid, String image) throws IOException {
            LabelMap map = Nifti.readLabels(file);
            if (!map.geometry().equals(grid)) {
                map = Resampling.nearest(map, grid, RigidTransform.identity());
            }
            List<Mask> out = new ArrayList<>();
            for (int label : map.names().keySet()) {
                out.add(inside(map.mask(label), file, image));
            }
            return out;
        }
    }

    /** VOIs made in memory on the reference grid (the demo's digital twins). */
    record Masks(List<Mask> masks) implements VoiSource {
        public Masks {
            masks = List.copyOf(masks);
        }

        @Override
        public List<Mask> read(Geometry grid, String image) {
            for (Mask m : masks) {
                if (!m.geometry().equals(grid)) {
                    throw new CycleInputException("VOI '" + m.name() + "' is not on the grid of " + image);
                }
            }
            return masks;
        }
    }

    private static Mask inside(Mask m, Path file, String image) {
        if (m.isEmpty()) {
            throw new VoiOutsideImageException(m.name(), file.toString(), "has no voxel inside " + image);
        }
        return m;
    }
}

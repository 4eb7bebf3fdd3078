package org.netra.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.io.VoiOutsideImageException;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.LabelMap;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidTransform;

/** VOIs from an RT Structure Set or a NIfTI label map, on an image's grid; a VOI with no voxel there is an error. */
final class VoiFiles {
    private VoiFiles() {}

    /** Exactly one of {@code rtstruct} and {@code labels} is non-null; {@code image} names the grid's image. */
    static List<Mask> read(Path rtstruct, Path labels, Geometry grid, String image) throws IOException {
        List<Mask> out = new ArrayList<>();
        if (rtstruct != null) {
            for (Mask m : RtStruct.read(rtstruct).rasterise(grid)) {
                out.add(inside(m, rtstruct, image));
            }
            return out;
        }
        LabelMap map = Nifti.readLabels(labels);
        if (!map.geometry().equals(grid)) {
            map = Resampling.nearest(map, grid, RigidTransform.identity());
        }
        for (int label : map.names().keySet()) {
            out.add(inside(map.mask(label), labels, image));
        }
        return out;
    }

    private static Mask inside(Mask m, Path file, String image) {
        if (m.isEmpty()) {
            throw new VoiOutsideImageException(m.name(), file.toString(), "has no voxel inside " + image);
        }
        return m;
    }
}

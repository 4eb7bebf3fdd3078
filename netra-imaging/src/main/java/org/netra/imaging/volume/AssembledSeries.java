package org.netra.imaging.volume;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.netra.imaging.dicom.Attributes;

/**
 * A DICOM image series made into a volume: values are the stored values through each slice's (or
 * frame's) Rescale Slope and Intercept, in the series' own units ({@link #unitsCode}, e.g. BQML as
 * written, decay correction untouched: see {@code org.netra.imaging.quant} for real-world values).
 *
 * @param volume the volume; for a planar acquisition, its first view
 * @param views the views of a planar acquisition (empty for tomographic series)
 * @param header the data set of the first file (patient, radiopharmaceutical, units...), pixel data
 *     excluded from interpretation
 * @param unitsCode Units (0054,1001) as written, or "HU" for CT, or "" when absent
 * @param earliestAcquisition the earliest Acquisition Date-Time (or Date + Time) over the files
 * @param files the files used, in slice order for single-frame series
 */
public record AssembledSeries(
        Kind kind,
        ImageVolume volume,
        List<PlanarView> views,
        Attributes header,
        String seriesInstanceUid,
        String modality,
        String unitsCode,
        Optional<LocalDateTime> earliestAcquisition,
        List<Path> files,
        List<AssemblyWarning> warnings) {

    /** How the series stored its slices. */
    public enum Kind {
        /** One file per slice (PET, CT, SPECT stored as PET). */
        SINGLE_FRAME_SLICES,
        /** NM reconstructed tomography: one file, frames are slices (Slice Vector). */
        NM_TOMOGRAPHIC,
        /** Enhanced multi-frame: per-frame functional groups give each frame's plane. */
        ENHANCED_MULTI_FRAME,
        /** NM static or whole-body: each frame a 2-D view. */
        PLANAR
    }

    public AssembledSeries {
        views = List.copyOf(views);
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** A short name of the series for messages: its first file. */
    public String source() {
        return header.source();
    }
}

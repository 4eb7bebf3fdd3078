#!/usr/bin/python3
"""Writes a copy of a DICOM series on a finer or coarser grid (trilinear, scipy.ndimage.zoom), for
bench/run-peer-table.sh: the digital twins come at one grid (128x128x100 at 4.42 mm); the speed table needs
others. Same field of view, patient, study, Frame of Reference and acquisition; new series and instance UIDs;
voxel spacing divided by SCALE; stored values re-quantised per slice (Rescale Slope) for unsigned series, kept in
HU (slope 1) for signed ones (CT). Concentrations are interpolated, not summed: Bq/mL stays Bq/mL.

usage: resize_series.py SCALE IN_FOLDER OUT_FOLDER
"""
import glob
import os
import sys

import numpy as np
import pydicom
from pydicom.uid import generate_uid
from scipy.ndimage import zoom


def main(scale, src, dst):
    files = [pydicom.dcmread(f) for f in glob.glob(os.path.join(src, "*"))]
    o = np.array([float(v) for v in files[0].ImageOrientationPatient])
    normal = np.cross(o[:3], o[3:])
    files.sort(key=lambda d: float(np.dot(normal, [float(v) for v in d.ImagePositionPatient])))
    vol = np.stack([d.pixel_array * float(d.get("RescaleSlope", 1)) + float(d.get("RescaleIntercept", 0))
                    for d in files]).astype(np.float32)
    n = np.array(vol.shape)
    m = np.maximum(1, np.round(n * scale).astype(int))
    out = zoom(vol, m / n, order=1)
    # spacing keeping the first and last voxel centres where they were
    first = np.array([float(v) for v in files[0].ImagePositionPatient])
    last = np.array([float(v) for v in files[-1].ImagePositionPatient])
    dy, dx = (float(v) for v in files[0].PixelSpacing)
    new_dx = dx * (n[2] - 1) / (m[2] - 1)
    new_dy = dy * (n[1] - 1) / (m[1] - 1)
    step = (last - first) / (m[0] - 1)
    series_uid = generate_uid()
    os.makedirs(dst, exist_ok=True)
    signed = int(files[0].PixelRepresentation) == 1
    for z in range(m[0]):
        ds = files[min(len(files) - 1, int(z * len(files) / m[0]))].copy()
        plane = out[z]
        if signed:
            stored = np.clip(np.round(plane), -32768, 32767).astype(np.int16)
            slope, intercept = 1.0, 0.0
        else:
            top = float(plane.max())
            slope = top / 65535 if top > 0 else 1.0
            stored = np.clip(np.round(np.maximum(plane, 0) / slope), 0, 65535).astype(np.uint16)
            intercept = 0.0
        ds.Rows, ds.Columns = int(m[1]), int(m[2])
        ds.PixelSpacing = [f"{new_dy:.6g}", f"{new_dx:.6g}"]
        ds.SliceThickness = f"{float(np.linalg.norm(step)):.6g}"
        if "SpacingBetweenSlices" in ds:
            ds.SpacingBetweenSlices = f"{float(np.linalg.norm(step)):.6g}"
        ds.ImagePositionPatient = [f"{v:.6g}" for v in first + z * step]
        ds.InstanceNumber = z + 1
        ds.RescaleSlope = f"{slope:.10g}"
        ds.RescaleIntercept = f"{intercept:.10g}"
        ds.SeriesInstanceUID = series_uid
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        for tag in ("SmallestImagePixelValue", "LargestImagePixelValue"):
            if tag in ds:
                delattr(ds, tag)
        if "NumberOfSlices" in ds:  # the PET image module's (the SPECT is stored as PET)
            ds.NumberOfSlices = int(m[0])
        if "ImageIndex" in ds:
            ds.ImageIndex = z + 1
        ds.PixelData = stored.tobytes()
        ds.save_as(os.path.join(dst, f"slice-{z + 1:03d}.dcm"), write_like_original=False)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(float(sys.argv[1]), sys.argv[2], sys.argv[3])

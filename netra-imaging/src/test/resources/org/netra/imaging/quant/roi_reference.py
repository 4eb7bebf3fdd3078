#!/usr/bin/python3
"""Independent reference for netra's ROI statistics: pydicom + numpy + matplotlib.path.

usage: roi_reference.py SERIES_DIR RTSTRUCT_FILE
Prints JSON: scan facts and, per ROI name, voxel count, volume (mL), activity (MBq at scan start),
mean and max Bq/mL at scan start. Written for netra's tests; shares no code with netra.
"""
import datetime
import json
import os
import sys

import numpy as np
import pydicom
from matplotlib.path import Path


def dt(date, time):
    time = time.split(".")[0].ljust(6, "0")
    return datetime.datetime.strptime(date + time, "%Y%m%d%H%M%S")


def main(series_dir, rtstruct_file):
    slices = []
    for root, _, names in os.walk(series_dir):
        for name in names:
            ds = pydicom.dcmread(os.path.join(root, name))
            if "PixelData" in ds:
                slices.append(ds)
    iop = np.array(slices[0].ImageOrientationPatient, dtype=float)
    row, col = iop[:3], iop[3:]
    normal = np.cross(row, col)
    slices.sort(key=lambda s: float(np.dot(np.array(s.ImagePositionPatient, dtype=float), normal)))
    along = np.array([np.dot(np.array(s.ImagePositionPatient, dtype=float), normal) for s in slices])
    dz = float(np.median(np.diff(along)))
    dy, dx = (float(v) for v in slices[0].PixelSpacing)
    origin = np.array(slices[0].ImagePositionPatient, dtype=float)
    image = np.stack([s.pixel_array * float(s.RescaleSlope) + float(s.RescaleIntercept) for s in slices])

    first = slices[0]
    pharm = first.RadiopharmaceuticalInformationSequence[0]
    if "RadiopharmaceuticalStartDateTime" in pharm:
        injection = datetime.datetime.strptime(str(pharm.RadiopharmaceuticalStartDateTime).split(".")[0], "%Y%m%d%H%M%S")
    else:
        injection = dt(first.SeriesDate, pharm.RadiopharmaceuticalStartTime)
    scan = dt(first.SeriesDate, first.SeriesTime)
    half_life = float(pharm.RadionuclideHalfLife)
    elapsed = (scan - injection).total_seconds()
    factor = 2.0 ** (-elapsed / half_life) if first.DecayCorrection == "ADMIN" else 1.0
    image = image * factor
    voxel_ml = dx * dy * dz / 1000.0

    rs = pydicom.dcmread(rtstruct_file)
    names = {int(r.ROINumber): str(r.ROIName) for r in rs.StructureSetROISequence}
    nz, ny, nx = image.shape
    jj, ii = np.mgrid[0:ny, 0:nx]
    centres = np.column_stack([ii.ravel(), jj.ravel()])
    rois = {}
    for rc in rs.ROIContourSequence:
        mask = np.zeros(image.shape, dtype=bool)
        for c in rc.ContourSequence:
            if c.ContourGeometricType != "CLOSED_PLANAR":
                continue
            pts = np.array(c.ContourData, dtype=float).reshape(-1, 3) - origin
            i = pts @ row / dx
            j = pts @ col / dy
            k = int(round(float(np.mean(pts @ normal)) / dz))
            inside = Path(np.column_stack([i, j])).contains_points(centres).reshape(ny, nx)
            mask[k] ^= inside
        values = image[mask]
        rois[names[int(rc.ReferencedROINumber)]] = {
            "voxels": int(mask.sum()),
            "volumeMl": float(mask.sum() * voxel_ml),
            "activityMBq": float(values.sum() * voxel_ml / 1e6),
            "meanBqPerMl": float(values.mean()),
            "maxBqPerMl": float(values.max()),
        }
    print(json.dumps({"decayFactor": factor, "hoursAfterInjection": elapsed / 3600.0, "rois": rois}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

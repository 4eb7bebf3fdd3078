"""Independent reference for netra's viewer: slices and MIPs of a DICOM series read with pydicom/NumPy.

usage: slices_reference.py SERIES_DIR OUT_DIR AXIAL_INDEX SAGITTAL_INDEX
Writes float32 little-endian rasters (row 0 = top of the displayed image) with a .shape text file each:
axial.f32 (the AXIAL_INDEX-th slice from the feet, anterior up, patient's right on the left),
coronal-mip.f32 (maximum over anterior-posterior, head up), sagittal.f32 (the SAGITTAL_INDEX-th column
from the patient's right, anterior on the left, head up). Values are stored value * slope + intercept.
Assumes the series' rows run along +x and columns along +y (checked).
"""
import glob
import os
import sys

import numpy as np
import pydicom

series, out, axial_index, sagittal_index = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
files = [pydicom.dcmread(f) for f in glob.glob(os.path.join(series, "*"))]
files = [d for d in files if "PixelData" in d]
for d in files:
    iop = [float(v) for v in d.ImageOrientationPatient]
    assert np.allclose(iop, [1, 0, 0, 0, 1, 0], atol=1e-4), iop
files.sort(key=lambda d: float(d.ImagePositionPatient[2]))  # feet first
vol = np.stack([d.pixel_array.astype(np.float64) * float(getattr(d, "RescaleSlope", 1))
                + float(getattr(d, "RescaleIntercept", 0)) for d in files])  # [z, y, x]

def write(name, a):
    a = np.ascontiguousarray(a, dtype="<f4")
    a.tofile(os.path.join(out, name + ".f32"))
    with open(os.path.join(out, name + ".shape"), "w") as f:
        f.write("%d %d\n" % (a.shape[1], a.shape[0]))  # width height

write("axial", vol[axial_index])
write("coronal-mip", vol.max(axis=1)[::-1])  # [z, x], head up
write("sagittal", vol[:, :, sagittal_index][::-1])  # [z, y], head up, anterior left

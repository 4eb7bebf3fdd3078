"""A 500-slice CT series for bench/run-read.sh, made from the real CT (fdg-pet-sts001, 59 slices of 202x198):
each slice resampled to 512x512 (bilinear, as a clinical CT matrix) and the slices repeated in order to 500,
placed 1 mm apart with their own SOP Instance UIDs. Explicit VR little endian, one file per slice.

usage: make_ct500.py REAL_CT_FOLDER OUT_FOLDER
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.uid import ExplicitVRLittleEndian, generate_uid


def resample(img, n):
    rows, cols = img.shape
    y = np.linspace(0, rows - 1, n)
    x = np.linspace(0, cols - 1, n)
    y0 = np.floor(y).astype(int)
    x0 = np.floor(x).astype(int)
    y1 = np.minimum(y0 + 1, rows - 1)
    x1 = np.minimum(x0 + 1, cols - 1)
    fy = (y - y0)[:, None]
    fx = (x - x0)[None, :]
    f = img.astype(np.float64)
    top = f[y0][:, x0] * (1 - fx) + f[y0][:, x1] * fx
    bottom = f[y1][:, x0] * (1 - fx) + f[y1][:, x1] * fx
    return np.rint(top * (1 - fy) + bottom * fy)


def main(src, out):
    os.makedirs(out, exist_ok=True)
    real = [pydicom.dcmread(os.path.join(src, f)) for f in sorted(os.listdir(src))]
    real.sort(key=lambda d: float(d.ImagePositionPatient[2]))
    series = generate_uid()
    resampled = [resample(d.pixel_array, 512) for d in real]
    for i in range(500):
        d = real[i % len(real)]
        d = pydicom.dcmread(os.path.join(src, os.path.basename(d.filename)))
        d.PixelData = resampled[i % len(real)].astype(d.pixel_array.dtype).tobytes()
        d.Rows = d.Columns = 512
        d.PixelSpacing = [float(d.PixelSpacing[0]) * 202 / 512, float(d.PixelSpacing[1]) * 198 / 512]
        pos = [float(v) for v in real[0].ImagePositionPatient]
        d.ImagePositionPatient = [pos[0], pos[1], pos[2] + i * 1.0]
        d.SliceThickness = 1.0
        d.InstanceNumber = i + 1
        d.SeriesInstanceUID = series
        d.SOPInstanceUID = generate_uid()
        d.file_meta.MediaStorageSOPInstanceUID = d.SOPInstanceUID
        d.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        d.is_little_endian, d.is_implicit_VR = True, False
        d.save_as(os.path.join(out, "CT%04d.dcm" % (i + 1)), write_like_original=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

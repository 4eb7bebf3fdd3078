"""The peer of `netra quantify --series DIR --rtstruct FILE` (issue 22): what a physicist would script with pydicom,
NumPy and SciPy to get each RTSTRUCT ROI's voxels, volume, activity and mean / max / 1 mL-sphere peak in Bq/mL and
SUVbw. Reads the series into a volume as bench/read_pydicom.py does, fills each contour on its slice by the even-odd
rule at the pixel centres, and prints one line per ROI. No decay-correction logic beyond the DICOM's own, no checks:
the minimum, for timing against netra as a whole process (bench/run-peer-table.sh).

usage: quantify_pydicom.py SERIES_FOLDER RTSTRUCT_FILE
"""
import sys

import numpy as np
import pydicom
from scipy import ndimage

from read_pydicom import read_sorted


def fill(polygon_xy, xs, ys):
    """Even-odd rule: True where the pixel centre (xs[j], ys[i]) lies inside the closed polygon."""
    inside = np.zeros((len(ys), len(xs)), dtype=bool)
    px, py = polygon_xy[:, 0], polygon_xy[:, 1]
    qx, qy = np.roll(px, -1), np.roll(py, -1)
    gy = ys[:, None]
    for x0, y0, x1, y1 in zip(px, py, qx, qy):
        if y0 == y1:
            continue
        crosses = (gy >= min(y0, y1)) & (gy < max(y0, y1))
        x_at = x0 + (gy - y0) * (x1 - x0) / (y1 - y0)
        inside ^= crosses & (xs[None, :] < x_at)
    return inside


def main(folder, rtstruct):
    vol, files = read_sorted(folder)
    first = files[0]
    origin = np.array([float(v) for v in first.ImagePositionPatient])
    dx, dy = (float(v) for v in first.PixelSpacing)  # row spacing (y), column spacing (x)
    zs = np.array([float(d.ImagePositionPatient[2]) for d in files])
    dz = abs(zs[1] - zs[0])
    xs = origin[0] + np.arange(vol.shape[2]) * dy
    ys = origin[1] + np.arange(vol.shape[1]) * dx
    info = first.RadiopharmaceuticalInformationSequence[0]
    suv = float(first.PatientWeight) * 1000 / float(info.RadionuclideTotalDose)
    rs = pydicom.dcmread(rtstruct)
    names = {r.ROINumber: r.ROIName for r in rs.StructureSetROISequence}
    r_mm = (3 / (4 * np.pi) * 1000) ** (1 / 3)  # a 1 mL sphere
    k = [int(np.ceil(r_mm / s)) for s in (dz, dx, dy)]
    zz, yy, xx = np.mgrid[-k[0]:k[0] + 1, -k[1]:k[1] + 1, -k[2]:k[2] + 1]
    sphere = ((zz * dz) ** 2 + (yy * dx) ** 2 + (xx * dy) ** 2 <= r_mm ** 2).astype(np.float32)
    sphere /= sphere.sum()
    for roi in rs.ROIContourSequence:
        mask = np.zeros(vol.shape, dtype=bool)
        for c in getattr(roi, "ContourSequence", []):
            pts = np.array([float(v) for v in c.ContourData]).reshape(-1, 3)
            z = int(np.argmin(np.abs(zs - pts[0, 2])))
            mask[z] ^= fill(pts[:, :2], xs, ys)
        values = vol[mask]
        if values.size == 0:
            continue
        box = tuple(slice(max(int(i.min()) - kk, 0), int(i.max()) + kk + 1) for i, kk in zip(np.nonzero(mask), k))
        peak = ndimage.correlate(vol[box], sphere, mode="constant")[mask[box]].max()
        ml = values.size * dx * dy * dz / 1000
        print("%s: %d voxels, %.3f mL, %.4f MBq, mean %.1f, max %.1f, peak %.1f Bq/mL; SUVbw mean %.3f, max %.3f, peak %.3f"
              % (names[roi.ReferencedROINumber], values.size, ml, values.mean() * ml / 1e6, values.mean(), values.max(),
                 peak, values.mean() * suv, values.max() * suv, peak * suv))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

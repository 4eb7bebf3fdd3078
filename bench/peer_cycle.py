#!/usr/bin/python3
"""The NumPy/SciPy peer of a netra dosimetry cycle (issue 22), for bench/run-peer-table.sh: the minimal pipeline a
physicist would script. It reads each time point's SPECT series with pydicom (Bq/mL, scan time from the
acquisition, injection from the radiopharmaceutical start), fits every voxel mono-exponentially (log-linear least
squares over the time points, the clearance rate no slower than physical decay), integrates (A0/lambda from
injection to infinity; voxels with a non-positive value: trapezoids from injection and the physical tail after the
last scan), convolves the time-integrated activity with the Lanconelli 177Lu soft-tissue voxel S-values of the
nearest tabulated voxel size (scipy.signal.fftconvolve, "same"), and scales by 1.04 g/mL over the density of the
reference CT (Schneider 2000 table), the CT resampled onto the SPECT grid (trilinear).

usage: peer_cycle.py [--runs N] [--ct CT_FOLDER] SPECT_FOLDER...
  Prints one line per run: "peer read fit convolve total cpu" in seconds, then the sum of the dose map (Gy) as a
  check. Data tables: NETRA_TESTDATA (default ../shared/data from the repository).
No registration (the peer trusts the scanner's coordinates).
"""
import datetime
import glob
import os
import sys
import time

import numpy as np
from read_pydicom import read_sorted  # bench/read_pydicom.py: the same reader as the pydicom read benchmark
from scipy.ndimage import map_coordinates
from scipy.signal import fftconvolve

LU177_HALF_LIFE_H = 159.53  # 6.647 d (DDEP)
DATA = os.environ.get("NETRA_TESTDATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
SOFT_TISSUE_G_PER_ML = 1.04


def read_series(folder):
    """A series as a (z, y, x) float32 volume sorted along the slice normal, with its first dataset and geometry."""
    vol, files = read_sorted(folder)
    o = np.array([float(v) for v in files[0].ImageOrientationPatient])
    normal = np.cross(o[:3], o[3:])
    first = [float(v) for v in files[0].ImagePositionPatient]
    dz = float(np.dot(normal, [float(v) for v in files[1].ImagePositionPatient])) - float(np.dot(normal, first))
    dy, dx = (float(v) for v in files[0].PixelSpacing)
    return vol, files[0], np.array(first), np.array([dx, dy, dz])


def dicom_datetime(date, time_):
    return datetime.datetime.strptime(date + time_.split(".")[0].ljust(6, "0"), "%Y%m%d%H%M%S")


def hours_after_injection(ds):
    rp = ds.RadiopharmaceuticalInformationSequence[0]
    injection = datetime.datetime.strptime(str(rp.RadiopharmaceuticalStartDateTime).split(".")[0][:14], "%Y%m%d%H%M%S")
    return (dicom_datetime(ds.AcquisitionDate, ds.AcquisitionTime) - injection).total_seconds() / 3600


def kernel(spacing_mm):
    """The 11x11x11 kernel (mGy per MBq.s) from the tabulated octant of the nearest voxel size."""
    files = glob.glob(os.path.join(DATA, "voxel-s-values", "177Lu*mmsoft.txt"))
    size = lambda f: float(os.path.basename(f)[5:].split("mm")[0])
    best = min(files, key=lambda f: abs(size(f) - spacing_mm))
    rows = np.loadtxt(best, skiprows=2, encoding="latin-1")
    octant = np.zeros((6, 6, 6))
    for i, j, k, s in rows:
        octant[int(i), int(j), int(k)] = s
    full = np.zeros((11, 11, 11))
    for z in range(-5, 6):
        for y in range(-5, 6):
            for x in range(-5, 6):
                full[z + 5, y + 5, x + 5] = octant[abs(x), abs(y), abs(z)]
    return full.astype(np.float32)


def density(ct_folder, shape, origin, spacing):
    """Schneider density (g/mL) of the CT resampled onto the SPECT grid (axis-aligned grids), water outside."""
    hu, _, ct_origin, ct_spacing = read_series(ct_folder)
    table = np.loadtxt(os.path.join(DATA, "ct-density", "Schneider2000DensitiesTable.txt"), comments="#")
    idx = np.indices(shape, dtype=np.float32)  # (z, y, x)
    coords = [(origin[a] + idx[2 - a] * spacing[a] - ct_origin[a]) / ct_spacing[a] for a in (2, 1, 0)]
    on_grid = map_coordinates(hu, coords, order=1, mode="constant", cval=0.0)
    return np.interp(on_grid, table[:, 0], table[:, 1]).astype(np.float32)


def cycle(spect_folders, ct_folder):
    t0 = time.perf_counter()
    scans = [read_series(f) for f in spect_folders]
    hours = np.array([hours_after_injection(s[1]) for s in scans])
    order = np.argsort(hours)
    hours = hours[order]
    a = np.stack([scans[i][0] for i in order])  # (t, z, y, x), Bq/mL
    _, _, origin, spacing = scans[order[0]]
    rho = density(ct_folder, a.shape[1:], origin, spacing) if ct_folder else None
    t1 = time.perf_counter()
    lam_phys = np.log(2) / LU177_HALF_LIFE_H
    positive = np.all(a > 0, axis=0)
    logs = np.log(np.where(positive, a, 1.0))
    tc = hours - hours.mean()
    slope = np.tensordot(tc, logs, axes=1) / np.dot(tc, tc)
    intercept = logs.mean(axis=0) - slope * hours.mean()
    lam = np.maximum(-slope, lam_phys)
    tia_fit = np.exp(intercept) / lam
    # trapezoids from zero at injection, then physical decay after the last scan
    tia_trap = a[0] * hours[0] / 2 + a[-1] / lam_phys
    for i in range(1, len(hours)):
        tia_trap += (a[i] + a[i - 1]) * (hours[i] - hours[i - 1]) / 2
    tia = np.where(positive, tia_fit, np.maximum(tia_trap, 0)).astype(np.float32)  # Bq.h/mL
    voxel_ml = float(np.prod(spacing)) / 1000
    tia_mbq_s = tia * (voxel_ml * 3600 / 1e6)
    t2 = time.perf_counter()
    dose = fftconvolve(tia_mbq_s, kernel(float(spacing[0])), mode="same") / 1000  # Gy
    if rho is not None:
        dose *= SOFT_TISSUE_G_PER_ML / rho
    t3 = time.perf_counter()
    return dose, (t1 - t0, t2 - t1, t3 - t2, t3 - t0)


def main(argv):
    runs, ct, folders = 1, None, []
    i = 0
    while i < len(argv):
        if argv[i] == "--runs":
            runs, i = int(argv[i + 1]), i + 2
        elif argv[i] == "--ct":
            ct, i = argv[i + 1], i + 2
        else:
            folders.append(argv[i])
            i += 1
    if not folders:
        sys.exit(__doc__)
    for _ in range(runs):
        c = time.process_time()
        dose, (read, fit, conv, total) = cycle(folders, ct)
        print("peer %.3f %.3f %.3f %.3f %.3f" % (read, fit, conv, total, time.process_time() - c), flush=True)
    print("dose sum %.6g Gy, max %.6g Gy" % (float(dose.sum(dtype=np.float64)), float(dose.max())))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Reading a series folder into a float32 volume with pydicom + numpy, the way netra's SeriesAssembler does it
(read every file, sort along the slice normal, stored values x Rescale Slope + Intercept), for bench/run-read.sh.

usage: read_pydicom.py RUNS FOLDER...   (RUNS > 0: 2 warm-ups and RUNS timed reads, "in-process FOLDER median
min max voxels" in ms; RUNS 0: one read, "once FOLDER ms voxels")
       read_pydicom.py headers FOLDER...   (the headers only, as `netra dicom info` reads them: every file with
stop_before_pixels, grouped by Series Instance UID; "headers FOLDER ms series files")
"""
import os
import sys
import time

import numpy as np
import pydicom


def read_sorted(folder):
    """The volume and the datasets sorted along the slice normal (also bench/peer_cycle.py's reader)."""
    files = [pydicom.dcmread(os.path.join(folder, f)) for f in os.listdir(folder)]
    o = np.array([float(v) for v in files[0].ImageOrientationPatient])
    normal = np.cross(o[:3], o[3:])
    files.sort(key=lambda d: float(np.dot(normal, [float(v) for v in d.ImagePositionPatient])))
    vol = np.empty((len(files), int(files[0].Rows), int(files[0].Columns)), dtype=np.float32)
    for i, d in enumerate(files):
        vol[i] = d.pixel_array * float(d.get("RescaleSlope", 1)) + float(d.get("RescaleIntercept", 0))
    return vol, files


def read(folder):
    return read_sorted(folder)[0]


def headers(folder):
    series = {}
    for f in sorted(os.listdir(folder)):
        d = pydicom.dcmread(os.path.join(folder, f), stop_before_pixels=True)
        series.setdefault(d.SeriesInstanceUID, []).append(d)
    return series


def main(runs, folders):
    for folder in folders:
        if runs == 0:
            t = time.perf_counter()
            v = read(folder)
            print("once %s %.1f %d" % (folder, (time.perf_counter() - t) * 1000, v.size))
            continue
        for _ in range(2):
            read(folder)
        ms = []
        for _ in range(runs):
            t = time.perf_counter()
            v = read(folder)
            ms.append((time.perf_counter() - t) * 1000)
        ms.sort()
        print("in-process %s %.1f %.1f %.1f %d" % (folder, ms[runs // 2], ms[0], ms[-1], v.size))


if __name__ == "__main__":
    if sys.argv[1] == "headers":
        for folder in sys.argv[2:]:
            t = time.perf_counter()
            s = headers(folder)
            print("headers %s %.1f %d %d" % (folder, (time.perf_counter() - t) * 1000, len(s),
                                             sum(len(v) for v in s.values())))
    else:
        main(int(sys.argv[1]), sys.argv[2:])

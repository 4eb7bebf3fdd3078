"""Writes a counts-SPECT variant of a real quantitative (Bq/mL) SPECT series, for netra's counts tests.

usage: counts_spect_fixture.py SERIES_DIR OUT_DIR SENSITIVITY_CPS_PER_MBQ [--silent]

With --silent the collimator and energy window tags are left out (the original's collimator code removed), as many
exports do.

Each file's values become the counts a camera of the given sensitivity would have recorded over the series'
(0018,1242) Actual Frame Duration: counts = C(scan start) [Bq/mL] x voxel volume [mL] x duration [s] x S [cps/MBq]
/ 1e6, where C(scan start) undoes the series' decay correction to administration. Only the tags change (Rescale
Slope, Units CNTS, Decay Correction NONE) plus the camera set-up netra matches calibrations on: Station Name,
Device Serial Number, Collimator/Grid Name MELP and a 208 keV +/- 10 % window. Prints JSON: the duration, the
scale applied and one voxel (the brightest of the middle file) with its Bq/mL recomputed from the written file
by plain arithmetic, and its position so the Java side can find it.
"""
import datetime
import glob
import json
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence


def seconds(tm):
    tm = str(tm)
    return int(tm[0:2]) * 3600 + int(tm[2:4]) * 60 + float(tm[4:])


def when(da, tm):
    return datetime.datetime.strptime(str(da), "%Y%m%d") + datetime.timedelta(seconds=seconds(tm))


def main(series, out, sensitivity, silent=False):
    os.makedirs(out, exist_ok=True)
    files = sorted(glob.glob(os.path.join(series, "*.dcm")))
    probe = None
    for i, f in enumerate(files):
        ds = pydicom.dcmread(f)
        assert ds.Units == "BQML", ds.Units
        pharm = ds.RadiopharmaceuticalInformationSequence[0]
        if "RadiopharmaceuticalStartDateTime" in pharm:
            injection = datetime.datetime.strptime(str(pharm.RadiopharmaceuticalStartDateTime)[:14], "%Y%m%d%H%M%S")
        else:
            injection = when(ds.SeriesDate, pharm.RadiopharmaceuticalStartTime)
        start = when(ds.SeriesDate, ds.SeriesTime)
        if ds.DecayCorrection == "ADMIN":
            hours = (start - injection).total_seconds()
            to_start = 2.0 ** (-hours / float(pharm.RadionuclideHalfLife))
        else:
            to_start = 1.0
        duration = float(ds.ActualFrameDuration) / 1000.0
        voxel_ml = float(ds.PixelSpacing[0]) * float(ds.PixelSpacing[1]) * float(ds.SliceThickness) / 1000.0
        scale = to_start * voxel_ml * duration * sensitivity / 1e6
        ds.RescaleSlope = repr(float(ds.RescaleSlope) * scale)[:16]
        ds.Units = "CNTS"
        ds.DecayCorrection = "NONE"
        ds.StationName = "NM-ROOM-2"
        ds.DeviceSerialNumber = "12345"
        if not silent:
            ds.CollimatorGridName = "MELP"
        elif "CollimatorGridName" in ds:
            del ds.CollimatorGridName  # the scanner's own code ("@16792560") goes too
        rng = Dataset()
        rng.EnergyWindowLowerLimit = "187.2"
        rng.EnergyWindowUpperLimit = "228.8"
        window = Dataset()
        window.EnergyWindowRangeSequence = Sequence([rng])
        window.EnergyWindowName = "Lu177 photopeak"
        if not silent:
            ds.EnergyWindowInformationSequence = Sequence([window])
        ds.SeriesInstanceUID = ds.SeriesInstanceUID + ".9"
        ds.SOPInstanceUID = ds.SOPInstanceUID + ".9"
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        target = os.path.join(out, os.path.basename(f))
        ds.save_as(target)
        if i == len(files) // 2:
            back = pydicom.dcmread(target)
            counts = back.pixel_array.astype(np.float64) * float(back.RescaleSlope) + float(back.RescaleIntercept)
            row, col = np.unravel_index(np.argmax(counts), counts.shape)
            bqml = counts[row, col] / (duration * sensitivity * voxel_ml) * 1e6
            original = pydicom.dcmread(f)
            stored = float(original.pixel_array[row, col]) * float(original.RescaleSlope) + float(
                original.RescaleIntercept)
            probe = {
                "position": [float(v) for v in back.ImagePositionPatient],
                "row": int(row),
                "column": int(col),
                "counts": float(counts[row, col]),
                "bqPerMl": float(bqml),
                "originalBqPerMlAtScanStart": stored * to_start,
            }
            meta = {"durationS": duration, "scale": scale, "voxelMl": voxel_ml}
    meta["probe"] = probe
    print(json.dumps(meta))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), "--silent" in sys.argv[4:])

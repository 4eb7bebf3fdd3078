#!/usr/bin/python3
"""Independent cross-check of netra's cycle dosimetry on the real 177Lu patient (shared/data).

usage: lesion_tia_reference.py ROI_REFERENCE_PY DATA_DIR
Each scan's activity per lesion comes from its own RTSTRUCT (roi_reference.py: pydicom, numpy,
matplotlib.path; no registration, the physician's contours on each scan). Per lesion it prints JSON:
hours after injection, activities (MBq), the time-integrated activity (MBq h) by trapezoids from
(0, 0) and physical decay after the last point, the same curve as an uptake model with physical decay
only, A(t) = A0 (1 - exp(-lu t)) exp(-lp t), solved through both points (SciPy brentq), and the
local-deposition mean dose (Gy) D = TIA E_np / m with E_np the ICRP-107 electron energy plus photons
below 10 keV, m = first-scan volume x 1.04 g/mL. Shares no code with netra.
"""
import glob
import importlib.util
import io
import json
import math
import os
import sys
from contextlib import redirect_stdout

from scipy.optimize import brentq


def load(path):
    spec = importlib.util.spec_from_file_location("roi_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rois(ref, scan_dir):
    out = io.StringIO()
    with redirect_stdout(out):
        ref.main(os.path.join(scan_dir, "image"), glob.glob(os.path.join(scan_dir, "mask", "*.dcm"))[0])
    return json.loads(out.getvalue())


def main(ref_path, data):
    ref = load(ref_path)
    spect = os.path.join(data, "dicom", "lu177-dotatate-spect")
    scans = [rois(ref, os.path.join(spect, s)) for s in ("SCAN_001", "SCAN_002")]
    lu = json.loads(json.load(open(os.path.join(data, "decay", "emissions", "Lu-177.json"))))
    half_life_h = float(lu["half_life"]) * {"d": 24.0, "h": 1.0, "m": 1 / 60.0, "s": 1 / 3600.0}[lu["time_unit"]]
    lp = math.log(2) / half_life_h
    em = lu["emissions"]
    e_np_mev = sum(e * y for kind in ("beta-", "auger", "IE") for e, y in em[kind])
    e_np_mev += sum(e * y for kind in ("X", "gamma") for e, y in em[kind] if e < 0.010)
    joules = e_np_mev * 1.602176634e-13
    t = [s["hoursAfterInjection"] for s in scans]
    result = {"physicalHalfLifeH": half_life_h, "nonPenetratingMeV": e_np_mev, "lesions": {}}
    for name in scans[0]["rois"]:
        a = [s["rois"][name]["activityMBq"] for s in scans]
        trapezoid = a[0] * t[0] / 2 + (a[0] + a[1]) / 2 * (t[1] - t[0]) + a[1] / lp
        # uptake with physical decay only: the ratio of the two points fixes lu
        ratio = a[1] / a[0]
        f = lambda lu_: (1 - math.exp(-lu_ * t[1])) * math.exp(-lp * t[1]) - ratio * (
            1 - math.exp(-lu_ * t[0])) * math.exp(-lp * t[0])
        uptake = None
        if f(1e-6) * f(50.0) < 0:
            lu_ = brentq(f, 1e-6, 50.0, xtol=1e-14)
            a0 = a[0] / ((1 - math.exp(-lu_ * t[0])) * math.exp(-lp * t[0]))
            uptake = {"uptakeRatePerH": lu_, "a0MBq": a0, "tiaMBqH": a0 * (1 / lp - 1 / (lu_ + lp))}
        mass_kg = scans[0]["rois"][name]["volumeMl"] * 1.04e-3
        result["lesions"][name] = {
            "hours": t,
            "activityMBq": a,
            "volumeMl": scans[0]["rois"][name]["volumeMl"],
            "trapezoidTiaMBqH": trapezoid,
            "uptakeModel": uptake,
            "localDepositionGy": trapezoid * 3600e6 * joules / mass_kg,
        }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

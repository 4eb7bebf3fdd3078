"""Independent read-back of a netra-sim twin with pydicom and NumPy (Debian's python3).

Usage: pydicom_check.py SPECT_DIR RTSTRUCT
Prints one JSON object: the SPECT volume's shape, sum of Bq/mL, maximum, the units, the injected dose and
the ROI names of the structure set.
"""
import glob
import json
import sys

import numpy as np
import pydicom

spect_dir, rtstruct = sys.argv[1], sys.argv[2]
slices = [pydicom.dcmread(f) for f in glob.glob(spect_dir + "/*.dcm")]
slices.sort(key=lambda d: float(d.ImagePositionPatient[2]))
vol = np.stack([d.pixel_array.astype(np.float64) * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in slices])
first = slices[0]
rp = first.RadiopharmaceuticalInformationSequence[0]
rs = pydicom.dcmread(rtstruct)
print(json.dumps({
    "shape": list(vol.shape),
    "sum": float(vol.sum()),
    "max": float(vol.max()),
    "units": first.Units,
    "decayCorrection": first.DecayCorrection,
    "totalDoseBq": float(rp.RadionuclideTotalDose),
    "halfLifeS": float(rp.RadionuclideHalfLife),
    "rois": [r.ROIName for r in rs.StructureSetROISequence],
    "contours": sum(len(c.ContourSequence) for c in rs.ROIContourSequence),
}))

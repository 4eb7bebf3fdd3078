"""Vendor-style NM variants made from the real 177Lu SPECT (SCAN_001) with pydicom + numpy, and pydicom's
reading of each file written, for VendorVariantsTest.

usage: vendor_variants.py SPECT_FOLDER OUT_FOLDER

Writes into OUT_FOLDER:
  ge-counts-spect.dcm   GE-style reconstructed SPECT: NM Image Storage multi-frame (RECON TOMO), counts (the NM
                        IOD has no Units), Rotation Information Sequence (60 views of 20 s per head), one 177Lu
                        window; counts = round(Bq/mL x 0.05) of 48 slices of the real SPECT
  nm-windows-static.dcm NM static planar, 2 detectors (ANTERIOR, POSTERIOR) x 2 energy windows (EM 187.2-228.8 keV,
                        lower scatter 166.4-187.2 keV), frames window-major; the views are projections of the real
                        SPECT (anterior: summed front to back; posterior: mirrored left-right), scatter = 0.3 x
  bone-wb.dcm           NM whole-body bone scan (99mTc, 126-154 keV), 2 frames: ANTERIOR, POSTERIOR
  reference.json        per file: what pydicom reads (header values; per frame: sum, min, max, and a checksum of
                        the pixel values as float64) for the test to compare netra's reading with
"""
import hashlib
import json
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

NM_STORAGE = "1.2.840.10008.5.1.4.1.1.20"


def real_volume(folder):
    slices = [pydicom.dcmread(os.path.join(folder, f)) for f in sorted(os.listdir(folder))]
    slices.sort(key=lambda d: float(d.ImagePositionPatient[2]))
    vol = np.stack([d.pixel_array.astype(np.float64) * float(d.RescaleSlope) + float(d.RescaleIntercept)
                    for d in slices])
    return vol, slices[0]


def code(value, scheme, meaning):
    c = Dataset()
    c.CodeValue, c.CodingSchemeDesignator, c.CodeMeaning = value, scheme, meaning
    return c


def window(name, lower, upper):
    w = Dataset()
    r = Dataset()
    r.EnergyWindowLowerLimit, r.EnergyWindowUpperLimit = f"{lower:.1f}", f"{upper:.1f}"
    w.EnergyWindowRangeSequence = Sequence([r])
    w.EnergyWindowName = name
    return w


def detector(view=None, position=None):
    d = Dataset()
    if view is not None:
        d.ViewCodeSequence = Sequence([view])
    if position is not None:
        d.ImagePositionPatient = position
        d.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    return d


def nm_base(src, image_type, frames, rows, cols):
    ds = Dataset()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = NM_STORAGE
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.SOPClassUID = NM_STORAGE
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "NM"
    ds.ImageType = image_type
    for k in ("PatientName", "PatientID", "PatientSex", "PatientWeight", "StudyInstanceUID", "StudyDate",
              "StudyTime", "SeriesDate", "SeriesTime", "AcquisitionDate", "AcquisitionTime"):
        setattr(ds, k, getattr(src, k))
    ds.SeriesInstanceUID = generate_uid()
    ds.SeriesNumber = 7
    ds.InstanceNumber = 1
    ds.NumberOfFrames = frames
    ds.Rows, ds.Columns = rows, cols
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
    ds.PixelSpacing = list(src.PixelSpacing)
    return ds


def save(ds, pixels, path):
    ds.PixelData = pixels.astype("<u2").tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.preamble = b"\0" * 128
    ds.save_as(path, write_like_original=False)


def lu177(src):
    r = Dataset()
    r.RadiopharmaceuticalStartDateTime = src.RadiopharmaceuticalInformationSequence[0].RadiopharmaceuticalStartDateTime
    r.RadionuclideTotalDose = src.RadiopharmaceuticalInformationSequence[0].RadionuclideTotalDose
    r.RadionuclideHalfLife = "574300"
    r.RadionuclideCodeSequence = Sequence([code("C-101ED", "99SDM", "177 Lutetium")])
    return r


def main(spect, out):
    os.makedirs(out, exist_ok=True)
    vol, src = real_volume(spect)
    nz, ny, nx = vol.shape
    ant = code("F-10440", "SRT", "ANTERIOR")
    post = code("F-10470", "SRT", "POSTERIOR")

    # GE-style counts SPECT: 48 slices from the middle
    z0 = nz // 2 - 24
    counts = np.rint(vol[z0:z0 + 48] * 0.05).clip(0, 65535)
    ds = nm_base(src, ["ORIGINAL", "PRIMARY", "RECON TOMO", "EMISSION"], 48, ny, nx)
    ds.Manufacturer = "GE MEDICAL SYSTEMS"
    ds.FrameIncrementPointer = pydicom.tag.Tag(0x0054, 0x0080)
    ds.SliceVector = list(range(1, 49))
    ds.NumberOfSlices = 48
    ds.SliceThickness = src.SliceThickness
    ds.SpacingBetweenSlices = src.SliceThickness
    first = [float(v) for v in src.ImagePositionPatient]
    first[2] += z0 * float(src.SliceThickness)
    ds.DetectorInformationSequence = Sequence([detector(position=first)])
    ds.NumberOfDetectors = 1
    ds.EnergyWindowInformationSequence = Sequence([window("Lu177_EM", 187.2, 228.8)])
    ds.NumberOfEnergyWindows = 1
    rot = Dataset()
    rot.ActualFrameDuration = 20000
    rot.NumberOfFramesInRotation = 60
    rot.AngularStep = 3
    rot.ScanArc = 180
    ds.RotationInformationSequence = Sequence([rot])
    ds.NumberOfRotations = 1
    ds.RadiopharmaceuticalInformationSequence = Sequence([lu177(src)])
    save(ds, counts, os.path.join(out, "ge-counts-spect.dcm"))

    # planar: anterior = sum over y (front to back), posterior mirrored left-right; counts per view
    anterior = vol.sum(axis=1) * 0.002  # (z, x): rows are slices, columns x
    posterior = anterior[:, ::-1] * 0.8
    views = {"ANT": np.rint(anterior).clip(0, 65535), "POST": np.rint(posterior).clip(0, 65535)}
    frames = [views["ANT"], views["POST"], np.rint(views["ANT"] * 0.3), np.rint(views["POST"] * 0.3)]
    ds = nm_base(src, ["ORIGINAL", "PRIMARY", "STATIC", "EMISSION"], 4, nz, nx)
    ds.Manufacturer = "SIEMENS NM"
    ds.FrameIncrementPointer = [pydicom.tag.Tag(0x0054, 0x0010), pydicom.tag.Tag(0x0054, 0x0020)]
    ds.EnergyWindowVector = [1, 1, 2, 2]
    ds.DetectorVector = [1, 2, 1, 2]
    ds.NumberOfEnergyWindows = 2
    ds.NumberOfDetectors = 2
    ds.EnergyWindowInformationSequence = Sequence(
        [window("EM", 187.2, 228.8), window("SC_LOW", 166.4, 187.2)])
    ds.DetectorInformationSequence = Sequence([detector(ant), detector(post)])
    ds.ActualFrameDuration = 900000
    ds.RadiopharmaceuticalInformationSequence = Sequence([lu177(src)])
    save(ds, np.stack(frames), os.path.join(out, "nm-windows-static.dcm"))

    # whole-body bone scan, 99mTc: the same projections as two frames, one window
    ds = nm_base(src, ["ORIGINAL", "PRIMARY", "WHOLE BODY", "EMISSION"], 2, nz, nx)
    ds.Manufacturer = "GE MEDICAL SYSTEMS"
    ds.FrameIncrementPointer = [pydicom.tag.Tag(0x0054, 0x0010), pydicom.tag.Tag(0x0054, 0x0020)]
    ds.EnergyWindowVector = [1, 1]
    ds.DetectorVector = [1, 2]
    ds.NumberOfEnergyWindows = 1
    ds.NumberOfDetectors = 2
    ds.EnergyWindowInformationSequence = Sequence([window("Tc99m", 126.0, 154.0)])
    ds.DetectorInformationSequence = Sequence([detector(ant), detector(post)])
    tc = Dataset()
    tc.RadionuclideCodeSequence = Sequence([code("C-163A8", "SRT", "^99m^Technetium")])
    ds.RadiopharmaceuticalInformationSequence = Sequence([tc])
    ds.ActualFrameDuration = 1200000
    save(ds, np.stack([views["ANT"], views["POST"]]), os.path.join(out, "bone-wb.dcm"))

    reference = {}
    for name in ("ge-counts-spect.dcm", "nm-windows-static.dcm", "bone-wb.dcm"):
        d = pydicom.dcmread(os.path.join(out, name))
        px = d.pixel_array.astype(np.float64)
        if px.ndim == 2:
            px = px[None]
        reference[name] = {
            "frames": int(d.NumberOfFrames),
            "rows": int(d.Rows),
            "columns": int(d.Columns),
            "pixelSpacing": [float(v) for v in d.PixelSpacing],
            "manufacturer": str(d.Manufacturer),
            "windows": [[str(w.EnergyWindowName), float(w.EnergyWindowRangeSequence[0].EnergyWindowLowerLimit),
                         float(w.EnergyWindowRangeSequence[0].EnergyWindowUpperLimit)]
                        for w in d.EnergyWindowInformationSequence],
            "energyWindowVector": [int(v) for v in d.get("EnergyWindowVector", [])],
            "detectorVector": [int(v) for v in d.get("DetectorVector", [])],
            "frameSums": [float(f.sum()) for f in px],
            "frameMax": [float(f.max()) for f in px],
            "frameSha256": [hashlib.sha256(f.astype("<f8").tobytes()).hexdigest() for f in px],
        }
        if "RotationInformationSequence" in d:
            r = d.RotationInformationSequence[0]
            reference[name]["acquisitionSeconds"] = (
                int(r.ActualFrameDuration) * int(r.NumberOfFramesInRotation) / 1000.0)
        if "DetectorInformationSequence" in d and "ImagePositionPatient" in d.DetectorInformationSequence[0]:
            reference[name]["firstPosition"] = [float(v) for v in
                                                d.DetectorInformationSequence[0].ImagePositionPatient]
    # conjugate views on the photopeak frames: a region on the anterior view (rows 60-99, columns 100-139), the
    # posterior view mirrored left-right, as MIRD 16 takes them
    d = pydicom.dcmread(os.path.join(out, "nm-windows-static.dcm"))
    px = d.pixel_array.astype(np.float64)
    region = np.zeros(px.shape[1:], dtype=bool)
    region[60:100, 100:140] = True
    reference["conjugate"] = {
        "rows": [60, 100], "columns": [100, 140],
        "anteriorCounts": float(px[0][region].sum()),
        "posteriorCounts": float(px[1][:, ::-1][region].sum()),
    }
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""Writes a binary DICOM Segmentation of a NIfTI label map, independently of netra, for netra's VOI-format tests.

usage: seg_from_labels.py LABELS.nii NAMES.json REFERENCE_IMAGE_DIR OUT_SEG.dcm

The label map is read with NumPy alone (NIfTI-1 header fields by offset), each label becomes one segment named
from NAMES.json, and each segment's slices are placed on the reference series' own slice positions (frames
ordered along the slice normal, Plane Position per frame, pixels packed one bit each, little-endian bit order as
PS3.5 8.1.1 requires). Prints JSON: each name's voxel count as NumPy counts it in the label map.
"""
import glob
import json
import os
import struct
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

SEG_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4"


def read_nifti(path):
    raw = open(path, "rb").read()
    assert struct.unpack("<i", raw[0:4])[0] == 348, "little-endian NIfTI-1 expected"
    dims = struct.unpack("<8h", raw[40:56])
    datatype = struct.unpack("<h", raw[70:72])[0]
    offset = int(struct.unpack("<f", raw[108:112])[0])
    nx, ny, nz = dims[1], dims[2], dims[3]
    dtype = {2: np.uint8, 4: np.int16, 512: np.uint16}[datatype]
    data = np.frombuffer(raw, dtype=dtype, count=nx * ny * nz, offset=offset)
    return data.reshape((nz, ny, nx))  # NIfTI is x fastest


def main(labels_path, names_path, reference_dir, out):
    labels = read_nifti(labels_path)
    names = {int(k): v for k, v in json.load(open(names_path)).items()}
    refs = [pydicom.dcmread(f, stop_before_pixels=True) for f in sorted(glob.glob(os.path.join(reference_dir, "*")))]
    first = refs[0]
    row, col = np.array(first.ImageOrientationPatient[:3], float), np.array(first.ImageOrientationPatient[3:], float)
    normal = np.cross(row, col)
    refs.sort(key=lambda d: float(np.dot(normal, np.array(d.ImagePositionPatient, float))))
    assert len(refs) == labels.shape[0], (len(refs), labels.shape)
    # netra's label map follows its grid, whose slice k is the k-th along the normal and whose rows and columns
    # are the images' own (the NIfTI writer flips nothing in index space)
    frames, per_frame, counts = [], [], {}
    segments = []
    for number, (label, name) in enumerate(sorted(names.items()), start=1):
        voxels = labels == label
        counts[name] = int(voxels.sum())
        seg = Dataset()
        seg.SegmentNumber = number
        seg.SegmentLabel = name
        seg.SegmentAlgorithmType = "MANUAL"
        category = Dataset()
        category.CodeValue, category.CodingSchemeDesignator, category.CodeMeaning = "M-01000", "SRT", "Morphologically Altered Structure"
        seg.SegmentedPropertyCategoryCodeSequence = Sequence([category])
        kind = Dataset()
        kind.CodeValue, kind.CodingSchemeDesignator, kind.CodeMeaning = "M-80003", "SRT", "Neoplasm, Primary"
        seg.SegmentedPropertyTypeCodeSequence = Sequence([kind])
        segments.append(seg)
        for k in range(labels.shape[0]):
            if not voxels[k].any():
                continue
            frames.append(voxels[k])
            item = Dataset()
            ident = Dataset()
            ident.ReferencedSegmentNumber = number
            item.SegmentIdentificationSequence = Sequence([ident])
            pos = Dataset()
            pos.ImagePositionPatient = refs[k].ImagePositionPatient
            item.PlanePositionSequence = Sequence([pos])
            per_frame.append(item)
    ds = Dataset()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SEG_STORAGE
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.SOPClassUID = SEG_STORAGE
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "SEG"
    ds.PatientID = first.PatientID
    ds.StudyInstanceUID = first.StudyInstanceUID
    ds.SeriesInstanceUID = generate_uid()
    ds.FrameOfReferenceUID = first.FrameOfReferenceUID
    ds.SegmentationType = "BINARY"
    ds.SegmentSequence = Sequence(segments)
    shared = Dataset()
    orient = Dataset()
    orient.ImageOrientationPatient = first.ImageOrientationPatient
    shared.PlaneOrientationSequence = Sequence([orient])
    measures = Dataset()
    measures.PixelSpacing = first.PixelSpacing
    measures.SliceThickness = first.SliceThickness
    shared.PixelMeasuresSequence = Sequence([measures])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
    ds.NumberOfFrames = len(frames)
    ds.Rows, ds.Columns = labels.shape[1], labels.shape[2]
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 1, 1, 0, 0
    bits = np.concatenate([f.astype(np.uint8).ravel() for f in frames])
    packed = np.packbits(bits, bitorder="little")
    if len(packed) % 2:
        packed = np.append(packed, np.uint8(0))
    ds.PixelData = packed.tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(out, write_like_original=False)
    print(json.dumps(counts))


if __name__ == "__main__":
    main(*sys.argv[1:5])

"""Reference stored pixel values for netra's PixelDataAgreementTest, from pydicom (and DCMTK dcmdjpeg for
JPEG, which Debian's pydicom cannot decode without extra handlers).

For each file named on the command line, prints one tab-separated line:
path, sha256 of the stored values as little-endian int32 (frames, rows, columns, samples order), min, max, count.
Stored values are masked to BitsStored (after shifting by HighBit) and sign-extended where PixelRepresentation is 1.
"""
import hashlib
import os
import subprocess
import sys
import tempfile

import numpy
import pydicom

DCMTK_JPEG = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"}


def stored_values(path):
    ds = pydicom.dcmread(path, force=True)  # force: a data set without preamble and meta is still DICOM
    if "TransferSyntaxUID" not in getattr(ds, "file_meta", {}):
        ds.file_meta = pydicom.dataset.FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = (
            pydicom.uid.ImplicitVRLittleEndian if ds.is_implicit_VR else pydicom.uid.ExplicitVRLittleEndian)
    if ds.file_meta.TransferSyntaxUID in DCMTK_JPEG:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "plain.dcm")
            subprocess.run(["dcmdjpeg", path, out], check=True)
            ds = pydicom.dcmread(out)
    arr = ds.pixel_array
    unsigned = arr.view(numpy.dtype("u%d" % arr.dtype.itemsize)).astype(numpy.int64)
    bits = int(ds.BitsStored)
    shift = int(ds.get("HighBit", bits - 1)) + 1 - bits
    values = (unsigned >> shift) & ((1 << bits) - 1)
    if int(ds.PixelRepresentation) == 1:
        values = numpy.where(values >= (1 << (bits - 1)), values - (1 << bits), values)
    return values.astype("<i4")


for path in sys.argv[1:]:
    v = stored_values(path)
    print("\t".join([path, hashlib.sha256(v.tobytes()).hexdigest(), str(v.min()), str(v.max()), str(v.size)]))

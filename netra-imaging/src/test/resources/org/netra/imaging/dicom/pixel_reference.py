"""Reference stored pixel values for netra's PixelDataAgreementTest, from pydicom (and DCMTK dcmdjpeg for
JPEG, which Debian's pydicom cannot decode without extra handlers).

For each file named on the command line, prints one tab-separated line:
path, sha256 of the stored values as little-endian int32 (frames, rows, columns, samples order), min, max, count.
With --raw OUTDIR first, also writes each file's values to OUTDIR/<n>.i32 (n its position on the command line),
and a file pydicom cannot read prints "path<TAB>error<TAB>message" instead of failing the run.
JPEG-LS goes through DCMTK dcmdjpls the way JPEG goes through dcmdjpeg.
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
DCMTK_JPEG_LS = {"1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"}


def stored_values(path):
    ds = pydicom.dcmread(path, force=True)  # force: a data set without preamble and meta is still DICOM
    if "TransferSyntaxUID" not in getattr(ds, "file_meta", {}):
        ds.file_meta = pydicom.dataset.FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = (
            pydicom.uid.ImplicitVRLittleEndian if ds.is_implicit_VR else pydicom.uid.ExplicitVRLittleEndian)
    tool = ("dcmdjpeg" if ds.file_meta.TransferSyntaxUID in DCMTK_JPEG
            else "dcmdjpls" if ds.file_meta.TransferSyntaxUID in DCMTK_JPEG_LS else None)
    if tool:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "plain.dcm")
            subprocess.run([tool, path, out], check=True, capture_output=True)
            ds = pydicom.dcmread(out)
    arr = ds.pixel_array
    arr = arr.astype(arr.dtype.newbyteorder("="))  # big endian files give '>i2' arrays: native order first
    unsigned = arr.view(numpy.dtype("u%d" % arr.dtype.itemsize)).astype(numpy.int64)
    bits = int(ds.BitsStored)
    shift = int(ds.get("HighBit", bits - 1)) + 1 - bits
    values = (unsigned >> shift) & ((1 << bits) - 1)
    if int(ds.PixelRepresentation) == 1:
        values = numpy.where(values >= (1 << (bits - 1)), values - (1 << bits), values)
    return values.astype("<i4")


args = sys.argv[1:]
raw = None
if args and args[0] == "--raw":
    raw, args = args[1], args[2:]
for n, path in enumerate(args):
    try:
        v = stored_values(path)
    except Exception as e:  # noqa: BLE001 - the corpus test counts what the reference cannot read
        if raw is None:
            raise
        print("\t".join([path, "error", str(e).replace("\t", " ").replace("\n", " ")]))
        continue
    if raw is not None:
        v.tofile(os.path.join(raw, "%d.i32" % n))
    print("\t".join([path, hashlib.sha256(v.tobytes()).hexdigest(), str(v.min()), str(v.max()), str(v.size)]))

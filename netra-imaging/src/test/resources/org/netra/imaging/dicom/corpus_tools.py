"""Makes and reads the real-world variants netra's corpus tests check, with pydicom (Debian's python3-pydicom).

  corpus_tools.py to-un IN OUT TAG...        re-encode the named elements (hex ggggeeee) as explicit VR UN, as a
                                             node that does not know them does (PS3.5 6.2.2), keeping their bytes
  corpus_tools.py dicomdir FILE              the DICOMDIR's hierarchy as pydicom's FileSet reads it: lines
                                             "PATIENT id|name", "STUDY uid", "SERIES uid n-files", in order
  corpus_tools.py texts FILE...               every text element (PN LO SH ST LT UT UC), in sequences too, as
                                             "file<TAB>path<TAB>value" with path "gggg,eeee[/i/gggg,eeee...]"
  corpus_tools.py real FILE                   sha256 and count of a Float/Double Float Pixel Data file's values
                                             (pydicom's pixel_array as little-endian float64)
  corpus_tools.py headers FILE...             per file: path, Rows, Columns, BitsStored, NumberOfFrames, PixelSpacing,
                                             Modality, SOPInstanceUID, PatientName (tab-separated; absent is empty;
                                             an unreadable file prints "path<TAB>error")
  corpus_tools.py j2k MODE IN OUT            JPEG 2000 lossless by OpenJPEG's opj_compress (64x64 tiles, 3 tile-parts per
                                             tile, split by resolution) encapsulated by pydicom, then: MODE "tileparts"
                                             as written; "interleaved" tile-parts of different tiles interleaved
                                             (tile 0 part 0, tile 1 part 0, ..., tile 0 part 1, ...; legal, T.800 A.4.2);
                                             "psot0" the last tile-part's Psot 0 (legal: it runs to EOC); "tnsot0"
                                             every TNsot 0 (legal: the count is not known); damaged: "psot-long" the last
                                             tile-part's Psot 1000 bytes past the end, "psot-short" the first's 10 bytes
                                             short, inside its data. Single-frame, one-sample
                                             sources only (exit 3 otherwise); the codestream is also written to OUT.j2k
  corpus_tools.py values FILE TAG...         print each element's value as pydicom reads it, one per line
                                             (multi-values joined by backslash; sequences as their item count)
"""
import sys

import pydicom
import pydicom.fileset
from pydicom.filewriter import write_data_element
from pydicom.filebase import DicomBytesIO
from pydicom.tag import Tag


def raw_value(ds, tag):
    """The element's value bytes as they are encoded in implicit VR little endian."""
    buf = DicomBytesIO()
    buf.is_little_endian = True
    buf.is_implicit_VR = True
    write_data_element(buf, ds[tag])
    data = buf.getvalue()
    return data[8:] if len(data) >= 8 and data[4:8] != b"\xff\xff\xff\xff" else None


def to_un(src, dst, tags):
    # pydicom would otherwise turn a new UN element of a known tag back into its dictionary VR
    pydicom.config.replace_un_with_known_vr = False
    ds = pydicom.dcmread(src)
    for t in tags:
        tag = Tag(int(t, 16))
        if tag not in ds:
            continue
        value = raw_value(ds, tag)
        if value is None:
            raise SystemExit("element %s has undefined length: not supported here" % t)
        ds[tag] = pydicom.DataElement(tag, "UN", value)
    ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(dst, write_like_original=False)


def values(path, tags):
    pydicom.config.replace_un_with_known_vr = True
    ds = pydicom.dcmread(path)
    for t in tags:
        tag = Tag(int(t, 16))
        if tag not in ds:
            print("")
            continue
        v = ds[tag].value
        if ds[tag].VR == "SQ":
            print(len(v))
        elif isinstance(v, (list, pydicom.multival.MultiValue)):
            print("\\".join(str(x) for x in v))
        else:
            print(str(v))


TEXT_VRS = {"PN", "LO", "SH", "ST", "LT", "UT", "UC"}


def texts(path, ds, prefix):
    for elem in ds:
        key = prefix + "%04x,%04x" % (elem.tag.group, elem.tag.element)
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                texts(path, item, key + "/%d/" % i)
        elif elem.VR in TEXT_VRS and elem.value not in (None, ""):
            v = elem.value
            if isinstance(v, (list, pydicom.multival.MultiValue)):
                v = "\\".join(str(x) for x in v)
            print("%s\t%s\t%s" % (path, key, str(v).replace("\r", "\\r").replace("\n", "\\n")))


def dicomdir(path):
    fs = pydicom.fileset.FileSet(pydicom.dcmread(path))
    for patient in fs._tree.children:
        rec = patient._record
        print("PATIENT %s|%s" % (rec.get("PatientID", ""), rec.get("PatientName", "")))
        for study in patient.children:
            print("STUDY %s" % study._record.get("StudyInstanceUID", ""))
            for series in study.children:
                print("SERIES %s %d" % (series._record.get("SeriesInstanceUID", ""), len(series.children)))


def tile_parts(codestream):
    """The main header and the tile-parts (each from its SOT to the next SOT or EOC) of a J2K codestream."""
    import struct
    first = codestream.index(b"\xff\x90")
    parts, at = [], first
    while codestream[at:at + 2] == b"\xff\x90":
        psot = struct.unpack(">I", codestream[at + 6:at + 10])[0]
        parts.append(bytearray(codestream[at:at + psot]))
        at += psot
    if codestream[at:at + 2] != b"\xff\xd9":
        raise SystemExit("codestream does not end in EOC after its tile-parts")
    return codestream[:first], parts


def j2k(mode, src, dst):
    import os
    import struct
    import subprocess
    import tempfile
    import numpy
    from pydicom.encaps import encapsulate
    ds = pydicom.dcmread(src)
    if int(ds.get("NumberOfFrames", 1) or 1) != 1 or int(ds.SamplesPerPixel) != 1:
        raise SystemExit(3)
    arr = ds.pixel_array
    signed = int(ds.PixelRepresentation) == 1
    bits = int(ds.BitsAllocated)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "in.rawl")
        arr.astype(("<i" if signed else "<u") + str(bits // 8)).tofile(raw)
        out = os.path.join(tmp, "out.j2k")
        subprocess.run(["opj_compress", "-i", raw, "-o", out, "-F",
                        "%d,%d,1,%d,%s" % (int(ds.Columns), int(ds.Rows), bits, "s" if signed else "u"),
                        "-t", "64,64", "-n", "3", "-TP", "R"], check=True, capture_output=True)
        codestream = open(out, "rb").read()
    header, parts = tile_parts(codestream)
    if mode == "interleaved":
        by_tile = {}
        for p in parts:
            by_tile.setdefault(struct.unpack(">H", p[4:6])[0], []).append(p)
        parts = [t[i] for i in range(max(len(t) for t in by_tile.values()))
                 for t in by_tile.values() if i < len(t)]
    elif mode == "psot0":
        parts[-1][6:10] = b"\0\0\0\0"
    elif mode == "tnsot0":
        for p in parts:
            p[11] = 0
    elif mode == "psot-long":
        # damaged: the last tile-part claims 1000 bytes more than the codestream holds
        parts[-1][6:10] = struct.pack(">I", len(parts[-1]) + 1000)
    elif mode == "psot-short":
        # damaged: the first tile-part claims 10 bytes fewer than it holds, ending inside its data
        parts[0][6:10] = struct.pack(">I", len(parts[0]) - 10)
    elif mode != "tileparts":
        raise SystemExit("unknown mode " + mode)
    codestream = bytes(header) + b"".join(bytes(p) for p in parts) + b"\xff\xd9"
    with open(dst + ".j2k", "wb") as f:  # the codestream itself, for OpenJPEG's opj_decompress
        f.write(codestream)
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelData = encapsulate([codestream])
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.90"
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(dst, write_like_original=False)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "j2k":
        j2k(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "to-un":
        to_un(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif command == "texts":
        for f in sys.argv[2:]:
            texts(f, pydicom.dcmread(f), "")
    elif command == "headers":
        for f in sys.argv[2:]:
            try:
                ds = pydicom.dcmread(f, stop_before_pixels=True)
                row = [f]
                for keyword in ("Rows", "Columns", "BitsStored", "NumberOfFrames"):
                    v = ds.get(keyword)
                    row.append("" if v in (None, "") else str(int(v)))
                spacing = ds.get("PixelSpacing")
                row.append("" if not spacing else "\\".join(repr(float(x)) for x in spacing))
                for keyword in ("Modality", "SOPInstanceUID", "PatientName"):
                    v = ds.get(keyword)
                    row.append("" if v is None else str(v))
                print("\t".join(row))
            except Exception:  # noqa: BLE001 - counted by the test
                print(f + "\terror")
    elif command == "real":
        import hashlib
        values = pydicom.dcmread(sys.argv[2]).pixel_array.astype("<f8")
        print("%s %d" % (hashlib.sha256(values.tobytes()).hexdigest(), values.size))
    elif command == "dicomdir":
        dicomdir(sys.argv[2])
    elif command == "values":
        values(sys.argv[2], sys.argv[3:])
    else:
        raise SystemExit("unknown command " + command)

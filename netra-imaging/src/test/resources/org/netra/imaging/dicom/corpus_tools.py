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


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "to-un":
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

"""Reference samples of DCT JPEG DICOM files from pydicom (Debian's, decoding through Pillow), for netra's
JpegDctAgreementTest.

Usage: jpeg_reference.py OUTDIR FILE...
For the i-th file, writes OUTDIR/i.i32 (its samples as little-endian int32, rows, columns, samples order)
and prints "i<TAB>ok"; where pydicom cannot decode the file (Pillow decodes 8-bit JPEG only), prints
"i<TAB>unsupported<TAB>reason".
"""
import os
import sys

import pydicom

out = sys.argv[1]
for i, path in enumerate(sys.argv[2:]):
    try:
        values = pydicom.dcmread(path).pixel_array
    except Exception as e:  # pydicom names the missing handler; the test reports it
        print("%d\tunsupported\t%s" % (i, str(e).replace("\n", " ")))
        continue
    values.astype("<i4").tofile(os.path.join(out, "%d.i32" % i))
    print("%d\tok" % i)

package org.netra.imaging.dicom;

/** A file that does not start like DICOM at all (no DICM prefix and no plausible data set). */
public final class NotDicomException extends DicomParseException {
    private static final long serialVersionUID = 1L;

    public NotDicomException(String source) {
        super(source, 0, "not a DICOM file (no 'DICM' at byte 128 and no data set at byte 0)");
    }
}

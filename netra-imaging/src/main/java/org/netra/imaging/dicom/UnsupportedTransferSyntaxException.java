package org.netra.imaging.dicom;

/** Pixel data in a compression netra cannot decode; names the transfer syntax and what to do. */
public final class UnsupportedTransferSyntaxException extends DicomParseException {
    private static final long serialVersionUID = 1L;
    private final String transferSyntaxUid;

    public UnsupportedTransferSyntaxException(String source, String transferSyntaxUid, String name) {
        super(
                source,
                0,
                "pixel data in transfer syntax " + transferSyntaxUid + " (" + name
                        + ") cannot be decoded by netra; convert the file to an uncompressed transfer syntax"
                        + " first, e.g. with GDCM 'gdcmconv --raw IN OUT'");
        this.transferSyntaxUid = transferSyntaxUid;
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }
}

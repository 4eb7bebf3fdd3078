package org.netra.imaging.dicom;

import java.util.Arrays;

/**
 * Transfer syntaxes (PS3.5 section 10 and annex A) with how their data set is encoded and, for the
 * encapsulated ones, which pixel codec netra uses. Any UID not listed reads as explicit VR little
 * endian (PS3.5 A.4) and its pixel data is an {@link UnsupportedTransferSyntaxException}.
 */
public record TransferSyntax(
        String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated, Codec codec) {

    /** How pixel data is stored. */
    public enum Codec {
        NATIVE,
        JPEG_LOSSLESS,
        JPEG_DCT,
        JPEG_2000,
        RLE,
        JPEG_LS,
        UNSUPPORTED
    }

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, Codec.NATIVE);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, Codec.NATIVE);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax(
            "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, Codec.NATIVE);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, Codec.NATIVE);

    private static final TransferSyntax[] KNOWN = {
        IMPLICIT_VR_LITTLE_ENDIAN,
        EXPLICIT_VR_LITTLE_ENDIAN,
        DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
        EXPLICIT_VR_BIG_ENDIAN,
        encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", Codec.JPEG_DCT),
        encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 and 4)", Codec.JPEG_DCT),
        encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", Codec.JPEG_LOSSLESS),
        encapsulated(
                "1.2.840.10008.1.2.4.70",
                "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1)",
                Codec.JPEG_LOSSLESS),
        encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", Codec.JPEG_LS),
        encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", Codec.JPEG_LS),
        encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless Only", Codec.JPEG_2000),
        encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000", Codec.JPEG_2000),
        encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless", Codec.UNSUPPORTED),
        encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", Codec.UNSUPPORTED),
        encapsulated("1.2.840.10008.1.2.5", "RLE Lossless", Codec.RLE),
        encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile", Codec.UNSUPPORTED),
        encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264", Codec.UNSUPPORTED),
    };

    private static TransferSyntax encapsulated(String uid, String name, Codec codec) {
        return new TransferSyntax(uid, name, true, false, false, codec);
    }

    /** The transfer syntax of a UID; unknown UIDs are explicit VR little endian with undecodable pixels. */
    public static TransferSyntax of(String uid) {
        return Arrays.stream(KNOWN)
                .filter(t -> t.uid.equals(uid))
                .findFirst()
                .orElseGet(() ->
                        new TransferSyntax(uid, "unknown transfer syntax", true, false, false, Codec.UNSUPPORTED));
    }

    /** True where pixel data is a sequence of fragments rather than native samples. */
    public boolean encapsulated() {
        return codec != Codec.NATIVE;
    }
}

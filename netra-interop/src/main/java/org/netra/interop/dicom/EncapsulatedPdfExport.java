package org.netra.interop.dicom;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;

/**
 * A PDF report as an Encapsulated PDF instance (PS3.3 A.45.1) in the source study, naming the source
 * images it was made from.
 */
public final class EncapsulatedPdfExport {

    private EncapsulatedPdfExport() {}

    public static Attributes toDataset(byte[] pdf, String title, SourceSeries source) {
        if (pdf.length < 5 || !new String(pdf, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
            throw new IllegalArgumentException("the report to encapsulate is not a PDF (it does not start with %PDF-)");
        }
        if (pdf.length > 0xfffffffeL) {
            throw new IllegalArgumentException("a PDF of " + pdf.length + " bytes is too large for one DICOM element");
        }
        // PS3.3 C.24.2.1: padded to even length with one trailing NUL; the real length is stated
        byte[] value = pdf.length % 2 == 0 ? pdf : Arrays.copyOf(pdf, pdf.length + 1);
        Attributes concept = Attributes.builder()
                .setString(Tag.CODE_VALUE, Vr.SH, "18748-4")
                .setString(Tag.CODING_SCHEME_DESIGNATOR, Vr.SH, "LN")
                .setString(Tag.CODE_MEANING, Vr.LO, "Diagnostic imaging study")
                .build();
        var b = source.newInstance(SopClass.ENCAPSULATED_PDF_STORAGE, "DOC", title, 903);
        b.setString(Tag.CONVERSION_TYPE, Vr.CS, "WSD")
                .setString(Tag.ACQUISITION_DATE_TIME, Vr.DT, "")
                .setString(Tag.BURNED_IN_ANNOTATION, Vr.CS, "YES")
                .setString(Tag.DOCUMENT_TITLE, Vr.ST, title)
                .setSequence(Tag.CONCEPT_NAME_CODE_SEQUENCE, List.of(concept))
                .setSequence(Tag.SOURCE_INSTANCE_SEQUENCE, source.imageReferences())
                .setString(Tag.MIME_TYPE_OF_ENCAPSULATED_DOCUMENT, Vr.LO, "application/pdf")
                .setBytes(Tag.ENCAPSULATED_DOCUMENT, Vr.OB, value)
                .setInts(Tag.ENCAPSULATED_DOCUMENT_LENGTH, Vr.UL, pdf.length);
        return b.build();
    }

    /** The PDF inside an Encapsulated PDF data set, without its padding. */
    public static byte[] pdf(Attributes dataset) {
        byte[] value = dataset.bytes(Tag.ENCAPSULATED_DOCUMENT);
        int length = dataset.integer(Tag.ENCAPSULATED_DOCUMENT_LENGTH, value.length);
        return Arrays.copyOf(value, Math.min(length, value.length));
    }
}

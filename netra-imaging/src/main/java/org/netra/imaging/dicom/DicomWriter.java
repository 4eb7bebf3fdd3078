package org.netra.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes Part 10 files in explicit VR little endian (PS3.10 section 7): a 128-byte preamble, "DICM",
 * file meta information with its group length, then the data set with every value padded to even
 * length. Group length elements of the data set are dropped (they are retired and would go stale).
 */
public final class DicomWriter {
    /** netra's implementation class UID (a UUID-derived UID under 2.25, PS3.5 B.2). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.136240302928717133992625525372691624976";

    public static final String IMPLEMENTATION_VERSION_NAME = "NETRA_0.1";

    /** How sequences and items are delimited. */
    public enum SequenceLengths {
        /** Lengths written up front. */
        DEFINED,
        /** Undefined lengths closed by delimitation items. */
        UNDEFINED
    }

    private static final int ITEM = 0xfffee000;
    private static final int ITEM_END = 0xfffee00d;
    private static final int SEQUENCE_END = 0xfffee0dd;

    private DicomWriter() {}

    public static void write(Path file, Attributes dataset) throws IOException {
        Files.write(file, toBytes(dataset, SequenceLengths.DEFINED));
    }

    /**
     * The bytes of a Part 10 file holding {@code dataset}; its SOP Class and Instance UIDs fill the file
     * meta information.
     */
    public static byte[] toBytes(Attributes dataset, SequenceLengths sequences) {
        String sopClass = dataset.string(Tag.SOP_CLASS_UID)
                .orElseThrow(() ->
                        new IllegalArgumentException("cannot write a DICOM file without SOP Class UID (0008,0016)"));
        String sopInstance = dataset.string(Tag.SOP_INSTANCE_UID)
                .orElseThrow(() ->
                        new IllegalArgumentException("cannot write a DICOM file without SOP Instance UID (0008,0018)"));
        Attributes meta = Attributes.builder()
                .setBytes(Tag.FILE_META_INFORMATION_VERSION, Vr.OB, new byte[] {0, 1})
                .setString(Tag.MEDIA_STORAGE_SOP_CLASS_UID, Vr.UI, sopClass)
                .setString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, Vr.UI, sopInstance)
                .setString(Tag.TRANSFER_SYNTAX_UID, Vr.UI, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .setString(Tag.IMPLEMENTATION_CLASS_UID, Vr.UI, IMPLEMENTATION_CLASS_UID)
                .setString(Tag.IMPLEMENTATION_VERSION_NAME, Vr.SH, IMPLEMENTATION_VERSION_NAME)
                .build();
        var metaBytes = new ByteArrayOutputStream();
        writeDataSet(meta, metaBytes, sequences, true);
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes(new byte[] {'D', 'I', 'C', 'M'});
        header(out, Tag.FILE_META_INFORMATION_GROUP_LENGTH, Vr.UL, 4);
        le32(out, metaBytes.size());
        out.writeBytes(metaBytes.toByteArray());
        writeDataSet(dataset, out, sequences, false);
        return out.toByteArray();
    }

    private static void writeDataSet(
            Attributes attributes, ByteArrayOutputStream out, SequenceLengths sequences, boolean meta) {
        Attributes ds = attributes.bigEndian() ? attributes.toBuilder().build() : attributes;
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tag.element(tag) == 0 || (!meta && Tag.group(tag) == 0x0002)) {
                continue;
            }
            Vr vr = ds.vrAt(i);
            Object nested = ds.nestedAt(i);
            if (nested instanceof Fragments) {
                throw new IllegalArgumentException("encapsulated (compressed) pixel data in " + ds.source()
                        + " cannot be written as explicit VR little endian; decode it into native pixel data first");
            }
            if (nested instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Attributes> items = (List<Attributes>) list;
                writeSequence(tag, items, out, sequences);
                continue;
            }
            int length = ds.lengthAt(i);
            int padded = length + (length & 1);
            if (!vr.longLength() && padded > 0xffff) {
                throw new IllegalArgumentException("element " + Tag.toString(tag) + " (" + vr + ") of " + length
                        + " bytes is too long for its VR (at most 65534)");
            }
            header(out, tag, vr, padded);
            out.write(ds.bufferAt(i), ds.offsetAt(i), length);
            if ((length & 1) == 1) {
                out.write(vr.padding());
            }
        }
    }

    private static void writeSequence(
            int tag, List<Attributes> items, ByteArrayOutputStream out, SequenceLengths sequences) {
        if (sequences == SequenceLengths.UNDEFINED) {
            header(out, tag, Vr.SQ, -1);
            for (Attributes item : items) {
                itemHeader(out, ITEM, -1);
                writeDataSet(item, out, sequences, false);
                itemHeader(out, ITEM_END, 0);
            }
            itemHeader(out, SEQUENCE_END, 0);
            return;
        }
        var body = new ByteArrayOutputStream();
        for (Attributes item : items) {
            var itemBytes = new ByteArrayOutputStream();
            writeDataSet(item, itemBytes, sequences, false);
            itemHeader(body, ITEM, itemBytes.size());
            body.writeBytes(itemBytes.toByteArray());
        }
        header(out, tag, Vr.SQ, body.size());
        out.writeBytes(body.toByteArray());
    }

    /** An explicit VR little endian element header; a length of -1 is undefined (FFFFFFFF). */
    private static void header(ByteArrayOutputStream out, int tag, Vr vr, int length) {
        le16(out, Tag.group(tag));
        le16(out, Tag.element(tag));
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.longLength()) {
            le16(out, 0);
            le32(out, length);
        } else {
            le16(out, length);
        }
    }

    private static void itemHeader(ByteArrayOutputStream out, int tag, int length) {
        le16(out, Tag.group(tag));
        le16(out, Tag.element(tag));
        le32(out, length);
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v & 0xffff);
        le16(out, v >>> 16);
    }
}

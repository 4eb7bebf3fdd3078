package org.netra.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Parses a Part 10 file held in memory (PS3.10 section 7, PS3.5 sections 7 to 10). Every length is
 * checked against the bytes that remain before anything is allocated for it, and nesting is bounded,
 * so malformed input ends in a {@link DicomParseException} naming the offset, never a hang or an
 * out-of-memory error.
 */
final class DicomReader {
    /** Sequences nested deeper than this are refused (real files nest fewer than ten levels). */
    static final int MAX_DEPTH = 32;
    /** A deflated data set may not inflate beyond this (guards against decompression bombs). */
    static final int MAX_INFLATED_BYTES = 1 << 30;

    private static final long UNDEFINED = 0xffffffffL;
    private static final int ITEM = 0xfffee000;
    private static final int ITEM_END = 0xfffee00d;
    private static final int SEQUENCE_END = 0xfffee0dd;

    private enum Mode {
        META,
        TOP,
        ITEM_DEFINED,
        ITEM_UNDEFINED
    }

    private final String source;
    private final boolean headerOnly;
    private final boolean lenient;
    private final List<ReadWarning> warnings = new ArrayList<>();
    private byte[] b;
    /** The length of the whole file; more than {@code b.length} when only its start was read. */
    private final long fileLength;

    private int pos;
    /** Where the current buffer starts in the file (non-zero after inflating a deflated data set). */
    private long fileOffset;

    private boolean bigEndian;
    private boolean explicit;

    DicomReader(byte[] bytes, String source, boolean headerOnly, boolean lenient) {
        this(bytes, bytes.length, source, headerOnly, lenient);
    }

    /**
     * A reader of {@code bytes}, the first bytes of a file of {@code fileLength} bytes: a header-only read needs
     * no more than the elements before the pixel data. Where the header runs past the bytes given, or anything
     * else is wrong, the read fails and the caller reads the whole file again, whose error is then the one told.
     */
    DicomReader(byte[] bytes, long fileLength, String source, boolean headerOnly, boolean lenient) {
        if (fileLength < bytes.length || (!headerOnly && fileLength != bytes.length)) {
            throw new IllegalArgumentException("a whole file, or the start of one for a header-only read");
        }
        this.b = bytes;
        this.fileLength = fileLength;
        this.source = source;
        this.headerOnly = headerOnly;
        this.lenient = lenient;
    }

    /** Whether only the start of the file is held (a header-only read of a file longer than its header). */
    private boolean prefixOnly() {
        return fileLength > b.length;
    }

    DicomFile read() throws DicomParseException {
        if (b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M') {
            pos = 132;
        } else if (plausibleDataSetStart()) {
            pos = 0;
        } else {
            throw new NotDicomException(source);
        }
        Attributes meta;
        if (b.length - pos >= 8 && u16le(pos) == 0x0002) {
            bigEndian = false;
            explicit = Vr.of(b[pos + 4], b[pos + 5]) != null;
            meta = readDataSet(b.length, 0, SpecificCharacterSet.DEFAULT, Mode.META);
        } else {
            meta = new Attributes.Builder(source, false, SpecificCharacterSet.DEFAULT).build();
        }
        TransferSyntax ts =
                meta.string(Tag.TRANSFER_SYNTAX_UID).map(TransferSyntax::of).orElseGet(this::guessTransferSyntax);
        if (ts.deflated()) {
            inflateRest();
        }
        bigEndian = ts.bigEndian();
        explicit = ts.explicitVr();
        Attributes dataset = readDataSet(b.length, 0, SpecificCharacterSet.DEFAULT, Mode.TOP);
        return new DicomFile(source, meta, dataset, ts, warnings);
    }

    /** A file without preamble: accept it when it opens with a group 0002 or 0008 element (LE). */
    private boolean plausibleDataSetStart() {
        if (b.length < 8) {
            return false;
        }
        int group = u16le(0);
        int element = u16le(2);
        return (group == 0x0002 || group == 0x0008) && element <= 0x0020;
    }

    /** Without file meta: explicit VR when the bytes after the first tag spell a VR, else implicit. */
    private TransferSyntax guessTransferSyntax() {
        if (b.length - pos >= 8 && Vr.of(b[pos + 4], b[pos + 5]) != null) {
            return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        }
        return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }

    private void inflateRest() throws DicomParseException {
        var inflater = new Inflater(true);
        try {
            inflater.setInput(b, pos, b.length - pos);
            var out = new ByteArrayOutputStream(Math.max(64, 4 * (b.length - pos)));
            byte[] chunk = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw error(pos, "the deflated data set ends before its end of stream");
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_INFLATED_BYTES) {
                    throw error(pos, "the deflated data set inflates beyond " + MAX_INFLATED_BYTES + " bytes");
                }
            }
            fileOffset = pos;
            b = out.toByteArray();
            pos = 0;
        } catch (DataFormatException e) {
            throw new DicomParseException(source, pos, "the deflated data set is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private Attributes readDataSet(int end, int depth, SpecificCharacterSet inherited, Mode mode)
            throws DicomParseException {
        return readDataSet(end, depth, inherited, mode, -1);
    }

    private Attributes readDataSet(int end, int depth, SpecificCharacterSet inherited, Mode mode, long itemStart)
            throws DicomParseException {
        var out = new Attributes.Builder(source, bigEndian, inherited);
        out.itemOffset(itemStart);
        SpecificCharacterSet charset = inherited;
        int pixelRepresentation = -1;
        while (true) {
            if (pos >= end) {
                if (mode == Mode.ITEM_UNDEFINED) {
                    throw error(pos, "an item of undefined length ends without an item delimitation (FFFE,E00D)");
                }
                if (mode == Mode.TOP && prefixOnly()) {
                    throw error(pos, "the data set runs past the " + b.length + " bytes read of its start");
                }
                break;
            }
            int start = pos;
            if (end - pos < 8) {
                throw error(pos, "truncated element header: " + (end - pos) + " bytes left, 8 needed");
            }
            int tag = tag(pos);
            if (mode == Mode.META && Tag.group(tag) != 0x0002) {
                break;
            }
            if (tag == SEQUENCE_END && lenient) {
                if (mode == Mode.ITEM_UNDEFINED) {
                    // the writer left out the item delimitation: the sequence's end closes the item too
                    warnings.add(new ReadWarning.ItemWithoutDelimiter(source, fileOffset + pos));
                    break;
                }
                warnings.add(new ReadWarning.StraySequenceDelimiter(source, fileOffset + pos));
                pos += 8;
                continue;
            }
            if (tag == ITEM_END) {
                if (mode != Mode.ITEM_UNDEFINED) {
                    throw error(pos, "item delimitation (FFFE,E00D) outside an item of undefined length");
                }
                pos += 8;
                break;
            }
            if (Tag.group(tag) == 0xfffe) {
                throw error(pos, "unexpected " + Tag.toString(tag) + " where a data element should start");
            }
            if (headerOnly && mode == Mode.TOP && Integer.compareUnsigned(tag, Tag.PIXEL_DATA) >= 0) {
                if (tag == Tag.PIXEL_DATA) {
                    requirePixelDataFits(end);
                }
                break;
            }
            Vr vr;
            long length;
            boolean fromUnknown = false;
            if (explicit) {
                vr = Vr.of(b[pos + 4], b[pos + 5]);
                if (vr == null) {
                    throw error(
                            pos + 4,
                            "invalid VR '" + printable(b[pos + 4]) + printable(b[pos + 5]) + "' for element "
                                    + Tag.toString(tag) + " (the file may not be in the transfer syntax it declares)");
                }
                if (vr.longLength()) {
                    if (end - pos < 12) {
                        throw error(pos, "truncated element header of " + Tag.toString(tag));
                    }
                    length = u32(pos + 8);
                    pos += 12;
                } else {
                    length = u16(pos + 6);
                    pos += 8;
                }
                if (vr == Vr.UN && length != UNDEFINED) {
                    // a node that did not know the tag wrote UN; its value is as the tag's real VR would be
                    // in implicit VR little endian (PS3.5 6.2.2), so the dictionary's VR reads it whole
                    Vr known = DataDictionary.standard().implicitVr(tag);
                    if (known != Vr.UN) {
                        vr = known;
                        fromUnknown = true;
                    }
                }
            } else {
                // the dictionary (a 200 KB table) is parsed on first use: explicit VR files never need it
                vr = DataDictionary.standard().implicitVr(tag);
                length = u32(pos + 4);
                pos += 8;
            }
            if (length == UNDEFINED) {
                if (tag == Tag.PIXEL_DATA && mode == Mode.TOP) {
                    out.put(tag, Vr.OB, null, 0, 0, readFragments(end));
                } else if (vr == Vr.SQ || vr == Vr.UN || !explicit) {
                    out.put(tag, Vr.SQ, null, 0, 0, readItems(tag, -1, end, depth + 1, charset, vr == Vr.UN));
                } else {
                    throw error(start, "element " + Tag.toString(tag) + " (" + vr + ") has an undefined length");
                }
                continue;
            }
            if (length > end - pos) {
                throw error(
                        start,
                        "element " + Tag.toString(tag) + " declares " + length + " bytes but only " + (end - pos)
                                + " remain"
                                + (mode == Mode.TOP || mode == Mode.META ? " in the file" : " in its item"));
            }
            int valueEnd = pos + (int) length;
            if (vr == Vr.SQ) {
                out.put(tag, Vr.SQ, null, 0, 0, readItems(tag, valueEnd, valueEnd, depth + 1, charset, fromUnknown));
                pos = valueEnd;
                continue;
            }
            if (lenient && LenientValues.checked(vr)) {
                putChecked(out, start, tag, vr, (int) length);
            } else {
                out.put(tag, vr, b, pos, (int) length, null);
            }
            if (tag == Tag.SPECIFIC_CHARACTER_SET) {
                charset = SpecificCharacterSet.of(new String(b, pos, (int) length, StandardCharsets.ISO_8859_1));
                out.charset(charset);
            } else if (tag == Tag.PIXEL_REPRESENTATION && length >= 2 && vr == Vr.US) {
                pixelRepresentation = u16(pos);
            }
            pos = valueEnd;
        }
        if (!explicit && pixelRepresentation == 1) {
            out.retypeAmbiguous(DataDictionary.standard());
        }
        return out.build();
    }

    /**
     * A header-only read still checks that the pixel data element's declared length (or its fragment items)
     * fits in the file, so that a file cut short in its pixel data is not listed as a readable image.
     */
    private void requirePixelDataFits(int end) throws DicomParseException {
        int start = pos;
        long length;
        int header;
        if (explicit) {
            Vr vr = Vr.of(b[pos + 4], b[pos + 5]);
            boolean longLength = vr == null || vr.longLength();
            if (longLength && end - pos < 12) {
                throw error(pos, "truncated element header of " + Tag.toString(Tag.PIXEL_DATA));
            }
            length = longLength ? u32(pos + 8) : u16(pos + 6);
            header = longLength ? 12 : 8;
        } else {
            length = u32(pos + 4);
            header = 8;
        }
        // in the whole file: the bytes held may be only its start
        long remain = (prefixOnly() ? fileLength : end) - pos - header;
        if (length == UNDEFINED) {
            pos += header;
            readFragments(end);
        } else if (length > remain) {
            throw error(
                    start,
                    "element " + Tag.toString(Tag.PIXEL_DATA) + " declares " + length + " bytes but only " + remain
                            + " remain in the file");
        }
        pos = start;
    }

    /** Puts a numeric, date or time value, or its repair and a warning where it does not fit its VR. */
    private void putChecked(Attributes.Builder out, int start, int tag, Vr vr, int length) {
        String raw = new String(b, pos, length, StandardCharsets.ISO_8859_1);
        String repaired = LenientValues.repair(vr, raw);
        if (repaired == null) {
            out.put(tag, vr, b, pos, length, null);
            return;
        }
        warnings.add(new ReadWarning.InvalidValue(source, fileOffset + start, tag, vr, raw.strip(), repaired));
        byte[] value = repaired.getBytes(StandardCharsets.ISO_8859_1);
        out.put(tag, vr, value, 0, value.length, null);
    }

    /** The items of a sequence: up to {@code definedEnd}, or (if it is -1) up to a sequence delimitation. */
    private List<Attributes> readItems(
            int sequenceTag, int definedEnd, int limit, int depth, SpecificCharacterSet charset, boolean unknown)
            throws DicomParseException {
        if (depth > MAX_DEPTH) {
            throw error(
                    pos,
                    "sequences nested deeper than " + MAX_DEPTH + " levels (in " + Tag.toString(sequenceTag) + ")");
        }
        boolean savedExplicit = explicit;
        boolean savedBigEndian = bigEndian;
        if (unknown) {
            // an UN of undefined length holds implicit VR little endian items (PS3.5 6.2.2)
            explicit = false;
            bigEndian = false;
        }
        List<Attributes> items = new ArrayList<>();
        int end = definedEnd < 0 ? limit : definedEnd;
        while (true) {
            if (definedEnd >= 0 && pos >= definedEnd) {
                break;
            }
            if (end - pos < 8) {
                throw error(
                        pos,
                        "sequence " + Tag.toString(sequenceTag)
                                + (definedEnd < 0
                                        ? " ends without a sequence delimitation (FFFE,E0DD)"
                                        : " is truncated"));
            }
            int tag = tag(pos);
            long length = u32(pos + 4);
            if (tag == SEQUENCE_END) {
                pos += 8;
                if (definedEnd < 0) {
                    break;
                }
                continue;
            }
            if (tag != ITEM) {
                throw error(
                        pos,
                        "expected an item (FFFE,E000) in sequence " + Tag.toString(sequenceTag) + ", found "
                                + Tag.toString(tag));
            }
            long itemStart = fileOffset + pos;
            pos += 8;
            if (length == UNDEFINED) {
                items.add(readDataSet(end, depth, charset, Mode.ITEM_UNDEFINED, itemStart));
            } else {
                if (length > end - pos) {
                    throw error(pos - 8, "item declares " + length + " bytes but only " + (end - pos) + " remain");
                }
                int itemEnd = pos + (int) length;
                items.add(readDataSet(itemEnd, depth, charset, Mode.ITEM_DEFINED, itemStart));
                pos = itemEnd;
            }
        }
        explicit = savedExplicit;
        bigEndian = savedBigEndian;
        return List.copyOf(items);
    }

    /** Encapsulated pixel data: a basic offset table item, then fragment items, then a delimitation. */
    private Fragments readFragments(int end) throws DicomParseException {
        long[] table = null;
        int[] offsets = new int[4];
        int[] lengths = new int[4];
        int n = 0;
        while (true) {
            if (end - pos < 8) {
                throw error(pos, "encapsulated pixel data ends without a sequence delimitation (FFFE,E0DD)");
            }
            int tag = tag(pos);
            long length = u32(pos + 4);
            if (tag == SEQUENCE_END) {
                pos += 8;
                break;
            }
            if (tag != ITEM) {
                throw error(pos, "expected a pixel data item (FFFE,E000), found " + Tag.toString(tag));
            }
            if (length == UNDEFINED && lenient) {
                length = untilNextItem(pos + 8, end) - (pos + 8);
                warnings.add(new ReadWarning.UndefinedLengthFragment(source, fileOffset + pos));
            }
            if (length > end - pos - 8) {
                throw error(
                        pos, "pixel data item declares " + length + " bytes but only " + (end - pos - 8) + " remain");
            }
            pos += 8;
            if (table == null) {
                table = new long[(int) length / 4];
                for (int i = 0; i < table.length; i++) {
                    table[i] = u32le(pos + 4 * i);
                }
            } else {
                if (n == offsets.length) {
                    offsets = Arrays.copyOf(offsets, 2 * n);
                    lengths = Arrays.copyOf(lengths, 2 * n);
                }
                offsets[n] = pos;
                lengths[n] = (int) length;
                n++;
            }
            pos += (int) length;
        }
        return new Fragments(
                source, b, table == null ? new long[0] : table, Arrays.copyOf(offsets, n), Arrays.copyOf(lengths, n));
    }

    /** Where the next (FFFE,E000) item or (FFFE,E0DD) delimitation tag starts (little endian), or {@code end}. */
    private int untilNextItem(int from, int end) {
        for (int i = from; i + 8 <= end; i++) {
            if ((b[i] & 0xff) == 0xfe
                    && (b[i + 1] & 0xff) == 0xff
                    && ((b[i + 2] & 0xff) == 0x00 || (b[i + 2] & 0xff) == 0xdd)
                    && (b[i + 3] & 0xff) == 0xe0) {
                return i;
            }
        }
        return end;
    }

    private DicomParseException error(int at, String problem) {
        return new DicomParseException(source, fileOffset + at, problem);
    }

    private static String printable(byte c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02X", c & 0xff);
    }

    private int tag(int at) {
        return (u16(at) << 16) | u16(at + 2);
    }

    private int u16(int at) {
        return bigEndian ? ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff) : u16le(at);
    }

    private int u16le(int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
    }

    private long u32(int at) {
        if (bigEndian) {
            return ((long) (b[at] & 0xff) << 24)
                    | ((b[at + 1] & 0xff) << 16)
                    | ((b[at + 2] & 0xff) << 8)
                    | (b[at + 3] & 0xff);
        }
        return u32le(at);
    }

    /** Offset tables are little endian in every encapsulated transfer syntax. */
    private long u32le(int at) {
        return (b[at] & 0xff)
                | ((b[at + 1] & 0xff) << 8)
                | ((b[at + 2] & 0xff) << 16)
                | ((long) (b[at + 3] & 0xff) << 24);
    }
}

package org.netra.imaging.dicom;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes text under a Specific Character Set (0008,0005), including ISO 2022 code extensions (PS3.3
 * C.12.1.1.2, PS3.5 6.1.2.5): escape sequences switch the G0 set (ASCII, JIS X 0201 romaji, the two-byte
 * JIS X 0208 and JIS X 0212 of ISO 2022 IR 87 and IR 159) and the G1 set (ISO 8859 parts, JIS X 0201
 * katakana, KS X 1001 of ISO 2022 IR 149, GB 2312 of ISO 2022 IR 58), and the sets named by the first
 * value come back at each line end, each backslash between values and, in a person name, each '^' and '='
 * (PS3.5 6.1.2.5.3). Values without code extensions decode with one Java charset.
 */
final class SpecificCharacterSet {
    /** The default repertoire: ASCII read as Latin-1, so stray 8-bit bytes survive. */
    static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(StandardCharsets.ISO_8859_1, null);

    private static final byte ESC = 0x1b;
    private static final Charset EUC_JP = Charset.forName("EUC-JP");
    private static final Charset EUC_KR = Charset.forName("EUC-KR");
    private static final Charset GB2312 = Charset.forName("GB2312");

    /** A graphic set that an escape sequence designates. */
    private enum Set {
        ASCII,
        /** JIS X 0201 romaji (ISO-IR 14): as ASCII, keeping 0x5C the backslash delimiter, as pydicom does. */
        ROMAJI,
        JIS_X0208,
        JIS_X0212,
        /** JIS X 0201 katakana (ISO-IR 13), in G1. */
        KATAKANA,
        KS_X1001,
        GB_2312,
        /** The right half of an ISO 8859 part (or TIS 620), in G1. */
        SINGLE_BYTE
    }

    private final Charset charset;
    /** The initial G1 set and its charset under code extensions; null when no extension is in use. */
    private final Initial initial;

    private record Initial(Set g0, Set g1, Charset g1Charset) {}

    private SpecificCharacterSet(Charset charset, Initial initial) {
        this.charset = charset;
        this.initial = initial;
    }

    /** The Specific Character Set value as written, e.g. {@code \ISO 2022 IR 87}. */
    static SpecificCharacterSet of(String value) {
        String[] terms = value.split("\\\\", -1);
        boolean extensions = false;
        for (String t : terms) {
            extensions |= t.strip().startsWith("ISO 2022");
        }
        if (!extensions) {
            return new SpecificCharacterSet(CharacterSets.of(value), null);
        }
        String first = terms[0].strip().toUpperCase(Locale.ROOT);
        Initial start =
                switch (first) {
                    case "ISO 2022 IR 13" -> new Initial(Set.ROMAJI, Set.KATAKANA, null);
                    case "ISO 2022 IR 149" -> new Initial(Set.ASCII, Set.KS_X1001, EUC_KR);
                    case "ISO 2022 IR 58" -> new Initial(Set.ASCII, Set.GB_2312, GB2312);
                    case "", "ISO 2022 IR 6" -> new Initial(Set.ASCII, null, null);
                    default -> {
                        Charset single = CharacterSets.of(first);
                        yield single.equals(StandardCharsets.ISO_8859_1) && !first.endsWith("IR 100")
                                ? new Initial(Set.ASCII, null, null)
                                : new Initial(Set.ASCII, Set.SINGLE_BYTE, single);
                    }
                };
        return new SpecificCharacterSet(
                start.g1Charset() == null ? StandardCharsets.ISO_8859_1 : start.g1Charset(), start);
    }

    /** The charset of the first value: what text is encoded in when netra writes it. */
    Charset charset() {
        return charset;
    }

    /** Decodes a text value; {@code personName} adds '^' and '=' to the points where the initial sets return. */
    String decode(byte[] b, int offset, int length, boolean personName) {
        if (initial == null) {
            return new String(b, offset, length, charset);
        }
        var out = new StringBuilder(length);
        Set g0 = initial.g0();
        Set g1 = initial.g1();
        Charset g1Charset = initial.g1Charset();
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c == ESC) {
                int consumed = 1;
                {
                    // the escape sequences of PS3.3 tables C.12-3 and C.12-4; an unknown one drops its ESC
                    String seq = sequence(b, i + 1, Math.min(end, i + 4));
                    if (seq.startsWith("(B")) {
                        g0 = Set.ASCII;
                        consumed = 3;
                    } else if (seq.startsWith("(J")) {
                        g0 = Set.ROMAJI;
                        consumed = 3;
                    } else if (seq.startsWith(")I")) {
                        g1 = Set.KATAKANA;
                        consumed = 3;
                    } else if (seq.startsWith("$B") || seq.startsWith("$@")) {
                        g0 = Set.JIS_X0208;
                        consumed = 3;
                    } else if (seq.startsWith("$(D")) {
                        g0 = Set.JIS_X0212;
                        consumed = 4;
                    } else if (seq.startsWith("$)C")) {
                        g1 = Set.KS_X1001;
                        g1Charset = EUC_KR;
                        consumed = 4;
                    } else if (seq.startsWith("$)A")) {
                        g1 = Set.GB_2312;
                        g1Charset = GB2312;
                        consumed = 4;
                    } else if (seq.length() >= 2 && seq.charAt(0) == '-' && part(seq.charAt(1)) != null) {
                        g1 = Set.SINGLE_BYTE;
                        g1Charset = part(seq.charAt(1));
                        consumed = 3;
                    }
                }
                i += consumed;
                continue;
            }
            if (c < 0x80) {
                boolean twoByte = g0 == Set.JIS_X0208 || g0 == Set.JIS_X0212;
                if (twoByte && c >= 0x21 && c <= 0x7e && i + 1 < end) {
                    byte[] euc = g0 == Set.JIS_X0208
                            ? new byte[] {(byte) (c | 0x80), (byte) (b[i + 1] | 0x80)}
                            : new byte[] {(byte) 0x8f, (byte) (c | 0x80), (byte) (b[i + 1] | 0x80)};
                    out.append(decodeOrReplace(euc, EUC_JP));
                    i += 2;
                    continue;
                }
                out.append((char) c);
                if (c == '\\' || c == '\r' || c == '\n' || c == '\f' || (personName && (c == '^' || c == '='))) {
                    g0 = initial.g0();
                    g1 = initial.g1();
                    g1Charset = initial.g1Charset();
                }
                i++;
                continue;
            }
            if (g1 == Set.KS_X1001 || g1 == Set.GB_2312) {
                if (i + 1 < end) {
                    out.append(decodeOrReplace(new byte[] {(byte) c, b[i + 1]}, g1Charset));
                    i += 2;
                } else {
                    out.append('\ufffd');
                    i++;
                }
            } else if (g1 == Set.KATAKANA) {
                out.append(c >= 0xa1 && c <= 0xdf ? (char) (0xff61 + c - 0xa1) : '\ufffd');
                i++;
            } else if (g1 == Set.SINGLE_BYTE) {
                out.append(new String(b, i, 1, g1Charset));
                i++;
            } else {
                // no G1 set invoked: keep the byte as Latin-1 rather than lose it
                out.append((char) c);
                i++;
            }
        }
        return out.toString();
    }

    private static String sequence(byte[] b, int from, int to) {
        return new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
    }

    /** The ISO 8859 part (or TIS 620) that {@code ESC - F} designates to G1 (PS3.3 table C.12-3). */
    private static Charset part(char f) {
        return switch (f) {
            case 'A' -> StandardCharsets.ISO_8859_1;
            case 'B' -> Charset.forName("ISO-8859-2");
            case 'C' -> Charset.forName("ISO-8859-3");
            case 'D' -> Charset.forName("ISO-8859-4");
            case 'F' -> Charset.forName("ISO-8859-7");
            case 'G' -> Charset.forName("ISO-8859-6");
            case 'H' -> Charset.forName("ISO-8859-8");
            case 'L' -> Charset.forName("ISO-8859-5");
            case 'M' -> Charset.forName("ISO-8859-9");
            case 'T' -> Charset.forName("x-IBM874");
            default -> null;
        };
    }

    private static String decodeOrReplace(byte[] bytes, Charset cs) {
        try {
            return cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return "\ufffd";
        }
    }
}

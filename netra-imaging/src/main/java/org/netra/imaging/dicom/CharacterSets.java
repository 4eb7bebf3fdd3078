package org.netra.imaging.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Specific Character Set (0008,0005) to Java charsets (PS3.3 C.12.1.1.2) for single-byte and UTF-8
 * repertoires. ISO 2022 code extensions are not switched: their default repertoire is used.
 */
final class CharacterSets {
    private CharacterSets() {}

    static Charset of(String specificCharacterSet) {
        String[] values = specificCharacterSet.split("\\\\", -1);
        String first = values[0].strip();
        if (first.isEmpty() && values.length > 1) {
            // an empty first value is the default repertoire with code extensions: the second names them
            first = values[1].strip();
        }
        String name = first.replace("ISO 2022 ", "").replace("ISO 2022", "");
        return switch (name) {
            case "ISO_IR 192" -> StandardCharsets.UTF_8;
            case "ISO_IR 101", "IR 101" -> Charset.forName("ISO-8859-2");
            case "ISO_IR 109", "IR 109" -> Charset.forName("ISO-8859-3");
            case "ISO_IR 110", "IR 110" -> Charset.forName("ISO-8859-4");
            case "ISO_IR 144", "IR 144" -> Charset.forName("ISO-8859-5");
            case "ISO_IR 127", "IR 127" -> Charset.forName("ISO-8859-6");
            case "ISO_IR 126", "IR 126" -> Charset.forName("ISO-8859-7");
            case "ISO_IR 138", "IR 138" -> Charset.forName("ISO-8859-8");
            case "ISO_IR 148", "IR 148" -> Charset.forName("ISO-8859-9");
            case "ISO_IR 166", "IR 166" -> Charset.forName("x-IBM874");
            case "GB18030" -> Charset.forName("GB18030");
            case "GBK" -> Charset.forName("GBK");
            // the default repertoire is ASCII; Latin-1 reads it identically and survives stray 8-bit bytes
            default -> StandardCharsets.ISO_8859_1;
        };
    }
}

package org.netra.interop.dicom;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as DICOM Decimal Strings (DS): at most 16 characters, as many significant digits as fit. */
final class DecimalStrings {
    private DecimalStrings() {}

    static String of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a DICOM decimal string cannot hold " + value);
        }
        if (value == 0) {
            return "0";
        }
        for (int digits = 16; digits >= 1; digits--) {
            BigDecimal d = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
            String plain = d.toPlainString();
            if (plain.length() <= 16) {
                return plain;
            }
            String sci = d.toString().replace("E+", "E");
            if (sci.length() <= 16) {
                return sci;
            }
        }
        throw new IllegalArgumentException("cannot write " + value + " as a DICOM decimal string");
    }

    static String[] all(double... values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = of(values[i]);
        }
        return out;
    }
}

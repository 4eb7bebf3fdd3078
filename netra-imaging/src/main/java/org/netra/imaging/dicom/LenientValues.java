package org.netra.imaging.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * The lenient reader's repairs of IS, DS, DA, TM and DT values that do not fit their VR (PS3.5 6.2).
 * Numbers keep their numeric prefix, as DCMTK's and the C library's number parsing do ("1A" is 1); a
 * number without one makes the element absent, as does an impossible date or time ("00000000"), since
 * no reader can say what it meant.
 */
final class LenientValues {
    private LenientValues() {}

    static boolean checked(Vr vr) {
        return vr == Vr.IS || vr == Vr.DS || vr == Vr.DA || vr == Vr.TM || vr == Vr.DT;
    }

    /** The repaired value ("" for absent), or null when the value is valid as it is. */
    static String repair(Vr vr, String raw) {
        String[] values = raw.split("\\\\", -1);
        List<String> out = new ArrayList<>(values.length);
        boolean changed = false;
        for (String v : values) {
            String value = Attributes.trim(v);
            if (value.isEmpty() || valid(vr, value)) {
                out.add(value);
                continue;
            }
            changed = true;
            String prefix =
                    switch (vr) {
                        case IS -> integerPrefix(value);
                        case DS -> decimalPrefix(value);
                        default -> "";
                    };
            if (prefix.isEmpty()) {
                // one value that cannot be read makes the element's value count and order meaningless
                return "";
            }
            out.add(prefix);
        }
        return changed ? String.join("\\", out) : null;
    }

    private static boolean valid(Vr vr, String value) {
        return switch (vr) {
            case IS -> integerPrefix(value).length() == value.length() && fitsInt(value);
            case DS -> decimalPrefix(value).length() == value.length();
            case DA -> parses(() -> DateTimes.date(value, LenientValues::invalid));
            case TM -> parses(() -> DateTimes.time(value, LenientValues::invalid));
            case DT -> parses(() -> DateTimes.dateTime(value, LenientValues::invalid));
            default -> true;
        };
    }

    private static boolean fitsInt(String value) {
        try {
            Integer.parseInt(value.startsWith("+") ? value.substring(1) : value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    private static InvalidValueException invalid() {
        return new InvalidValueException("(lenient check)", 0, "invalid");
    }

    /** The longest prefix of the form [+-]digits that fits an int, or "". */
    static String integerPrefix(String s) {
        int i = sign(s, 0);
        int digits = digits(s, i);
        if (digits == i) {
            return "";
        }
        String p = s.substring(0, digits);
        return fitsInt(p) ? p : "";
    }

    /** The longest prefix of the form [+-](digits[.digits]|.digits)[(e|E)[+-]digits], or "". */
    static String decimalPrefix(String s) {
        int i = sign(s, 0);
        int intEnd = digits(s, i);
        int end = intEnd;
        if (end < s.length() && s.charAt(end) == '.') {
            int fracEnd = digits(s, end + 1);
            if (fracEnd > end + 1 || intEnd > i) {
                end = fracEnd;
            }
        }
        if (end == i || (end == i + 1 && s.charAt(i) == '.')) {
            return "";
        }
        if (end < s.length() && (s.charAt(end) == 'e' || s.charAt(end) == 'E')) {
            int expStart = sign(s, end + 1);
            int expEnd = digits(s, expStart);
            if (expEnd > expStart) {
                end = expEnd;
            }
        }
        return s.substring(0, end);
    }

    private static int sign(String s, int at) {
        return at < s.length() && (s.charAt(at) == '+' || s.charAt(at) == '-') ? at + 1 : at;
    }

    private static int digits(String s, int at) {
        int i = at;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}

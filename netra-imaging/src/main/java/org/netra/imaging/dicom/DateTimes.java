package org.netra.imaging.dicom;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.function.Supplier;

/** Parsing of DICOM DA, TM and DT values (PS3.5 6.2) into java.time, partial values allowed. */
final class DateTimes {
    private DateTimes() {}

    static LocalDate date(String s, Supplier<InvalidValueException> invalid) {
        String d = s.replace(".", "");
        if (d.length() != 8 || !digits(d)) {
            throw invalid.get();
        }
        try {
            return LocalDate.of(num(d, 0, 4), num(d, 4, 6), num(d, 6, 8));
        } catch (DateTimeException e) {
            throw invalid.get();
        }
    }

    static LocalTime time(String s, Supplier<InvalidValueException> invalid) {
        String t = s.replace(":", "");
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        String fraction = dot < 0 ? "" : t.substring(dot + 1);
        if (whole.length() < 2 || whole.length() > 6 || whole.length() % 2 != 0 || !digits(whole)) {
            throw invalid.get();
        }
        if (fraction.length() > 9 || !digits(fraction)) {
            throw invalid.get();
        }
        try {
            int h = num(whole, 0, 2);
            int m = whole.length() >= 4 ? num(whole, 2, 4) : 0;
            int sec = whole.length() >= 6 ? num(whole, 4, 6) : 0;
            // a leap second (60) is allowed by DICOM but not by java.time: hold it at 59
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
            return LocalTime.of(h, m, Math.min(sec, 59), nanos);
        } catch (DateTimeException e) {
            throw invalid.get();
        }
    }

    static LocalDateTime dateTime(String s, Supplier<InvalidValueException> invalid) {
        String v = s;
        int sign = Math.max(v.indexOf('+'), v.indexOf('-'));
        if (sign >= 0) {
            v = v.substring(0, sign);
        }
        int dot = v.indexOf('.');
        String whole = dot < 0 ? v : v.substring(0, dot);
        if (whole.length() < 4 || !digits(whole)) {
            throw invalid.get();
        }
        try {
            int year = num(whole, 0, 4);
            int month = whole.length() >= 6 ? num(whole, 4, 6) : 1;
            int day = whole.length() >= 8 ? num(whole, 6, 8) : 1;
            LocalDate date = LocalDate.of(year, month, day);
            LocalTime time = whole.length() > 8 ? time(v.substring(8), invalid) : LocalTime.MIDNIGHT;
            return date.atTime(time);
        } catch (DateTimeException e) {
            throw invalid.get();
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }
}

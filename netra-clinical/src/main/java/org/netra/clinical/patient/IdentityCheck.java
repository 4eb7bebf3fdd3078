package org.netra.clinical.patient;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether images are of the patient whose chart they are about to join: the DICOM Patient ID must equal the
 * chart's id or one of the chart's identifiers (a hospital writes its MRN into the images it makes), and the name and birth date, where the DICOM carries them, must match the chart's. A DICOM
 * person name is {@code Family^Given^Middle^Prefix^Suffix}; it matches when its family and given names are
 * among the chart name's words (case, accents and order aside). One check for every surface that brings
 * images to a chart: a dosimetry job attached to a cycle, a referral written or read.
 */
public final class IdentityCheck {
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private IdentityCheck() {}

    /** Who the DICOM says the images are of; name and birth date empty where the header has none. */
    public record DicomIdentity(String patientId, Optional<String> personName, Optional<String> birthDate) {
        public DicomIdentity {
            patientId = patientId == null ? "" : patientId.strip();
            personName = personName == null
                    ? Optional.empty()
                    : personName.map(String::strip).filter(s -> !s.isEmpty());
            birthDate = birthDate == null
                    ? Optional.empty()
                    : birthDate.map(String::strip).filter(s -> !s.isEmpty());
        }
    }

    /** Images of another patient, with every difference found. */
    public static final class MismatchException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final List<String> differences;

        MismatchException(String message, List<String> differences) {
            super(message);
            this.differences = List.copyOf(differences);
        }

        public List<String> differences() {
            return differences;
        }
    }

    /** Every way the DICOM identity differs from the chart (empty: the same patient). */
    public static List<String> differences(Patient chart, String chartName, DicomIdentity dicom) {
        return differences(chart, chartName, List.of(), dicom);
    }

    /**
     * Every way the DICOM identity differs from the chart whose other identifiers are {@code identifiers}
     * (the Patient ID may be the chart's id or any of them, case, spaces and separators ignored).
     */
    public static List<String> differences(
            Patient chart, String chartName, List<Identifier> identifiers, DicomIdentity dicom) {
        List<String> out = new ArrayList<>();
        boolean known = dicom.patientId().equals(chart.id())
                || (!dicom.patientId().isEmpty()
                        && identifiers.stream().anyMatch(i -> i.sameAs(new Identifier(i.system(), dicom.patientId()))));
        if (!known) {
            out.add("Patient ID '" + dicom.patientId() + "' is neither the chart's '" + chart.id() + "'"
                    + identifiers.stream()
                            .map(i -> " nor its " + i.system() + " '" + i.value() + "'")
                            .collect(Collectors.joining()));
        }
        dicom.personName().ifPresent(pn -> {
            if (!sameName(pn, chartName)) {
                out.add("Patient's Name '" + pn + "' is not the chart's '" + chartName + "'");
            }
        });
        dicom.birthDate().ifPresent(da -> {
            Optional<LocalDate> born = parse(da);
            if (born.isEmpty()) {
                out.add("Patient's Birth Date '" + da + "' is not a DICOM date (YYYYMMDD)");
            } else if (!born.get().equals(chart.birthDate())) {
                out.add("Patient's Birth Date " + born.get() + " is not the chart's " + chart.birthDate());
            }
        });
        return List.copyOf(out);
    }

    /** Refuses images of another patient, naming {@code what} they are and every difference. */
    public static void require(Patient chart, String chartName, DicomIdentity dicom, String what) {
        require(chart, chartName, List.of(), dicom, what);
    }

    /** {@link #require}, the Patient ID matched against the chart's id and its {@code identifiers}. */
    public static void require(
            Patient chart, String chartName, List<Identifier> identifiers, DicomIdentity dicom, String what) {
        List<String> d = differences(chart, chartName, identifiers, dicom);
        if (!d.isEmpty()) {
            throw new MismatchException(
                    what + " is not of " + chartName + " (" + chart.id() + "): " + String.join("; ", d)
                            + ". Check that these are the right images, or correct the chart",
                    d);
        }
    }

    static boolean sameName(String personName, String chartName) {
        String[] parts = personName.split("\\^", -1);
        Set<String> chart = words(chartName);
        List<String> needed = new ArrayList<>();
        for (int i = 0; i < Math.min(2, parts.length); i++) {
            needed.addAll(words(parts[i]));
        }
        return !needed.isEmpty() && chart.containsAll(needed);
    }

    private static Set<String> words(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return Arrays.stream(plain.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .collect(Collectors.toSet());
    }

    private static Optional<LocalDate> parse(String da) {
        try {
            return Optional.of(LocalDate.parse(da, DA));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package org.netra.app.cli;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.Lesion;
import org.netra.clinical.diagnosis.Tracer;
import org.netra.clinical.eligibility.Candidate;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.LabUnit;
import org.netra.clinical.patient.Length;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.PriorTreatment;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TreatmentKind;
import org.netra.clinical.patient.TumourSite;
import org.netra.physics.quantity.Mass;

/** The JSON file of {@code netra eligibility --patient} (docs/eligibility-input.md), and its mapping to the domain. */
record EligibilityInput(
        String assessmentDate,
        PatientIn patient,
        TumourIn tumour,
        List<TreatmentIn> priorTreatments,
        List<LabIn> labs,
        List<PerformanceIn> performance,
        List<StudyIn> imaging,
        Boolean pregnant,
        Boolean breastfeeding) {
    record PatientIn(String id, String sex, String birthDate, List<WeightIn> weights, List<HeightIn> heights) {}

    record WeightIn(String date, double kg) {}

    record HeightIn(String date, double cm) {}

    record TumourIn(String site, String grade, Ki67In ki67) {}

    record Ki67In(double percent, String date) {}

    record TreatmentIn(String kind, String start, String end, String detail) {}

    record LabIn(String analyte, double value, String unit, String date) {}

    record PerformanceIn(String scale, int value, String date) {}

    record StudyIn(String id, String tracer, String injection, List<LesionIn> lesions) {}

    record LesionIn(String id, String organ, Boolean skeletal, Integer krenning, Double suvMax, Double suvPeak) {}

    LocalDate date() {
        return assessmentDate == null ? LocalDate.now() : day(assessmentDate, "assessmentDate");
    }

    Candidate toCandidate() {
        need(patient, "patient");
        need(tumour, "tumour");
        var p = new Patient(
                need(patient.id(), "patient.id"),
                enumOf(Sex.class, need(patient.sex(), "patient.sex"), "patient.sex"),
                day(need(patient.birthDate(), "patient.birthDate"), "patient.birthDate"),
                indexed(
                        list(patient.weights(), "patient.weights"),
                        (w, at) -> new Dated<>(
                                day(w.date(), "patient.weights" + at + ".date"),
                                Json.field("patient.weights" + at + ".kg", () -> Mass.ofKg(w.kg())))),
                indexed(
                        list(patient.heights(), "patient.heights"),
                        (h, at) -> new Dated<>(
                                day(h.date(), "patient.heights" + at + ".date"),
                                Json.field("patient.heights" + at + ".cm", () -> Length.ofCm(h.cm())))));
        var t = new PrimaryTumour(
                enumOf(TumourSite.class, need(tumour.site(), "tumour.site"), "tumour.site"),
                enumOf(Grade.class, need(tumour.grade(), "tumour.grade"), "tumour.grade"),
                Optional.ofNullable(tumour.ki67())
                        .map(k -> Json.field(
                                "tumour.ki67", () -> new Ki67(k.percent(), day(k.date(), "tumour.ki67.date")))));
        var treatments = list(priorTreatments, "priorTreatments").stream()
                .map(x -> new PriorTreatment(
                        enumOf(TreatmentKind.class, x.kind(), "priorTreatments[].kind"),
                        day(x.start(), "priorTreatments[].start"),
                        Optional.ofNullable(x.end()).map(e -> day(e, "priorTreatments[].end")),
                        x.detail()))
                .toList();
        var labResults = indexed(list(labs, "labs"), (l, at) -> {
            Analyte a = enumOf(Analyte.class, need(l.analyte(), "labs" + at + ".analyte"), "labs" + at + ".analyte");
            LabUnit u =
                    l.unit() == null ? a.unit() : Json.field("labs" + at + ".unit", () -> LabUnit.parse(l.unit(), a));
            LocalDate on = day(l.date(), "labs" + at + ".date");
            return Json.field("labs" + at + ".value", () -> LabResult.of(a, l.value(), u, on));
        });
        var ps = list(performance, "performance").stream()
                .map(x -> new Dated<PerformanceStatus>(
                        day(x.date(), "performance[].date"),
                        switch (need(x.scale(), "performance[].scale").toLowerCase(Locale.ROOT)) {
                            case "ecog" -> new PerformanceStatus.Ecog(x.value());
                            case "karnofsky" -> new PerformanceStatus.Karnofsky(x.value());
                            default ->
                                throw new IllegalArgumentException(
                                        "performance[].scale must be ecog or karnofsky, got " + x.scale());
                        }))
                .toList();
        var studies =
                list(imaging, "imaging").stream().map(EligibilityInput::study).toList();
        return new Candidate(
                p,
                t,
                treatments,
                new LabHistory(labResults),
                ps,
                studies,
                Optional.ofNullable(pregnant),
                Boolean.TRUE.equals(breastfeeding));
    }

    private static ImagingStudy study(StudyIn s) {
        Tracer tracer = enumOf(Tracer.class, need(s.tracer(), "imaging[].tracer"), "imaging[].tracer");
        ImagingProtocol protocol =
                switch (tracer) {
                    case IN111_PENTETREOTIDE -> ImagingProtocol.SomatostatinReceptorScintigraphy.standard();
                    case TC99M_DIPHOSPHONATE -> ImagingProtocol.BoneScintigraphy.standard();
                    case I123_MIBG, I131_MIBG ->
                        new ImagingProtocol.MibgScintigraphy(tracer, List.of(java.time.Duration.ofHours(24)));
                    default -> ImagingProtocol.PetCt.of(tracer);
                };
        String when = need(s.injection(), "imaging[].injection");
        LocalDateTime injection;
        try {
            injection = when.length() == 10 ? LocalDate.parse(when).atStartOfDay() : LocalDateTime.parse(when);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("imaging[].injection '" + when
                    + "' is not a date (2024-04-10) or date-time " + "(2024-04-10T09:30)");
        }
        var lesions = list(s.lesions(), "imaging[].lesions").stream()
                .map(l -> new Lesion(
                        l.id(),
                        l.organ() == null ? "" : l.organ(),
                        Boolean.TRUE.equals(l.skeletal()),
                        Optional.ofNullable(l.krenning()).map(KrenningScore::of),
                        Optional.ofNullable(l.suvMax()),
                        Optional.ofNullable(l.suvPeak())))
                .toList();
        return new ImagingStudy(need(s.id(), "imaging[].id"), protocol, injection, lesions, List.of());
    }

    /** Maps each entry with its index as written in a field path ("[2]"). */
    private static <T, R> List<R> indexed(List<T> in, java.util.function.BiFunction<T, String, R> map) {
        List<R> out = new java.util.ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            out.add(map.apply(in.get(i), "[" + i + "]"));
        }
        return out;
    }

    private static <T> List<T> list(List<T> l, String field) {
        if (l == null) {
            return List.of();
        }
        if (l.contains(null)) {
            throw new IllegalArgumentException("field '" + field + "' has a null entry (docs/eligibility-input.md)");
        }
        return l;
    }

    private static <T> T need(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is required (docs/eligibility-input.md)");
        }
        return value;
    }

    private static LocalDate day(String text, String field) {
        need(text, field);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "': '" + text + "' is not a date like 2024-05-02");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String text, String field) {
        need(text, field);
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        try {
            return Enum.valueOf(type, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "': '" + text + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                            .toList());
        }
    }
}

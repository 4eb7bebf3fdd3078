package org.netra.clinical.eligibility;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.Lesion;
import org.netra.clinical.eligibility.Criterion.Status;
import org.netra.clinical.followup.RenalFunction;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.Sex;
import org.netra.physics.quantity.Mass;

/** The PRRT eligibility check: every criterion of {@link EligibilityConfig}, explained. */
public final class Eligibility {
    private final EligibilityConfig config;

    public Eligibility(EligibilityConfig config) {
        this.config = config;
    }

    public static Eligibility withDefaults() {
        return new Eligibility(EligibilityConfig.DEFAULTS);
    }

    public Verdict assess(Candidate c, LocalDate asOf) {
        List<Criterion> all = new ArrayList<>();
        all.add(priorTherapy(c));
        all.add(uptake(c));
        all.add(performance(c, asOf));
        all.add(atLeast(c, asOf, Analyte.HAEMOGLOBIN, "haemoglobin", config.minHaemoglobin()));
        all.add(atLeast(c, asOf, Analyte.WHITE_BLOOD_CELLS, "white blood cells", config.minWhiteCells()));
        all.add(atLeast(c, asOf, Analyte.PLATELETS, "platelets", config.minPlatelets()));
        config.minNeutrophils().ifPresent(t -> all.add(atLeast(c, asOf, Analyte.NEUTROPHILS, "neutrophils", t)));
        all.add(creatinine(c, asOf));
        Clearance clearance = clearance(c, asOf);
        all.add(clearanceCriterion(clearance, config.minCreatinineClearance(), "creatinine clearance"));
        all.add(contraindicationClearance(clearance));
        all.add(ki67(c));
        all.add(pregnancy(c, asOf));
        all.add(breastfeeding(c));
        List<Criterion> failed =
                all.stream().filter(k -> k.status() == Status.NOT_MET).toList();
        if (!failed.isEmpty()) {
            return new Verdict.NotEligible(asOf, List.copyOf(all), failed);
        }
        List<Criterion> open = all.stream()
                .filter(k -> k.status() == Status.TEAM_DECISION || k.status() == Status.MISSING)
                .toList();
        if (!open.isEmpty()) {
            return new Verdict.NeedsTeamDecision(asOf, List.copyOf(all), open);
        }
        return new Verdict.Eligible(asOf, List.copyOf(all));
    }

    private Criterion priorTherapy(Candidate c) {
        var lines = c.priorTreatments().stream()
                .filter(t -> t.kind().isMedicalLine())
                .toList();
        String source = "DOMAIN.md §1: other treatments tried first; NETTER-1 required progression on octreotide LAR";
        if (!lines.isEmpty()) {
            var last = lines.get(lines.size() - 1);
            return new Criterion(
                    "prior therapy",
                    Status.MET,
                    lines.size() + " line(s), latest "
                            + last.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    "≥ 1 line before PRRT",
                    source,
                    Optional.of(last.start()),
                    false,
                    "other treatment was tried first");
        }
        return new Criterion(
                "prior therapy",
                config.priorTherapyRequired() ? Status.TEAM_DECISION : Status.MET,
                "none recorded",
                "≥ 1 line before PRRT",
                source,
                Optional.empty(),
                false,
                config.priorTherapyRequired()
                        ? "PRRT as first line is a team decision"
                        : "prior therapy not required by this configuration");
    }

    private Criterion uptake(Candidate c) {
        Threshold t = config.minKrenning();
        String threshold = "Krenning ≥ " + t.show();
        Optional<ImagingStudy> study = c.imaging().stream()
                .filter(s -> s.protocol().tracer().gradedByKrenning())
                .filter(s -> s.highestKrenning().isPresent())
                .max(Comparator.comparing(ImagingStudy::injection));
        if (study.isEmpty()) {
            return new Criterion(
                    "SSTR uptake",
                    Status.MISSING,
                    "no Krenning-scored SRS or SSTR PET",
                    threshold,
                    t.source(),
                    Optional.empty(),
                    false,
                    "somatostatin-receptor imaging with Krenning scores is needed");
        }
        ImagingStudy s = study.get();
        int highest = s.highestKrenning().orElseThrow().score();
        List<String> below = s.lesions().stream()
                .filter(l -> l.krenning().map(KrenningScore::score).orElse(99) < t.value())
                .map(Lesion::id)
                .toList();
        String value =
                "highest Krenning " + highest + " on " + s.protocol().tracer().label() + " (" + s.id() + ")";
        Optional<java.time.LocalDate> date = Optional.of(s.injection().toLocalDate());
        if (highest < t.value()) {
            return new Criterion(
                    "SSTR uptake",
                    Status.NOT_MET,
                    value,
                    threshold,
                    t.source(),
                    date,
                    false,
                    "uptake too low for PRRT to deliver a useful tumour dose");
        }
        if (!below.isEmpty()) {
            return new Criterion(
                    "SSTR uptake",
                    Status.TEAM_DECISION,
                    value + "; below threshold: " + below,
                    threshold,
                    t.source(),
                    date,
                    false,
                    "mixed uptake: lesions " + below + " would be under-treated");
        }
        return new Criterion(
                "SSTR uptake",
                Status.MET,
                value,
                threshold,
                t.source(),
                date,
                false,
                "all scored lesions at or above the threshold");
    }

    private Criterion performance(Candidate c, LocalDate asOf) {
        Optional<Dated<PerformanceStatus>> latest =
                c.performance().stream().filter(d -> !d.date().isAfter(asOf)).max(Comparator.comparing(Dated::date));
        String threshold = "Karnofsky ≥ " + config.minKarnofsky().show() + " / ECOG ≤ "
                + config.maxEcog().show();
        String source = config.minKarnofsky().source();
        if (latest.isEmpty()) {
            return new Criterion(
                    "performance status",
                    Status.MISSING,
                    "not recorded",
                    threshold,
                    source,
                    Optional.empty(),
                    false,
                    "record ECOG or Karnofsky");
        }
        var d = latest.get();
        boolean stale = stale(d.date(), asOf);
        String value;
        boolean ok;
        switch (d.value()) {
            case PerformanceStatus.Karnofsky k -> {
                value = "Karnofsky " + k.score();
                ok = k.score() >= config.minKarnofsky().value();
            }
            case PerformanceStatus.Ecog e -> {
                value = "ECOG " + e.grade();
                ok = e.grade() <= config.maxEcog().value();
            }
        }
        return judged("performance status", ok, value, threshold, source, d.date(), stale);
    }

    private Criterion atLeast(Candidate c, LocalDate asOf, Analyte analyte, String name, Threshold t) {
        Optional<LabResult> r = c.labs().latest(analyte, asOf);
        String threshold = "≥ " + t.show();
        if (r.isEmpty()) {
            return new Criterion(
                    name,
                    Status.MISSING,
                    "not measured",
                    threshold,
                    t.source(),
                    Optional.empty(),
                    false,
                    "measure " + name + " within " + config.labMaxAge().getDays() + " days before the cycle");
        }
        return judged(
                name,
                r.get().value() >= t.value(),
                lab(r.get()),
                threshold,
                t.source(),
                r.get().date(),
                stale(r.get().date(), asOf));
    }

    private Criterion creatinine(Candidate c, LocalDate asOf) {
        Threshold t = config.maxCreatinine();
        Optional<LabResult> r = c.labs().latest(Analyte.CREATININE, asOf);
        if (r.isEmpty()) {
            return new Criterion(
                    "creatinine",
                    Status.MISSING,
                    "not measured",
                    "≤ " + t.show(),
                    t.source(),
                    Optional.empty(),
                    false,
                    "measure serum creatinine");
        }
        return judged(
                "creatinine",
                r.get().value() <= t.value(),
                lab(r.get()),
                "≤ " + t.show(),
                t.source(),
                r.get().date(),
                stale(r.get().date(), asOf));
    }

    /** A clearance: measured, or Cockcroft–Gault from creatinine and the weight of the day. */
    private record Clearance(Optional<Double> mlPerMin, String how, Optional<LocalDate> date, boolean stale) {}

    private Clearance clearance(Candidate c, LocalDate asOf) {
        Optional<LabResult> measured = c.labs().latest(Analyte.CREATININE_CLEARANCE, asOf);
        if (measured.isPresent() && !stale(measured.get().date(), asOf)) {
            return new Clearance(
                    Optional.of(measured.get().value()),
                    "measured",
                    Optional.of(measured.get().date()),
                    false);
        }
        Optional<LabResult> creat = c.labs().latest(Analyte.CREATININE, asOf);
        if (creat.isEmpty()) {
            return measured.map(m -> new Clearance(Optional.of(m.value()), "measured", Optional.of(m.date()), true))
                    .orElse(new Clearance(Optional.empty(), "no creatinine", Optional.empty(), false));
        }
        LocalDate date = creat.get().date();
        Optional<Dated<Mass>> weight = c.patient().weightOn(asOf);
        if (weight.isEmpty()) {
            return new Clearance(Optional.empty(), "no body weight for Cockcroft–Gault", Optional.of(date), false);
        }
        int age = c.patient().ageOn(date);
        double crcl = RenalFunction.cockcroftGault(
                        creat.get().value(),
                        age,
                        weight.get().value(),
                        c.patient().sex())
                .mlPerMin();
        String how = String.format(
                Locale.ROOT,
                "Cockcroft–Gault from creatinine %.0f µmol/L, %.1f kg, %d y, %s",
                creat.get().value(),
                weight.get().value().inKg(),
                age,
                c.patient().sex().name().toLowerCase(Locale.ROOT));
        return new Clearance(Optional.of(crcl), how, Optional.of(date), stale(date, asOf));
    }

    private Criterion clearanceCriterion(Clearance cl, Threshold t, String name) {
        if (cl.mlPerMin().isEmpty()) {
            return new Criterion(
                    name,
                    Status.MISSING,
                    cl.how(),
                    "≥ " + t.show(),
                    t.source(),
                    cl.date(),
                    false,
                    "give creatinine and weight, or a measured clearance");
        }
        return judged(
                name,
                cl.mlPerMin().get() >= t.value(),
                fmt(cl.mlPerMin().get()) + " mL/min (" + cl.how() + ")",
                "≥ " + t.show(),
                t.source(),
                cl.date().orElseThrow(),
                cl.stale());
    }

    private Criterion contraindicationClearance(Clearance cl) {
        Threshold t = config.contraindicationCreatinineClearance();
        Criterion k = clearanceCriterion(cl, t, "contraindication: severe renal impairment");
        return k.status() == Status.NOT_MET
                ? new Criterion(
                        k.name(),
                        k.status(),
                        k.value(),
                        k.threshold(),
                        k.source(),
                        k.measured(),
                        k.stale(),
                        "creatinine clearance below " + t.show() + " is a contraindication")
                : k;
    }

    private Criterion ki67(Candidate c) {
        Threshold ok = config.ki67Eligible();
        Threshold grey = config.ki67GreyZoneUpper();
        String threshold = "< " + ok.show() + " (grey zone up to " + grey.show() + ")";
        String source = ok.source() + "; " + grey.source();
        var ki = c.tumour().ki67();
        if (ki.isEmpty()) {
            return new Criterion(
                    "Ki-67",
                    Status.MISSING,
                    "not recorded (grade " + c.tumour().grade() + ")",
                    threshold,
                    source,
                    Optional.empty(),
                    false,
                    "record the Ki-67 index");
        }
        double v = ki.get().percent();
        Status s;
        String why;
        if (v < ok.value()) {
            s = Status.MET;
            why = "proliferation within trial limits";
        } else if (v <= grey.value()) {
            s = Status.TEAM_DECISION;
            why = "Ki-67 in the grey zone: PRRT is a team decision (consider FDG PET)";
        } else {
            s = Status.NOT_MET;
            why = "proliferation too high for PRRT as the treatment of choice";
        }
        return new Criterion(
                "Ki-67",
                s,
                fmt(v) + " % (grade " + c.tumour().grade() + ")",
                threshold,
                source,
                Optional.of(ki.get().date()),
                false,
                why);
    }

    private Criterion pregnancy(Candidate c, LocalDate asOf) {
        String source = "SmPC: contraindicated in pregnancy";
        if (c.pregnant().orElse(false)) {
            return new Criterion(
                    "contraindication: pregnancy",
                    Status.NOT_MET,
                    "pregnant",
                    "not pregnant",
                    source,
                    Optional.empty(),
                    false,
                    "PRRT is contraindicated in pregnancy");
        }
        boolean needsTest = c.patient().sex() == Sex.FEMALE
                && c.patient().ageOn(asOf) < config.pregnancyTestAgeLimit()
                && c.pregnant().isEmpty();
        return needsTest
                ? new Criterion(
                        "contraindication: pregnancy",
                        Status.MISSING,
                        "not recorded",
                        "not pregnant",
                        source,
                        Optional.empty(),
                        false,
                        "pregnancy must be excluded (woman under " + config.pregnancyTestAgeLimit() + ")")
                : new Criterion(
                        "contraindication: pregnancy",
                        Status.MET,
                        c.pregnant().isPresent() ? "not pregnant" : "not applicable",
                        "not pregnant",
                        source,
                        Optional.empty(),
                        false,
                        "");
    }

    private static Criterion breastfeeding(Candidate c) {
        String source = "SmPC: breastfeeding must stop";
        return c.breastfeeding()
                ? new Criterion(
                        "contraindication: breastfeeding",
                        Status.NOT_MET,
                        "breastfeeding",
                        "not breastfeeding",
                        source,
                        Optional.empty(),
                        false,
                        "breastfeeding must stop before PRRT")
                : new Criterion(
                        "contraindication: breastfeeding",
                        Status.MET,
                        "no",
                        "not breastfeeding",
                        source,
                        Optional.empty(),
                        false,
                        "");
    }

    /** MET/NOT_MET on current data; a value that is too old is MISSING whatever it says. */
    private Criterion judged(
            String name, boolean ok, String value, String threshold, String source, LocalDate date, boolean stale) {
        if (stale) {
            return new Criterion(
                    name,
                    Status.MISSING,
                    value,
                    threshold,
                    source,
                    Optional.of(date),
                    true,
                    "measured " + date + ", older than " + config.labMaxAge().getDays() + " days: repeat it");
        }
        return new Criterion(
                name,
                ok ? Status.MET : Status.NOT_MET,
                value,
                threshold,
                source,
                Optional.of(date),
                false,
                ok ? "" : name + " outside the limit");
    }

    private boolean stale(LocalDate measured, LocalDate asOf) {
        return measured.plus(config.labMaxAge()).isBefore(asOf);
    }

    private static String lab(LabResult r) {
        return fmt(r.value()) + " " + r.analyte().unit().symbol();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}

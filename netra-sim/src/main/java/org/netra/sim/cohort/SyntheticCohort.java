package org.netra.sim.cohort;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.random.RandomDataGenerator;
import org.netra.clinical.diagnosis.BoneFinding;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.Lesion;
import org.netra.clinical.diagnosis.Tracer;
import org.netra.clinical.eligibility.Candidate;
import org.netra.clinical.eligibility.Eligibility;
import org.netra.clinical.eligibility.Verdict;
import org.netra.clinical.followup.BaselineLesion;
import org.netra.clinical.followup.Ctcae;
import org.netra.clinical.followup.FollowUpAssessment;
import org.netra.clinical.followup.Measurement;
import org.netra.clinical.followup.NonTargetStatus;
import org.netra.clinical.followup.Recist;
import org.netra.clinical.followup.Response;
import org.netra.clinical.followup.ToxicityAssessment;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.Length;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.PriorTreatment;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TreatmentKind;
import org.netra.clinical.patient.TumourSite;
import org.netra.clinical.therapy.Continuation;
import org.netra.clinical.therapy.ContinuationAdvice;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.PlanRules;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.dosimetry.radiobiology.Bed;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;

/**
 * A synthetic cohort that walks the whole pathway with netra-clinical's own rules: referral and diagnostic
 * imaging (111In-pentetreotide SRS with Krenning scores, 68Ga-DOTATATE PET for some, bone scintigraphy where
 * the skeleton is involved), labs, Ki-67 and performance status drawn so that some patients fail or fall in
 * a grey zone of {@link Eligibility}; the eligible (and half of the team decisions) get individualised PRRT,
 * cycle after cycle while {@link Continuation} allows (kidney BED 27 Gy, marrow 2 Gy), up to 8, with platelet
 * toxicity reducing the next cycle to 3.7 GBq; then RECIST 1.1 follow-up until progression, death or the data
 * cut-off.
 *
 * <p>Outcomes reproduce Kwekkeboom et al. (J Clin Oncol 2008;26:2124; docs/DOMAIN.md §1): the best response is
 * drawn from CR 2 / PR 28 / MR 16 / SD 35 / PD 20 % and the tumour measurements are made to show it, so that
 * netra's RECIST evaluation of those measurements gives the category back; progression-free patients progress
 * after an exponential time (from 6 months, at the next scheduled assessment) tuned so that the Kaplan–Meier
 * median time to progression is ≈ 40 months; progressive disease is seen at the first assessment. Toxicity
 * follows NETTER-1's pattern (Strosberg et al., NEJM 2017: anaemia, thrombocytopenia, neutropenia mostly grade
 * 1–2; platelet nadir ≈ 5 weeks after a cycle). Deterministic for a seed.
 */
public final class SyntheticCohort {
    /** The first referral; patients are referred over the following three years. */
    public static final LocalDate FIRST_REFERRAL = LocalDate.of(2020, 1, 6);
    /** Follow-up ends here for everyone alive: ≥ 8 years after the last referral. */
    public static final LocalDate DATA_CUTOFF = LocalDate.of(2031, 12, 31);
    /** Hazard of progression after the 6-month response window, per month (calibrated to a 40-month median TTP). */
    static final double PROGRESSION_RATE_PER_MONTH = 0.018;
    /** Hazard of death before progression, per month. */
    static final double DEATH_RATE_PER_MONTH = 0.002;
    /** Median survival after progression, months. */
    static final double POST_PROGRESSION_MEDIAN_MONTHS = 14;

    private static final int[] ASSESSMENT_MONTHS = {
        3, 6, 9, 12, 15, 18, 21, 24, 30, 36, 42, 48, 54, 60, 66, 72, 78, 84, 90, 96, 102, 108, 114, 120, 126, 132, 138,
        144
    };

    private SyntheticCohort() {}

    public static List<SyntheticPatient> generate(long seed, int n) {
        if (n < 1 || n > 100_000) {
            throw new IllegalArgumentException("a cohort has 1–100000 patients, got " + n);
        }
        List<SyntheticPatient> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(patient(seed, i));
        }
        return out;
    }

    private static SyntheticPatient patient(long seed, int index) {
        RandomDataGenerator r = new RandomDataGenerator(seed * 1_000_003L + index * 7919L + 1);
        String id = String.format(Locale.ROOT, "SIM-%d-%04d", seed, index + 1);
        Sex sex = r.nextUniform(0, 1) < 0.5 ? Sex.MALE : Sex.FEMALE;
        boolean male = sex == Sex.MALE;
        LocalDate referral = FIRST_REFERRAL.plusDays((long) r.nextUniform(0, 3 * 365));
        LocalDate screening = referral.plusDays(14);
        int age = (int) clamp(r.nextNormal(58, 11), 25, 85);
        LocalDate birth = referral.minusYears(age).minusDays((long) r.nextUniform(0, 364));
        double weight = clamp(r.nextNormal(male ? 80 : 68, male ? 12 : 11), 45, 130);
        double height = clamp(r.nextNormal(male ? 176 : 163, male ? 7 : 6), 148, 200);
        Patient patient = new Patient(
                id,
                sex,
                birth,
                List.of(new Dated<>(screening, Mass.ofKg(round1(weight)))),
                List.of(new Dated<>(screening, Length.ofCm(round1(height)))));

        TumourSite site = pick(
                r,
                new TumourSite[] {
                    TumourSite.SMALL_INTESTINE,
                    TumourSite.PANCREAS,
                    TumourSite.UNKNOWN_PRIMARY,
                    TumourSite.LUNG,
                    TumourSite.RECTUM,
                    TumourSite.STOMACH
                },
                new double[] {0.45, 0.30, 0.15, 0.05, 0.03, 0.02});
        Grade grade =
                pick(r, new Grade[] {Grade.G1, Grade.G2, Grade.G3, Grade.NEC}, new double[] {0.45, 0.45, 0.08, 0.02});
        double ki67 =
                switch (grade) {
                    case G1 -> r.nextUniform(0.5, 2.9);
                    case G2 -> r.nextUniform(3, 19.9);
                    case G3 -> r.nextUniform(20, 55);
                    case NEC -> r.nextUniform(55, 90);
                };
        LocalDate biopsy = referral.minusMonths((long) r.nextUniform(6, 48));
        PrimaryTumour tumour = new PrimaryTumour(site, grade, Optional.of(new Ki67(round1(ki67), biopsy)));

        List<PriorTreatment> prior = new ArrayList<>();
        if (r.nextUniform(0, 1) < 0.3) {
            prior.add(new PriorTreatment(
                    TreatmentKind.SURGERY,
                    biopsy.plusWeeks(4),
                    Optional.of(biopsy.plusWeeks(4)),
                    "resection of the primary"));
        }
        if (r.nextUniform(0, 1) < 0.9) {
            prior.add(new PriorTreatment(
                    TreatmentKind.SOMATOSTATIN_ANALOGUE,
                    biopsy.plusWeeks(8),
                    Optional.of(referral.minusWeeks(5)),
                    "octreotide LAR 30 mg every 4 weeks; progression"));
        }

        // labs: most normal, a few out of the eligibility limits (the eligibility mix)
        List<LabResult> labs = new ArrayList<>();
        double hb = clamp(r.nextNormal(male ? 13.8 : 12.8, 1.2), 8.5, 17);
        double plt = r.nextUniform(0, 1) < 0.04 ? r.nextUniform(50, 74) : clamp(r.nextNormal(250, 60), 90, 500);
        double wbc = clamp(r.nextNormal(6.5, 1.5), 3, 12);
        double neut = wbc * clamp(r.nextNormal(0.6, 0.06), 0.4, 0.75);
        double lymph = wbc * clamp(r.nextNormal(0.28, 0.05), 0.12, 0.4);
        double creat =
                r.nextUniform(0, 1) < 0.04 ? r.nextUniform(170, 230) : clamp(r.nextNormal(male ? 80 : 64, 12), 45, 130);
        addLabs(labs, screening, hb, plt, wbc, neut, lymph, creat);

        int ecog = pick(r, new Integer[] {0, 1, 2, 3}, new double[] {0.45, 0.45, 0.08, 0.02});
        List<Dated<PerformanceStatus>> performance = List.of(new Dated<>(screening, new PerformanceStatus.Ecog(ecog)));

        // diagnostic imaging
        int krenning = pick(r, new Integer[] {4, 3, 2, 1}, new double[] {0.58, 0.36, 0.04, 0.02});
        boolean boneMets = r.nextUniform(0, 1) < 0.25;
        int liverLesions = 1 + (int) r.nextUniform(0, 4);
        List<BaselineLesion> measurable = new ArrayList<>();
        List<Lesion> srsLesions = new ArrayList<>();
        for (int l = 1; l <= liverLesions; l++) {
            String lid = "L" + l;
            measurable.add(new BaselineLesion(lid, "liver", false, Length.ofMm(Math.round(r.nextUniform(14, 60)))));
            srsLesions.add(new Lesion(
                    lid, "liver", false, Optional.of(KrenningScore.of(krenning)), Optional.empty(), Optional.empty()));
        }
        if (site == TumourSite.PANCREAS) {
            measurable.add(new BaselineLesion("P1", "pancreas", false, Length.ofMm(Math.round(r.nextUniform(20, 50)))));
            srsLesions.add(new Lesion(
                    "P1",
                    "pancreas",
                    false,
                    Optional.of(KrenningScore.of(krenning)),
                    Optional.empty(),
                    Optional.empty()));
        }
        measurable.add(new BaselineLesion("N1", "lymph node", true, Length.ofMm(Math.round(r.nextUniform(16, 30)))));
        srsLesions.add(new Lesion(
                "N1",
                "lymph node",
                false,
                Optional.of(KrenningScore.of(krenning)),
                Optional.empty(),
                Optional.empty()));
        if (boneMets) {
            srsLesions.add(new Lesion(
                    "B1",
                    "L2 vertebra",
                    true,
                    Optional.of(KrenningScore.of(krenning)),
                    Optional.empty(),
                    Optional.empty()));
        }
        List<ImagingStudy> imaging = new ArrayList<>();
        LocalDateTime srsDay = referral.plusDays(3).atTime(9, 30);
        imaging.add(new ImagingStudy(
                id + "-SRS",
                ImagingProtocol.SomatostatinReceptorScintigraphy.standard(),
                srsDay,
                srsLesions,
                List.of()));
        if (r.nextUniform(0, 1) < 0.4) {
            List<Lesion> pet = new ArrayList<>();
            for (Lesion l : srsLesions) {
                double suvMax = clamp(r.nextNormal(6 + 6 * krenning, 6), 2, 120);
                pet.add(new Lesion(
                        l.id(),
                        l.organ(),
                        l.skeletal(),
                        l.krenning(),
                        Optional.of(round1(suvMax)),
                        Optional.of(round1(suvMax * 0.7))));
            }
            imaging.add(new ImagingStudy(
                    id + "-PET",
                    ImagingProtocol.PetCt.of(Tracer.GA68_DOTATATE),
                    referral.plusDays(8).atTime(10, 0),
                    pet,
                    List.of()));
        }
        if (boneMets) {
            imaging.add(new ImagingStudy(
                    id + "-BONE",
                    ImagingProtocol.BoneScintigraphy.standard(),
                    referral.plusDays(5).atTime(8, 0),
                    List.of(),
                    List.of(new BoneFinding("L2 vertebra", BoneFinding.Kind.METASTASIS))));
        }

        Optional<Boolean> pregnant = sex == Sex.FEMALE ? Optional.of(false) : Optional.empty();
        Candidate screeningCandidate =
                new Candidate(patient, tumour, prior, new LabHistory(labs), performance, imaging, pregnant, false);
        Verdict verdict = Eligibility.withDefaults().assess(screeningCandidate, screening);
        boolean treat = verdict instanceof Verdict.Eligible
                || (verdict instanceof Verdict.NeedsTeamDecision && r.nextUniform(0, 1) < 0.5);
        if (!treat) {
            return new SyntheticPatient(screeningCandidate, screening, verdict, Optional.empty());
        }
        TreatmentCourse course = treat(r, patient, screening, measurable, labs, hb, plt, neut, wbc, lymph, creat);
        Candidate withCourseLabs =
                new Candidate(patient, tumour, prior, new LabHistory(labs), performance, imaging, pregnant, false);
        return new SyntheticPatient(withCourseLabs, screening, verdict, Optional.of(course));
    }

    private static TreatmentCourse treat(
            RandomDataGenerator r,
            Patient patient,
            LocalDate screening,
            List<BaselineLesion> lesions,
            List<LabResult> labs,
            double hb,
            double plt,
            double neut,
            double wbc,
            double lymph,
            double creat) {
        LocalDate start = screening.plusDays(10);
        PublishedResponse drawn = pick(
                r,
                PublishedResponse.values(),
                java.util.Arrays.stream(PublishedResponse.values())
                        .mapToDouble(PublishedResponse::probability)
                        .toArray());
        // latent times in months from the first cycle
        double progressionMonths =
                drawn == PublishedResponse.PD ? 2 : 6 + r.nextExponential(1 / PROGRESSION_RATE_PER_MONTH);
        double deathBeforeProgression = r.nextExponential(1 / DEATH_RATE_PER_MONTH);
        double shrink =
                switch (drawn) {
                    case CR -> 1.0;
                    case PR -> r.nextUniform(0.33, 0.65);
                    case MR -> r.nextUniform(0.16, 0.27);
                    case SD -> r.nextUniform(-0.10, 0.10);
                    case PD -> 0;
                };

        // cycles every 6 weeks (Uppsala), continued while the kidney and marrow budgets allow
        double kidneyGyPerGBq = 0.45 * Math.exp(r.nextNormal(-0.045, 0.3));
        double kidneyTeffH = clamp(r.nextNormal(50, 8), 30, 80);
        double marrowGyPerGBq = clamp(0.025 * Math.exp(r.nextNormal(0, 0.35)), 0.008, 0.08);
        double susceptibility = Math.exp(r.nextNormal(0, 0.25));
        Continuation continuation = Continuation.withDefaults();
        List<CycleDosimetry> given = new ArrayList<>();
        List<Activity> activities = new ArrayList<>();
        Activity next = PlanRules.DEFAULTS.standardActivity();
        String stop = "8 cycles given (the most in an individualised course)";
        LocalDate progressionDate = assessmentAfter(start, progressionMonths);
        double creatinine = creat;
        boolean reduced = false;
        for (int c = 1; c <= 8; c++) {
            LocalDate day = start.plusWeeks(6L * (c - 1));
            if (!day.isBefore(progressionDate)) {
                stop = "progression on " + progressionDate;
                break;
            }
            double gbq = next.inGBq();
            AbsorbedDose kidney = AbsorbedDose.ofGy(kidneyGyPerGBq * gbq * Math.exp(r.nextNormal(0, 0.08)));
            AbsorbedDose bed = Bed.monoExponential(
                    kidney, java.time.Duration.ofMinutes(Math.round(kidneyTeffH * 60)), TissueParameters.KIDNEY);
            given.add(new CycleDosimetry(
                    c,
                    day,
                    next,
                    kidney,
                    Duration.ofMinutes(Math.round(kidneyTeffH * 60)),
                    Optional.of(bed),
                    AbsorbedDose.ofGy(marrowGyPerGBq * gbq)));
            activities.add(next);
            // nadir ≈ 4–5 weeks after the cycle, recovery before the next
            double cumulative = c * 0.03;
            double pltDrop = clamp((0.22 + cumulative) * susceptibility * Math.exp(r.nextNormal(0, 0.2)), 0, 0.92);
            double hbDrop = clamp((0.09 + cumulative / 3) * susceptibility, 0, 0.45);
            double neutDrop = clamp((0.15 + cumulative) * susceptibility * Math.exp(r.nextNormal(0, 0.2)), 0, 0.85);
            creatinine *= 1 + 0.006 * bed.inGy() + r.nextNormal(0, 0.02);
            creatinine = clamp(creatinine, 30, 900);
            LocalDate nadir = day.plusWeeks(4).plusDays(3);
            double nadirPlt = plt * (1 - pltDrop);
            addLabs(
                    labs,
                    nadir,
                    hb * (1 - hbDrop),
                    nadirPlt,
                    wbc * (1 - neutDrop * 0.8),
                    neut * (1 - neutDrop),
                    lymph * (1 - neutDrop),
                    creatinine);
            addLabs(
                    labs,
                    day.plusWeeks(6).minusDays(3),
                    hb * (1 - hbDrop / 3),
                    plt * (1 - pltDrop / 4),
                    wbc * (1 - neutDrop / 4),
                    neut * (1 - neutDrop / 4),
                    lymph * (1 - neutDrop / 3),
                    creatinine);
            if (c == 8) {
                break;
            }
            // a few stop for reasons outside the rules (declined, intercurrent illness): 3 % per cycle
            if (r.nextUniform(0, 1) < 0.03) {
                stop = "stopped after cycle " + c + " (patient's decision)";
                break;
            }
            ContinuationAdvice advice = continuation.advise(given);
            if (advice instanceof ContinuationAdvice.Stop s) {
                stop = String.join("; ", s.reasons());
                break;
            }
            next = ((ContinuationAdvice.Continue) advice).nextActivity();
            // DOMAIN.md §1 dose modification: platelets grade ≥ 2 → the next cycle at 3.7 GBq
            if (nadirPlt < 75) {
                if (reduced) {
                    stop = "thrombocytopenia recurred after a reduced cycle";
                    break;
                }
                reduced = true;
                next = Activity.ofGBq(Math.min(next.inGBq(), 3.7));
            }
        }
        PrrtPlan individual = PrrtPlan.individualised(
                Radiopharmaceutical.LU177_DOTATATE,
                start.atTime(9, 0),
                given.size(),
                Period.ofWeeks(6),
                PlanRules.DEFAULTS.standardActivity(),
                PlanRules.DEFAULTS);
        List<PlannedCycle> cycles = new ArrayList<>();
        for (int c = 0; c < given.size(); c++) {
            PlannedCycle p = individual.cycles().get(c);
            cycles.add(new PlannedCycle(p.number(), p.administration(), activities.get(c), p.tasks()));
        }
        PrrtPlan plan = new PrrtPlan(individual.radiopharmaceutical(), individual.schedule(), cycles);

        // RECIST: the baseline before cycle 1, then assessments until progression, death or the cut-off
        Recist recist = Recist.v11();
        Recist.Baseline baseline = recist.select(screening, lesions);
        LocalDate deathDate = deathDate(r, start, progressionMonths, deathBeforeProgression, progressionDate);
        LocalDate end = deathDate.isBefore(DATA_CUTOFF) ? deathDate : DATA_CUTOFF;
        List<FollowUpAssessment> followUps = new ArrayList<>();
        Optional<LocalDate> progression = Optional.empty();
        double nadirFactor = 1;
        for (int m : ASSESSMENT_MONTHS) {
            LocalDate date = start.plusMonths(m);
            if (date.isAfter(end)) {
                break;
            }
            boolean progressed = !date.isBefore(progressionDate);
            double factor =
                    progressed ? Math.max(nadirFactor * 1.3, nadirFactor + 0.2) : 1 - shrink * Math.min(1, m / 6.0);
            if (!progressed) {
                nadirFactor = Math.min(nadirFactor, factor);
            }
            Map<String, Measurement> targets = new HashMap<>();
            for (BaselineLesion t : baseline.targets()) {
                double size = t.size().inMm() * Math.max(0, progressed && drawn == PublishedResponse.CR ? 0.5 : factor);
                targets.put(
                        t.id(),
                        size < 0.5
                                ? new Measurement.Disappeared()
                                : new Measurement.Measured(Length.ofMm(Math.round(size * 10) / 10.0)));
            }
            NonTargetStatus nonTargets = baseline.nonTargets().isEmpty()
                    ? NonTargetStatus.NONE_AT_BASELINE
                    : factor == 0 ? NonTargetStatus.COMPLETE_RESPONSE : NonTargetStatus.NON_CR_NON_PD;
            followUps.add(new FollowUpAssessment(date, targets, nonTargets, progressed));
            if (progressed) {
                progression = Optional.of(date);
                break;
            }
        }
        var timePoints = recist.evaluate(baseline, followUps);
        Response best = timePoints.isEmpty() ? Response.NE : recist.best(baseline, timePoints);
        double baseSum = baseline.sum().inMm();
        double minSum = timePoints.stream()
                .filter(tp -> tp.overall() != Response.PD)
                .flatMap(tp -> tp.sum().stream())
                .mapToDouble(Length::inMm)
                .min()
                .orElse(baseSum);
        double bestShrinkage = baseSum > 0 ? 1 - minSum / baseSum : 0;
        Optional<PublishedResponse> category = PublishedResponse.classify(best, bestShrinkage);
        List<ToxicityAssessment.TermSummary> toxicity = new ToxicityAssessment(Ctcae.withDefaults())
                .assess(patient, new LabHistory(labs), screening, start, start.plusWeeks(6L * given.size() + 8));
        return new TreatmentCourse(
                plan,
                given,
                stop,
                toxicity,
                baseline,
                followUps,
                best,
                bestShrinkage,
                category,
                start,
                progression,
                deathDate.isAfter(DATA_CUTOFF) ? Optional.empty() : Optional.of(deathDate),
                end);
    }

    private static LocalDate deathDate(
            RandomDataGenerator r,
            LocalDate start,
            double progressionMonths,
            double deathBefore,
            LocalDate progressionDate) {
        if (deathBefore < progressionMonths) {
            LocalDate d = start.plusDays(Math.round(deathBefore * 30.44));
            // a death before progression is seen before the assessment that would have shown progression
            return d.isBefore(progressionDate) ? d : progressionDate.minusDays(1);
        }
        double after = r.nextExponential(POST_PROGRESSION_MEDIAN_MONTHS / Math.log(2));
        return progressionDate.plusDays(Math.round(after * 30.44) + 1);
    }

    /** The first scheduled assessment at or after {@code months} from the start. */
    private static LocalDate assessmentAfter(LocalDate start, double months) {
        for (int m : ASSESSMENT_MONTHS) {
            if (m >= months) {
                return start.plusMonths(m);
            }
        }
        return start.plusMonths(ASSESSMENT_MONTHS[ASSESSMENT_MONTHS.length - 1] + 6L);
    }

    private static void addLabs(
            List<LabResult> labs,
            LocalDate day,
            double hb,
            double plt,
            double wbc,
            double neut,
            double lymph,
            double creat) {
        labs.add(new LabResult(Analyte.HAEMOGLOBIN, round1(clamp(hb, 5, 20)), day));
        labs.add(new LabResult(Analyte.PLATELETS, Math.round(clamp(plt, 5, 900)), day));
        labs.add(new LabResult(Analyte.WHITE_BLOOD_CELLS, round1(clamp(wbc, 0.3, 30)), day));
        labs.add(new LabResult(Analyte.NEUTROPHILS, round1(clamp(neut, 0.1, 25)), day));
        labs.add(new LabResult(Analyte.LYMPHOCYTES, round1(clamp(lymph, 0.1, 10)), day));
        labs.add(new LabResult(Analyte.CREATININE, Math.round(creat), day));
    }

    private static <T> T pick(RandomDataGenerator r, T[] values, double[] weights) {
        double u = r.nextUniform(0, 1);
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double acc = 0;
        for (int i = 0; i < values.length; i++) {
            acc += weights[i] / sum;
            if (u < acc) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

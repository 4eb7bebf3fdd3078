package org.netra.clinical.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.Lesion;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.PriorTreatment;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TreatmentKind;
import org.netra.clinical.patient.TumourSite;
import org.netra.physics.quantity.Mass;

/**
 * Worse findings never make a patient more eligible: lower blood counts, higher creatinine, higher Ki-67,
 * lower uptake or poorer performance status never move the verdict from "not eligible" towards "eligible"
 * (jqwik; each property worsens one finding of a random patient).
 */
class EligibilityPropertiesTest {
    private static final LocalDate DAY = LocalDate.of(2024, 5, 2);
    private final Eligibility eligibility = Eligibility.withDefaults();

    record Findings(double hb, double wbc, double platelets, double creatinine, double ki67, int krenning, int ecog) {}

    private static Candidate candidate(Findings f) {
        LocalDate labs = DAY.minusDays(5);
        var patient = new Patient(
                "P", Sex.MALE, LocalDate.of(1960, 1, 20), List.of(new Dated<>(labs, Mass.ofKg(75))), List.of());
        var lab = new LabHistory(List.of(
                new LabResult(Analyte.HAEMOGLOBIN, f.hb(), labs),
                new LabResult(Analyte.WHITE_BLOOD_CELLS, f.wbc(), labs),
                new LabResult(Analyte.PLATELETS, f.platelets(), labs),
                new LabResult(Analyte.CREATININE, f.creatinine(), labs)));
        var srs = new ImagingStudy(
                "srs",
                ImagingProtocol.SomatostatinReceptorScintigraphy.standard(),
                DAY.minusWeeks(3).atTime(9, 0),
                List.of(new Lesion("L", "liver", false, Optional.of(KrenningScore.of(f.krenning())), null, null)),
                List.of());
        return new Candidate(
                patient,
                new PrimaryTumour(TumourSite.PANCREAS, Grade.G2, Optional.of(new Ki67(f.ki67(), DAY.minusMonths(3)))),
                List.of(new PriorTreatment(
                        TreatmentKind.SOMATOSTATIN_ANALOGUE, DAY.minusYears(1), Optional.empty(), "")),
                lab,
                List.of(new Dated<>(labs, new PerformanceStatus.Ecog(f.ecog()))),
                List.of(srs),
                Optional.empty(),
                false);
    }

    /** ELIGIBLE 2, NEEDS_TEAM_DECISION 1, NOT_ELIGIBLE 0. */
    private int rank(Findings f) {
        return switch (eligibility.assess(candidate(f), DAY)) {
            case Verdict.Eligible e -> 2;
            case Verdict.NeedsTeamDecision t -> 1;
            case Verdict.NotEligible n -> 0;
        };
    }

    @Property
    void worseFindingsNeverImproveTheVerdict(
            @ForAll @DoubleRange(min = 6, max = 16) double hb,
            @ForAll @DoubleRange(min = 1, max = 10) double wbc,
            @ForAll @DoubleRange(min = 40, max = 400) double platelets,
            @ForAll @DoubleRange(min = 40, max = 250) double creatinine,
            @ForAll @DoubleRange(min = 0, max = 80) double ki67,
            @ForAll @IntRange(min = 0, max = 4) int krenning,
            @ForAll @IntRange(min = 0, max = 4) int ecog,
            @ForAll @IntRange(min = 0, max = 6) int which,
            @ForAll @DoubleRange(min = 0, max = 1) double by) {
        var f = new Findings(hb, wbc, platelets, creatinine, ki67, krenning, ecog);
        var worse =
                switch (which) {
                    case 0 -> new Findings(hb * (1 - by / 2), wbc, platelets, creatinine, ki67, krenning, ecog);
                    case 1 -> new Findings(hb, wbc * (1 - by / 2), platelets, creatinine, ki67, krenning, ecog);
                    case 2 -> new Findings(hb, wbc, platelets * (1 - by), creatinine, ki67, krenning, ecog);
                    case 3 -> new Findings(hb, wbc, platelets, creatinine * (1 + 2 * by), ki67, krenning, ecog);
                    case 4 ->
                        new Findings(hb, wbc, platelets, creatinine, Math.min(100, ki67 + 50 * by), krenning, ecog);
                    case 5 -> new Findings(hb, wbc, platelets, creatinine, ki67, Math.max(0, krenning - 1), ecog);
                    default -> new Findings(hb, wbc, platelets, creatinine, ki67, krenning, Math.min(5, ecog + 1));
                };
        assertThat(rank(worse)).as("%s → %s", f, worse).isLessThanOrEqualTo(rank(f));
    }
}

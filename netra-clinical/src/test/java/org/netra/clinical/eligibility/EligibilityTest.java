package org.netra.clinical.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.Lesion;
import org.netra.clinical.diagnosis.Tracer;
import org.netra.clinical.eligibility.Criterion.Status;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.LabUnit;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.PriorTreatment;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TreatmentKind;
import org.netra.clinical.patient.TumourSite;
import org.netra.physics.quantity.Mass;

/** Cases from the criteria table of docs/DOMAIN.md §1 (NETTER-1, Kwekkeboom 2008, SmPC). */
class EligibilityTest {
    private static final LocalDate TODAY = LocalDate.of(2024, 5, 2);
    private static final LocalDate LABS = TODAY.minusDays(5);
    private final Eligibility eligibility = Eligibility.withDefaults();

    /** A 64-year-old man with a pancreatic NET G2, Ki-67 8 %, after octreotide, Krenning 4, good labs. */
    private static Candidate typical(
            double ki67, int krenning, double creatinine, LocalDate labDate, double platelets) {
        var patient = new Patient(
                "P-001",
                Sex.MALE,
                LocalDate.of(1960, 1, 20),
                List.of(new Dated<>(TODAY.minusDays(3), Mass.ofKg(78))),
                List.of());
        var labs = new LabHistory(List.of(
                LabResult.of(Analyte.HAEMOGLOBIN, 13.1, LabUnit.G_PER_DL, labDate),
                LabResult.of(Analyte.WHITE_BLOOD_CELLS, 5.2, LabUnit.PER_NL, labDate),
                LabResult.of(Analyte.PLATELETS, platelets, LabUnit.PER_NL, labDate),
                LabResult.of(Analyte.CREATININE, creatinine, LabUnit.UMOL_PER_L, labDate)));
        var pet = new ImagingStudy(
                "PET-1",
                ImagingProtocol.PetCt.of(Tracer.GA68_DOTATATE),
                TODAY.minusWeeks(3).atTime(10, 0),
                List.of(new Lesion(
                        "L1",
                        "liver",
                        false,
                        Optional.of(KrenningScore.of(krenning)),
                        Optional.of(32.0),
                        Optional.empty())),
                List.of());
        return new Candidate(
                patient,
                new PrimaryTumour(
                        TumourSite.PANCREAS, Grade.G2, Optional.of(new Ki67(ki67, LocalDate.of(2023, 11, 1)))),
                List.of(new PriorTreatment(
                        TreatmentKind.SOMATOSTATIN_ANALOGUE,
                        LocalDate.of(2022, 6, 1),
                        Optional.empty(),
                        "octreotide LAR 30 mg")),
                labs,
                List.of(new Dated<>(LABS, new PerformanceStatus.Ecog(1))),
                List.of(pet),
                Optional.empty(),
                false);
    }

    @Test
    void typicalPatientIsEligibleAndEveryCriterionIsExplained() {
        Verdict v = eligibility.assess(typical(8, 4, 80, LABS, 210), TODAY);
        assertThat(v).isInstanceOf(Verdict.Eligible.class);
        assertThat(v.criteria()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(Status.MET);
            assertThat(c.threshold()).isNotBlank();
            assertThat(c.source()).isNotBlank();
        });
        var crcl = v.criteria().stream()
                .filter(c -> c.name().equals("creatinine clearance"))
                .findFirst()
                .orElseThrow();
        // Cockcroft–Gault: (140 − 64) × 78 / (72 × 80/88.4) = 91.0 mL/min
        assertThat(crcl.value()).startsWith("91.0 mL/min").contains("Cockcroft–Gault");
        assertThat(crcl.measured()).contains(LABS);
    }

    @Test
    void ki67GreyZoneNeedsTheTeamAndAbove55IsNotEligible() {
        assertThat(eligibility.assess(typical(19.9, 4, 80, LABS, 210), TODAY)).isInstanceOf(Verdict.Eligible.class);
        var grey = eligibility.assess(typical(20, 4, 80, LABS, 210), TODAY);
        assertThat(grey).isInstanceOf(Verdict.NeedsTeamDecision.class);
        assertThat(((Verdict.NeedsTeamDecision) grey).open())
                .extracting(Criterion::name)
                .containsExactly("Ki-67");
        assertThat(eligibility.assess(typical(55, 4, 80, LABS, 210), TODAY))
                .isInstanceOf(Verdict.NeedsTeamDecision.class);
        assertThat(eligibility.assess(typical(56, 4, 80, LABS, 210), TODAY)).isInstanceOf(Verdict.NotEligible.class);
    }

    @Test
    void lowUptakeAndLowPlateletsFail() {
        var v = eligibility.assess(typical(8, 2, 80, LABS, 60), TODAY);
        assertThat(v).isInstanceOf(Verdict.NotEligible.class);
        assertThat(((Verdict.NotEligible) v).failed())
                .extracting(Criterion::name)
                .containsExactly("SSTR uptake", "platelets");
        // the SmPC's "≥ liver" accepts Krenning 2
        var smpc = new Eligibility(EligibilityConfig.DEFAULTS.withMinKrenning(2, "SmPC"));
        assertThat(smpc.assess(typical(8, 2, 80, LABS, 210), TODAY)).isInstanceOf(Verdict.Eligible.class);
    }

    @Test
    void severeRenalImpairmentIsAContraindication() {
        // creatinine 250 µmol/L: CG = 76 × 78 / (72 × 2.828) = 29.1 mL/min < 30
        var v = (Verdict.NotEligible) eligibility.assess(typical(8, 4, 250, LABS, 210), TODAY);
        assertThat(v.failed())
                .extracting(Criterion::name)
                .contains("creatinine", "creatinine clearance", "contraindication: severe renal impairment");
    }

    @Test
    void staleLabsAreFlaggedAndTheWindowIsConfigurable() {
        LocalDate old = TODAY.minusDays(20);
        assertThat(eligibility.assess(typical(8, 4, 80, old, 210), TODAY)).isInstanceOf(Verdict.Eligible.class);
        var twoWeeks = new Eligibility(EligibilityConfig.DEFAULTS.withLabMaxAge(Period.ofWeeks(2)));
        var v = twoWeeks.assess(typical(8, 4, 80, old, 210), TODAY);
        assertThat(v).isInstanceOf(Verdict.NeedsTeamDecision.class);
        var hb = v.criteria().stream()
                .filter(c -> c.name().equals("haemoglobin"))
                .findFirst()
                .orElseThrow();
        assertThat(hb.stale()).isTrue();
        assertThat(hb.status()).isEqualTo(Status.MISSING);
        assertThat(hb.explanation()).contains("older than 14 days");
        assertThatThrownBy(() -> EligibilityConfig.DEFAULTS.withLabMaxAge(Period.ofWeeks(6)))
                .hasMessageContaining("2 and 4 weeks");
    }

    @Test
    void pregnancyAndBreastfeedingAreContraindications() {
        var c = typical(8, 4, 80, LABS, 210);
        var woman = new Patient(
                "P-2", Sex.FEMALE, LocalDate.of(1985, 3, 1), c.patient().weights(), List.of());
        var pregnant = new Candidate(
                woman,
                c.tumour(),
                c.priorTreatments(),
                c.labs(),
                c.performance(),
                c.imaging(),
                Optional.of(true),
                false);
        assertThat(((Verdict.NotEligible) eligibility.assess(pregnant, TODAY)).failed())
                .extracting(Criterion::name)
                .containsExactly("contraindication: pregnancy");
        var unknown = new Candidate(
                woman,
                c.tumour(),
                c.priorTreatments(),
                c.labs(),
                c.performance(),
                c.imaging(),
                Optional.empty(),
                false);
        assertThat(eligibility.assess(unknown, TODAY)).isInstanceOf(Verdict.NeedsTeamDecision.class);
        var feeding = new Candidate(
                woman,
                c.tumour(),
                c.priorTreatments(),
                c.labs(),
                c.performance(),
                c.imaging(),
                Optional.of(false),
                true);
        assertThat(((Verdict.NotEligible) eligibility.assess(feeding, TODAY)).failed())
                .extracting(Criterion::name)
                .containsExactly("contraindication: breastfeeding");
    }

    @Test
    void firstLinePrrtAndMissingImagingAreTeamDecisions() {
        var c = typical(8, 4, 80, LABS, 210);
        var none = new Candidate(
                c.patient(), c.tumour(), List.of(), c.labs(), c.performance(), new ArrayList<>(), c.pregnant(), false);
        var v = (Verdict.NeedsTeamDecision) eligibility.assess(none, TODAY);
        assertThat(v.open()).extracting(Criterion::name).containsExactly("prior therapy", "SSTR uptake");
    }
}

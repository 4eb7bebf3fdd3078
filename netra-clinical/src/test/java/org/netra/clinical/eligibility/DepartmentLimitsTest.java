package org.netra.clinical.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.LabUnit;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.Sex;

class DepartmentLimitsTest {
    @Test
    void theDefaultsReadBackAsTheDepartmentsLimits() {
        var d = DepartmentLimits.of(EligibilityConfig.DEFAULTS);
        assertThat(d).isEqualTo(new DepartmentLimits(20, 75, 8, Optional.empty(), 50, 3, 28, 2));
        assertThat(d.applyTo(EligibilityConfig.DEFAULTS).labMaxAge()).isEqualTo(Period.ofDays(28));
    }

    @Test
    void limitsOutsideAnyProtocolAreRefusedNamingEachField() {
        assertThatThrownBy(() -> new DepartmentLimits(0, 75, 30, Optional.of(9.0), 50, 5, 60, 2))
                .isInstanceOfSatisfying(DepartmentLimits.OutOfRange.class, e -> assertThat(e.problems())
                        .containsOnlyKeys("ki67", "haemoglobin", "neutrophils", "krenning", "labAgeDays"));
    }

    @Test
    void aNeutrophilLimitIsCheckedOnlyWhenTheDepartmentSetsOne() {
        var day = LocalDate.of(2024, 5, 2);
        var patient = new Patient("P-1", Sex.MALE, LocalDate.of(1960, 1, 1), List.of(), List.of());
        var labs = new LabHistory(List.of(LabResult.of(Analyte.NEUTROPHILS, 1.2, LabUnit.PER_NL, day)));
        var candidate = new Candidate(
                patient,
                new PrimaryTumour(
                        org.netra.clinical.patient.TumourSite.PANCREAS, org.netra.clinical.patient.Grade.G1, null),
                null,
                labs,
                null,
                null,
                null,
                false);
        var defaults = Eligibility.withDefaults().assess(candidate, day);
        assertThat(defaults.criteria()).noneMatch(c -> c.name().equals("neutrophils"));
        var strict =
                new DepartmentLimits(20, 75, 8, Optional.of(1.5), 50, 3, 28, 2).applyTo(EligibilityConfig.DEFAULTS);
        var verdict = new Eligibility(strict).assess(candidate, day);
        var neutrophils = verdict.criteria().stream()
                .filter(c -> c.name().equals("neutrophils"))
                .findFirst()
                .orElseThrow();
        assertThat(neutrophils.status()).isEqualTo(Criterion.Status.NOT_MET);
        assertThat(neutrophils.threshold()).isEqualTo("≥ 1.50 ×10⁹/L");
        assertThat(verdict).isInstanceOf(Verdict.NotEligible.class);
    }
}

package org.netra.interop.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class FhirRoundTripTest {
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void theExportedBundleValidatesAgainstR4WithoutErrors() {
        Bundle bundle = new FhirExport(OSLO).toBundle(Records.referral("NO-0102", List.of(Records.spectStudy())));
        assertThat(FhirValidation.errors(bundle))
                .extracting(m -> m.getLocationString() + ": " + m.getMessage())
                .isEmpty();
        assertThat(bundle.getEntry())
                .extracting(e -> e.getResource().fhirType())
                .contains(
                        "Patient",
                        "Condition",
                        "Observation",
                        "ImagingStudy",
                        "MedicationAdministration",
                        "Procedure",
                        "CarePlan",
                        "AdverseEvent");
    }

    @Test
    void theValidatorCatchesAnInvalidBundle() {
        Bundle bundle = new FhirExport(OSLO).toBundle(Records.referral("NO-0102", List.of()));
        ((Observation) bundle.getEntry().get(1).getResource()).setStatus(null); // status is 1..1
        assertThat(FhirValidation.errors(bundle))
                .extracting(m -> m.getMessage())
                .anyMatch(m -> m.contains("status"));
    }

    @Test
    void exportImportExportIsIdentical() {
        ReferralRecord original = Records.referral("NO-0102", List.of(Records.spectStudy()));
        String first = FhirJson.encode(new FhirExport(OSLO).toBundle(original));
        ReferralRecord imported = new FhirImport(OSLO).fromBundle(FhirJson.parse(first, "first export"));
        String second = FhirJson.encode(new FhirExport(OSLO).toBundle(imported));
        assertThat(second).isEqualTo(first);
        assertThat(imported).isEqualTo(original);
    }

    @Test
    void labValuesCarryLoincAndUcum() {
        Bundle bundle = new FhirExport(OSLO).toBundle(Records.referral("NO-0102", List.of()));
        var hb = bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation o
                        && o.getCode().getCodingFirstRep().getCode().equals("718-7"))
                .map(Observation.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(hb.getValueQuantity().getValue().doubleValue()).isEqualTo(12.9);
        assertThat(hb.getValueQuantity().getCode()).isEqualTo("g/dL");
        assertThat(hb.getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
    }

    @Test
    void aBundleNetraCannotPlaceIsATypedErrorNamingTheEntry() {
        Bundle bundle = new FhirExport(OSLO).toBundle(Records.referral("NO-0102", List.of()));
        bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation o
                        && o.getCode().getCodingFirstRep().getCode().equals("718-7"))
                .map(Observation.class::cast)
                .findFirst()
                .orElseThrow()
                .getValueQuantity()
                .setCode("mmol/L");
        assertThatThrownBy(() -> new FhirImport(OSLO).fromBundle(bundle))
                .isInstanceOf(FhirImportException.class)
                .hasMessageContaining("718-7")
                .hasMessageContaining("mmol/L");
        assertThatThrownBy(() -> FhirJson.parse("{\"resourceType\":\"Bundle\",\"type\":42", "referral.json"))
                .isInstanceOf(FhirImportException.class)
                .hasMessageContaining("referral.json");
    }
}

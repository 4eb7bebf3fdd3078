package org.netra.interop.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.netra.interop.fhir.FhirExport;
import org.netra.interop.fhir.FhirImport;
import org.netra.interop.fhir.FhirJson;
import org.netra.interop.fhir.Records;
import org.netra.interop.fhir.ReferralRecord;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.PatientChart;

/** A FHIR Bundle from another system filed into netra, and what netra then says about the patient. */
class FhirFilingTest {
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void whatTheStoreHasAPlaceForComesBackTheSame() {
        ReferralRecord sent = Records.referral("NO-0102", List.of(Records.spectStudy()));
        var bundle = FhirJson.parse(FhirJson.encode(new FhirExport(OSLO).toBundle(sent)), "bundle.json");
        try (Store store = Store.open(
                StoreConfig.inMemory("f" + UUID.randomUUID().toString().replace("-", "")))) {
            var filed = FhirFiling.file(new FhirImport(OSLO).fromBundle(bundle), store, "fhir import");
            assertThat(filed.records())
                    .containsEntry("patient", 1)
                    .containsEntry("lab_panel", 3) // three sampling days; the clearance shares the first
                    .containsEntry("prrt_course", 1)
                    .containsEntry("toxicity", 1);
            assertThat(filed.notFiled()).hasSize(3).anyMatch(n -> n.contains("2 cycle(s) given"));

            ReferralRecord back = ChartFhir.of(PatientChart.load(store.records(), "NO-0102"), List.of());
            assertThat(back.patient()).isEqualTo(sent.patient());
            assertThat(back.name()).isEqualTo("Åse Solberg");
            assertThat(back.tumour()).isEqualTo(sent.tumour());
            assertThat(back.labs()).isEqualTo(sent.labs());
            assertThat(back.performance()).isEqualTo(sent.performance());
            assertThat(back.plan()).isEqualTo(sent.plan());
            assertThat(back.adverseEvents()).isEqualTo(sent.adverseEvents());

            assertThatThrownBy(() -> FhirFiling.file(new FhirImport(OSLO).fromBundle(bundle), store, "again"))
                    .isInstanceOf(ReferralException.class)
                    .hasMessageContaining("already exists");
        }
    }
}

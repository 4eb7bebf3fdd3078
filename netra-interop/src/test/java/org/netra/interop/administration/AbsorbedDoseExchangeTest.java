package org.netra.interop.administration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.netra.interop.administration.AdministrationSrTest.ACTOR;
import static org.netra.interop.administration.AdministrationSrTest.FIRST;
import static org.netra.interop.administration.AdministrationSrTest.MRN;
import static org.netra.interop.administration.AdministrationSrTest.OSLO;
import static org.netra.interop.administration.AdministrationSrTest.PID;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.TumourDose;
import org.netra.interop.fhir.AbsorbedDoseFhir;
import org.netra.interop.fhir.CycleDoseSummary;
import org.netra.interop.fhir.CycleDoseSummary.RegionKind;
import org.netra.interop.fhir.FhirImportException;
import org.netra.interop.fhir.FhirJson;
import org.netra.interop.fhir.FhirValidation;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Volume;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CycleCurves;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.RegionCurves;
import org.netra.testkit.ExternalTool;

/**
 * A cycle's absorbed doses as FHIR R4: built from the stored dosimetry, checked by HAPI's instance validator (R4
 * core, UCUM units), read by Python's plain JSON parser for the figures, read back by netra with every value, and
 * filed into a second netra as that cycle's dosimetry.
 */
class AbsorbedDoseExchangeTest {
    static final String COURSE = org.netra.store.clinical.ClinicalKinds.key(PID, "prrt-1");

    @TempDir
    Path dir;

    /** Cycle 1 with dosimetry: kidneys 3.6 Gy (T_eff 46 h, BED 3.92 Gy), marrow 0.28 Gy, a lesion and the liver. */
    static Store withDosimetry(Store store) {
        var record = new DosimetryRecord(
                COURSE + "/cycle-1",
                PID,
                COURSE,
                new CycleDosimetry(
                        1,
                        FIRST.toLocalDate(),
                        Activity.ofGBq(7.38),
                        AbsorbedDose.ofGy(3.6),
                        Duration.ofHours(46),
                        Optional.of(AbsorbedDose.ofGy(3.92)),
                        AbsorbedDose.ofGy(0.28)),
                List.of(new TumourDose("lesion 1", AbsorbedDose.ofGy(12.3), AbsorbedDose.ofGy(1.4), Volume.ofMl(22.5))),
                "dosimetry job j-1: scans at 4, 24, 96 h, voxel S; GTM partial-volume correction");
        store.records().create(ClinicalKinds.DOSIMETRY, record, ACTOR);
        store.records()
                .useTransaction(tx -> tx.put(
                        ClinicalKinds.CYCLE_CURVES,
                        new CycleCurves(
                                record.id(),
                                PID,
                                List.of(
                                        region("lesion 1", 12.3, 1.4, 22.5),
                                        region("liver", 2.1, 0.2, 1510),
                                        new RegionCurves("spleen", "mono-exponential", "", List.of(), List.of()))),
                        ACTOR));
        return store;
    }

    static RegionCurves region(String name, double gy, double sd, double ml) {
        return new RegionCurves(
                name,
                "mono-exponential",
                "",
                List.of(),
                List.of(),
                List.of(),
                Optional.of(AbsorbedDose.ofGy(gy)),
                Optional.of(AbsorbedDose.ofGy(sd)),
                Optional.of(Volume.ofMl(ml)));
    }

    @Test
    void theStoredCycleIsAValidR4BundleWithEveryDoseInGy() throws Exception {
        try (Store store = withDosimetry(AdministrationSrTest.store(dir, "h2", true))) {
            CycleDoseSummary s = CycleDoseRecords.summary(store, PID, 1);
            assertThat(s.regions())
                    .extracting(r -> r.region() + " " + r.kind())
                    .containsExactly("kidneys KIDNEYS", "red marrow RED_MARROW", "lesion 1 TUMOUR", "liver ORGAN");
            assertThat(s.administered()).isEqualTo(FIRST);
            assertThat(s.administrationEventUid()).isPresent();

            Bundle bundle = new AbsorbedDoseFhir(OSLO).toBundle(s);
            assertThat(FhirValidation.errors(bundle))
                    .extracting(m -> m.getLocationString() + ": " + m.getMessage())
                    .isEmpty();

            // an independent reader: Python's json module finds the figures where FHIR puts them
            Path json = dir.resolve("doses.json");
            Files.writeString(json, FhirJson.encode(bundle), StandardCharsets.UTF_8);
            var r = ExternalTool.run(List.of(ExternalTool.DEBIAN_PYTHON.toString(), "-c", """
                    import json, sys
                    b = json.load(open(sys.argv[1]))
                    obs = [e['resource'] for e in b['entry'] if e['resource']['resourceType'] == 'Observation']
                    summary = [o for o in obs if o['code']['coding'][0]['code'] == '73569-6'][0]
                    print(summary['valueQuantity']['value'], summary['valueQuantity']['code'])
                    for o in obs:
                        if o is summary: continue
                        q = o['valueQuantity']
                        print(o['bodySite']['text'], q['value'], q['code'], q['system'])
                    """, json.toString()));
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().strip().lines().toList())
                    .containsExactly(
                            "7380 MBq",
                            "kidneys 3.6 Gy http://unitsofmeasure.org",
                            "red marrow 0.28 Gy http://unitsofmeasure.org",
                            "lesion 1 12.3 Gy http://unitsofmeasure.org",
                            "liver 2.1 Gy http://unitsofmeasure.org");
            Files.createDirectories(Path.of("target", "test-artefacts"));
            Files.copy(
                    json,
                    Path.of("target", "test-artefacts", "absorbed-doses-fhir.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void theValidatorRefusesADoseInAUnitUcumDoesNotHave() throws Exception {
        try (Store store = withDosimetry(AdministrationSrTest.store(dir, "h2", true))) {
            Bundle bundle = new AbsorbedDoseFhir(OSLO).toBundle(CycleDoseRecords.summary(store, PID, 1));
            Observation kidneys = bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(x -> x instanceof Observation o
                            && "kidneys".equals(o.getBodySite().getText()))
                    .map(Observation.class::cast)
                    .findFirst()
                    .orElseThrow();
            kidneys.getValueQuantity().setCode("gray");
            assertThat(FhirValidation.errors(bundle))
                    .extracting(m -> m.getMessage())
                    .anyMatch(m -> m.contains("gray"));
            assertThatThrownBy(() -> new AbsorbedDoseFhir(OSLO).fromBundle(bundle, "the hand-edited Bundle"))
                    .isInstanceOf(FhirImportException.class)
                    .hasMessageContaining("the hand-edited Bundle")
                    .hasMessageContaining("'gray'")
                    .hasMessageContaining("Gy or mGy");
        }
    }

    /** Export, JSON, read back: the same summary; filed into another netra, the same doses on its cycle. */
    @Test
    void readBackAndFiledIntoAnotherNetraWithTheSameDoses() throws Exception {
        CycleDoseSummary original;
        String json;
        try (Store source = withDosimetry(AdministrationSrTest.store(dir, "source", true))) {
            original = CycleDoseRecords.summary(source, PID, 1);
            json = FhirJson.encode(new AbsorbedDoseFhir(OSLO).toBundle(original));
        }
        CycleDoseSummary read = new AbsorbedDoseFhir(OSLO).fromBundle(FhirJson.parse(json, "doses.json"), "doses.json");
        assertThat(read).isEqualTo(original);
        assertThat(FhirJson.encode(new AbsorbedDoseFhir(OSLO).toBundle(read))).isEqualTo(json);

        // the receiving netra knows the patient by MRN only
        var byMrn = new CycleDoseSummary(
                MRN,
                read.patientName(),
                read.sex(),
                read.birthDate(),
                read.cycle(),
                read.radiopharmaceutical(),
                read.administered(),
                read.activity(),
                read.administrationEventUid(),
                read.regions(),
                read.method());
        try (Store target = AdministrationSrTest.store(dir, "target", false)) {
            DosimetryRecord filed = CycleDoseRecords.file(target, byMrn, "doses.json", ACTOR);
            assertThat(filed.patientId()).isEqualTo(PID);
            CycleDosimetry d = filed.dosimetry();
            assertThat(d.kidneyDose().inGy()).isCloseTo(3.6, within(1e-12));
            assertThat(d.kidneyBed()).contains(AbsorbedDose.ofGy(3.92));
            assertThat(d.kidneyEffectiveHalfLife()).isEqualTo(Duration.ofHours(46));
            assertThat(d.marrowDose().inGy()).isCloseTo(0.28, within(1e-12));
            assertThat(filed.tumours())
                    .containsExactly(new TumourDose(
                            "lesion 1", AbsorbedDose.ofGy(12.3), AbsorbedDose.ofGy(1.4), Volume.ofMl(22.5)));
            assertThat(filed.method()).startsWith("imported from doses.json: dosimetry job j-1");
            var again = CycleDoseRecords.summary(target, PID, 1);
            assertThat(again.regions()).isEqualTo(original.regions());
            // the target has no administration record: the planned time, and the summary says so
            assertThat(again.method()).contains("the planned one (no administration record)");

            assertThatThrownBy(() -> CycleDoseRecords.file(target, byMrn, "doses.json", ACTOR))
                    .isInstanceOf(AdministrationSrException.class)
                    .hasMessageContaining("already has dosimetry");
        }
    }

    @Test
    void aSummaryWithoutTheKidneysHalfLifeIsRefusedNamingWhy() throws Exception {
        CycleDoseSummary s;
        try (Store source = withDosimetry(AdministrationSrTest.store(dir, "source", true))) {
            s = CycleDoseRecords.summary(source, PID, 1);
        }
        var regions = s.regions().stream()
                .map(r -> r.kind() == RegionKind.KIDNEYS
                        ? new CycleDoseSummary.RegionDose(
                                r.region(),
                                r.kind(),
                                r.mean(),
                                r.standardDeviation(),
                                r.volume(),
                                Optional.empty(),
                                r.bed())
                        : r)
                .toList();
        var noHalfLife = new CycleDoseSummary(
                s.patientId(),
                s.patientName(),
                s.sex(),
                s.birthDate(),
                s.cycle(),
                s.radiopharmaceutical(),
                s.administered(),
                s.activity(),
                s.administrationEventUid(),
                regions,
                s.method());
        try (Store target = AdministrationSrTest.store(dir, "target", false)) {
            assertThatThrownBy(() -> CycleDoseRecords.file(target, noHalfLife, "doses.json", ACTOR))
                    .isInstanceOf(AdministrationSrException.class)
                    .hasMessageContaining("effective half-life");
            assertThat(target.records().list(ClinicalKinds.DOSIMETRY)).isEmpty();
        }
    }
}

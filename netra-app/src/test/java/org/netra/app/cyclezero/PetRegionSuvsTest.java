package org.netra.app.cyclezero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.viewer.Scene;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.RoleRules;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CycleZeroRecord;
import org.netra.testkit.ExternalTool;
import org.netra.testkit.TestData;

/**
 * Virtual cycle 0's SUVmeans measured on a held PET study, on the real FDG PET of shared/data (its RTSTRUCT has two
 * GTVs, no kidney or spleen): each VOI's SUVbw mean against pydicom + NumPy + matplotlib computed independently here
 * (roi_reference.py rasterises the RTSTRUCT and averages the BQML voxels; the SUV factor from the header by a second
 * script), and the record says the values were measured, on which series.
 */
class PetRegionSuvsTest {
    static final String PET = "fdg-pet-sts001-pet-bqml";
    static final Path REFERENCE = Path.of(
            "..", "netra-imaging", "src", "test", "resources", "org", "netra", "imaging", "quant", "roi_reference.py");

    static Scene study() {
        return FolderStudies.scan(TestData.path("dicom")).scene(PET).orElseThrow();
    }

    /** Mean Bq/mL per ROI name and the SUVbw factor, from pydicom. */
    static JsonNode reference() throws Exception {
        ExternalTool.requirePython("python3-pydicom python3-matplotlib", "pydicom", "matplotlib");
        Path series = TestData.path("dicom/fdg-pet-sts001/pet-bqml/image");
        Path rtstruct;
        try (Stream<Path> f = Files.list(TestData.path("dicom/fdg-pet-sts001/pet-bqml/mask"))) {
            rtstruct = f.findFirst().orElseThrow();
        }
        var rois = ExternalTool.run(List.of(
                ExternalTool.DEBIAN_PYTHON.toString(), REFERENCE.toString(), series.toString(), rtstruct.toString()));
        assertThat(rois.exitCode()).as(rois.err()).isZero();
        String suv = String.join(
                "\n",
                "import sys, os, datetime, pydicom",
                "d = sys.argv[1]",
                "ds = pydicom.dcmread(os.path.join(d, sorted(os.listdir(d))[0]))",
                "p = ds.RadiopharmaceuticalInformationSequence[0]",
                "t = lambda s: datetime.datetime.strptime(str(s).split('.')[0].ljust(6, '0'), '%H%M%S')",
                "elapsed = (t(ds.SeriesTime) - t(p.RadiopharmaceuticalStartTime)).total_seconds()",
                "dose = float(p.RadionuclideTotalDose) * 2 ** (-elapsed / float(p.RadionuclideHalfLife))",
                "assert ds.DecayCorrection == 'START'",
                "print(float(ds.PatientWeight) * 1000 / dose)");
        var factor = ExternalTool.run(List.of(ExternalTool.DEBIAN_PYTHON.toString(), "-c", suv, series.toString()));
        assertThat(factor.exitCode()).as(factor.err()).isZero();
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(rois.out());
        json.put("suvPerBqMl", Double.parseDouble(factor.out().strip()));
        return json;
    }

    @Test
    void theTumourSuvMeansOfTheRealPetAreThoseOfPydicom() throws Exception {
        JsonNode ref = reference();
        double perBqMl = ref.get("suvPerBqMl").asDouble();
        var measured = PetRegionSuvs.measure(study(), RoleRules.DEFAULT);
        assertThat(measured.tumours()).containsOnlyKeys("GTV_Mass", "GTV_Edema");
        for (String voi : List.of("GTV_Mass", "GTV_Edema")) {
            double expected = ref.at("/rois/" + voi + "/meanBqPerMl").asDouble() * perBqMl;
            // the two rasterisations of the contours differ at the edge by a few voxels: 0.5 %
            assertThat(measured.tumours().get(voi)).as(voi).isCloseTo(expected, within(0.005 * expected));
        }
        assertThat(measured.kidneys()).isEmpty();
        assertThat(measured.spleen()).isEmpty();
        assertThat(measured.source())
                .contains("measured on")
                .contains("GTV_Mass")
                .contains("series 1.");
    }

    @Test
    void theRecordSaysTheSuvsWereMeasuredAndAStudyWithoutKidneysIsRefused() throws Exception {
        JsonNode ref = reference();
        double perBqMl = ref.get("suvPerBqMl").asDouble();
        try (var store = Store.open(StoreConfig.inMemory("pet-suv-" + UUID.randomUUID()))) {
            var zero = new VirtualCycleZero(store.records());
            var noKidneys = PetRegionSuvs.measure(study(), RoleRules.DEFAULT);
            assertThatThrownBy(() -> zero.predict("P-1", "P-1/prrt-1", LocalDate.of(2024, 1, 2), noKidneys, 4))
                    .isInstanceOf(CycleInputException.class)
                    .hasMessageContaining("no kidney VOI");
            // a department that names its kidney VOI unusually gives it the role: its voxels are the kidneys
            var asKidney = PetRegionSuvs.measure(study(), RoleRules.DEFAULT.withOverrides(List.of("GTV_Edema=kidney")));
            double edema = ref.at("/rois/GTV_Edema/meanBqPerMl").asDouble() * perBqMl;
            assertThat(asKidney.kidneys().orElseThrow()).isCloseTo(edema, within(0.005 * edema));
            CycleZeroRecord record = zero.predict("P-1", "P-1/prrt-1", LocalDate.of(2024, 1, 2), asKidney, 4);
            assertThat(record.kidneys().petSuvMean())
                    .isEqualTo(asKidney.kidneys().orElseThrow());
            assertThat(record.suvSource()).isEqualTo(asKidney.source()).startsWith("measured on");
            // typed values stay possible, and say so
            var typed = zero.predict(
                    "P-1",
                    "P-1/prrt-1",
                    LocalDate.of(2024, 1, 2),
                    10,
                    java.util.Optional.empty(),
                    java.util.Map.of(),
                    4);
            assertThat(typed.suvSource()).isEqualTo(CycleZeroRecord.TYPED);
            // the source survives the store
            store.records()
                    .create(
                            ClinicalKinds.PATIENT,
                            org.netra.app.web.therapy.TherapyFixture.patient(
                                    "P-1", "Pet Suv", LocalDate.of(1960, 1, 1)),
                            "test");
            store.records().create(ClinicalKinds.CYCLE_ZERO, record, "test");
            assertThat(store.records()
                            .get(ClinicalKinds.CYCLE_ZERO, record.id())
                            .value()
                            .suvSource())
                    .isEqualTo(record.suvSource());
        }
    }
}

package org.netra.imaging.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.PlanarView;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.testkit.ExternalTool;
import org.netra.testkit.TestData;

/**
 * Vendor-style NM variants written at test time by pydicom + numpy from the real 177Lu SPECT
 * (src/test/resources/vendor/vendor_variants.py): a GE-style reconstructed SPECT in counts, a two-head static
 * acquisition with a photopeak and a scatter window, a 99mTc whole-body bone scan. Each file is read by netra
 * and compared with pydicom's reading of the same file (frame sums, a SHA-256 of every frame's values, energy
 * windows, positions, durations); the Siemens xSPECT variant is the real data itself.
 */
class VendorVariantsTest {
    @TempDir
    static Path out;

    private static JsonNode reference;
    private static final Nuclide LU177 = NuclideCatalog.icrp107().get("Lu-177");
    private static final Nuclide TC99M = NuclideCatalog.icrp107().get("Tc-99m");

    @BeforeAll
    static void writeVariants() throws Exception {
        ExternalTool.requirePython("python3-pydicom python3-numpy", "pydicom", "numpy");
        Path spect = TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image");
        Path script = out.resolve("vendor_variants.py");
        try (var in = VendorVariantsTest.class.getResourceAsStream("/vendor/vendor_variants.py")) {
            Files.write(script, in.readAllBytes());
        }
        var r = ExternalTool.run(
                List.of(ExternalTool.DEBIAN_PYTHON.toString(), script.toString(), spect.toString(), out.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        reference = new ObjectMapper().readTree(out.resolve("reference.json").toFile());
    }

    @Test
    void geCountsSpectIsReadAsPydicomReadsItAndNeedsACalibration() throws Exception {
        JsonNode ref = reference.get("ge-counts-spect.dcm");
        AssembledSeries s = SeriesAssembler.assemble(out.resolve("ge-counts-spect.dcm"));
        assertThat(s.kind()).isEqualTo(AssembledSeries.Kind.NM_TOMOGRAPHIC);
        var g = s.volume().geometry();
        assertThat(new int[] {g.nx(), g.ny(), g.nz()})
                .containsExactly(
                        ref.get("columns").asInt(),
                        ref.get("rows").asInt(),
                        ref.get("frames").asInt());
        assertThat(g.spacing()[0]).isEqualTo(ref.get("pixelSpacing").get(1).asDouble());
        for (int k = 0; k < 3; k++) {
            assertThat(g.origin()[k]).isCloseTo(ref.get("firstPosition").get(k).asDouble(), within(1e-9));
        }
        assertSlicesEqual(s.volume(), ref);

        StoredQuantity q = StoredQuantity.of(s);
        assertThat(q).isInstanceOf(StoredQuantity.CountsNeedingCalibration.class);
        var counts = (StoredQuantity.CountsNeedingCalibration) q;
        // 60 views of 20 s (pydicom: 20000 ms x 60)
        assertThat(counts.acquisitionTime())
                .contains(Duration.ofMillis(
                        Math.round(ref.get("acquisitionSeconds").asDouble() * 1000)));
        assertThat(counts.how())
                .contains("GE MEDICAL SYSTEMS")
                .contains("no Units")
                .contains("calibration")
                .contains("1200.0 s");
        // what must not happen: counts taken for Bq/mL
        assertThatThrownBy(() -> RealWorldValues.bqPerMlAtScanStart(s))
                .isInstanceOf(QuantificationException.class)
                .hasMessageContaining("(0054,1001) Units");
    }

    @Test
    void siemensXspectIsActivityConcentrationDecayCorrectedToAdministration() throws Exception {
        AssembledSeries s = SeriesAssembler.assemble(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image"));
        // dcmdump: Manufacturer SIEMENS NM, Units BQML, DecayCorrection ADMIN (the real xSPECT Quant export)
        assertThat(s.header().string(org.netra.imaging.dicom.Tag.MANUFACTURER)).contains("SIEMENS NM");
        assertThat(StoredQuantity.of(s))
                .isEqualTo(
                        new StoredQuantity.ActivityConcentration("BQML", java.util.Optional.of(DecayCorrection.ADMIN)));
    }

    @Test
    void theStaticAcquisitionsPhotopeakFramesArePickedAndNamed() throws Exception {
        JsonNode ref = reference.get("nm-windows-static.dcm");
        AssembledSeries s = SeriesAssembler.assemble(out.resolve("nm-windows-static.dcm"));
        assertThat(s.kind()).isEqualTo(AssembledSeries.Kind.PLANAR);
        assertThat(s.views()).hasSize(ref.get("frames").asInt());
        for (int f = 0; f < s.views().size(); f++) {
            PlanarView v = s.views().get(f);
            assertThat(v.energyWindow())
                    .isEqualTo(ref.get("energyWindowVector").get(f).asInt());
            assertThat(v.detector()).isEqualTo(ref.get("detectorVector").get(f).asInt());
            assertThat(sha256(v.image().voxels()))
                    .isEqualTo(ref.get("frameSha256").get(f).asText());
        }
        var windows = PhotopeakWindow.windows(s.header());
        assertThat(windows).hasSize(ref.get("windows").size());
        for (int w = 0; w < windows.size(); w++) {
            JsonNode rw = ref.get("windows").get(w);
            assertThat(windows.get(w))
                    .isEqualTo(new PhotopeakWindow.EnergyWindow(
                            w + 1,
                            rw.get(0).asText(),
                            rw.get(1).asDouble(),
                            rw.get(2).asDouble()));
        }

        PhotopeakWindow.Selection peak = PhotopeakWindow.of(s, LU177);
        assertThat(peak.window().name()).isEqualTo("EM");
        assertThat(peak.lineKeV()).isCloseTo(208.366, within(1e-3));
        assertThat(peak.views())
                .extracting(PlanarView::name)
                .allMatch(n -> n.startsWith("ANTERIOR") || n.startsWith("POSTERIOR"));
        assertThat(peak.views()).extracting(PlanarView::detector).containsExactly(1, 2);
        assertThat(peak.leftOut())
                .extracting(PhotopeakWindow.EnergyWindow::name)
                .containsExactly("SC_LOW");
        assertThat(peak.how())
                .contains("'EM' 187.2–228.8 keV holds the 208.4 keV line")
                .contains("SC_LOW");

        // conjugate views on the photopeak frames equal MIRD 16 on pydicom's region sums
        JsonNode cj = reference.get("conjugate");
        ImageVolume anterior = peak.views().get(0).image();
        var g = anterior.geometry();
        boolean[] region = new boolean[g.nx() * g.ny()];
        for (int row = cj.get("rows").get(0).asInt();
                row < cj.get("rows").get(1).asInt();
                row++) {
            for (int col = cj.get("columns").get(0).asInt();
                    col < cj.get("columns").get(1).asInt();
                    col++) {
                region[row * g.nx() + col] = true;
            }
        }
        var calibration = new SpectCalibration(12.5);
        double seconds = 900; // Actual Frame Duration 900000 ms
        var activity = ConjugateView.activity(
                anterior,
                peak.views().get(1).image(),
                Mask.of("region", g, region),
                Duration.ofSeconds(900),
                0.12,
                20,
                calibration);
        double expected = Math.sqrt(cj.get("anteriorCounts").asDouble()
                        / seconds
                        * cj.get("posteriorCounts").asDouble()
                        / seconds)
                * Math.exp(0.12 * 20 / 2)
                / 12.5;
        assertThat(activity.inMBq()).isCloseTo(expected, within(expected * 1e-9));
        assertThat(((StoredQuantity.CountsNeedingCalibration) StoredQuantity.of(s)).acquisitionTime())
                .contains(Duration.ofSeconds(900));
    }

    @Test
    void windowsHoldingNoLineOfTheNuclideAreRefusedNamingBoth() throws Exception {
        AssembledSeries s = SeriesAssembler.assemble(out.resolve("nm-windows-static.dcm"));
        assertThatThrownBy(() -> PhotopeakWindow.of(s, TC99M))
                .isInstanceOf(QuantificationException.class)
                .hasMessageContaining("(0054,0012)")
                .hasMessageContaining("140.5 keV")
                .hasMessageContaining("'SC_LOW' 166.4–187.2 keV");
    }

    @Test
    void wholeBodyBoneScanGivesAnteriorAndPosteriorAsPydicom() throws Exception {
        JsonNode ref = reference.get("bone-wb.dcm");
        AssembledSeries s = SeriesAssembler.assemble(out.resolve("bone-wb.dcm"));
        assertThat(s.kind()).isEqualTo(AssembledSeries.Kind.PLANAR);
        assertThat(s.views()).extracting(PlanarView::name).containsExactly("ANTERIOR", "POSTERIOR");
        for (int f = 0; f < 2; f++) {
            assertThat(sha256(s.views().get(f).image().voxels()))
                    .isEqualTo(ref.get("frameSha256").get(f).asText());
        }
        PhotopeakWindow.Selection peak = PhotopeakWindow.of(s, TC99M);
        assertThat(peak.lineKeV()).isCloseTo(140.5, within(0.1));
        assertThat(peak.views()).hasSize(2);
        assertThat(peak.leftOut()).isEmpty();
        assertThat(((StoredQuantity.CountsNeedingCalibration) StoredQuantity.of(s)).acquisitionTime())
                .contains(Duration.ofMinutes(20));
    }

    private static void assertSlicesEqual(ImageVolume v, JsonNode ref) throws Exception {
        var g = v.geometry();
        int plane = g.nx() * g.ny();
        float[] voxels = v.voxels();
        for (int z = 0; z < g.nz(); z++) {
            float[] slice = java.util.Arrays.copyOfRange(voxels, z * plane, (z + 1) * plane);
            double sum = 0;
            for (float f : slice) {
                sum += f;
            }
            assertThat(sum)
                    .as("slice %d", z)
                    .isEqualTo(ref.get("frameSums").get(z).asDouble());
            assertThat(sha256(slice))
                    .as("slice %d", z)
                    .isEqualTo(ref.get("frameSha256").get(z).asText());
        }
    }

    /** The SHA-256 of the values as little-endian float64, as the script hashes numpy's frames. */
    private static String sha256(float[] values) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : values) {
            b.putDouble(f);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }
}

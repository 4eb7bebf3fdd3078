package org.netra.app.web.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.testkit.ExternalTool;
import org.netra.testkit.TestData;

/**
 * The viewer's readout under the cursor (/api/imaging/{study}/value) at chosen pixels of the real 177Lu SPECT
 * and FDG PET/CT against an independent reader (pydicom + NumPy + SciPy, below) that finds each voxel from the
 * position netra reports, applies the DICOM rescale and decay-correction rules itself, and computes SUV and
 * the CT's HU (trilinear) on its own.
 */
class ViewerReadoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPECT = "lu177-dotatate-spect-scan_002";
    private static final String PETCT = "fdg-pet-sts001-pet-bqml";
    private static TestServer server;

    @BeforeAll
    static void start() {
        var studies = FolderStudies.scan(TestData.path("dicom"));
        server = TestServer.custom(null, b -> b.studies(studies));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * Reads, for each position (x y z, mm), the series' Bq/mL at scan start, SUVbw and (with a CT folder) HU.
     * ADMIN-corrected values are taken back to scan start (the earlier of series time and first acquisition).
     */
    static final String REFERENCE = """
            import sys, os, datetime, numpy as np, pydicom
            from scipy.ndimage import map_coordinates
            def series(folder):
                ds = [pydicom.dcmread(os.path.join(folder, f)) for f in sorted(os.listdir(folder))]
                iop = np.array([float(v) for v in ds[0].ImageOrientationPatient])
                normal = np.cross(iop[:3], iop[3:])
                ds.sort(key=lambda d: float(np.dot(normal, [float(v) for v in d.ImagePositionPatient])))
                vol = np.stack([d.pixel_array.astype(np.float64) * float(getattr(d, 'RescaleSlope', 1))
                                + float(getattr(d, 'RescaleIntercept', 0)) for d in ds])
                return ds, vol, iop, normal
            def dt(date, time):
                t = str(time).split('.')[0].ljust(6, '0')
                return datetime.datetime.strptime(str(date) + t, '%Y%m%d%H%M%S')
            def index(ds, iop, normal, p):
                o = np.array([float(v) for v in ds[0].ImagePositionPatient])
                dz = np.dot(normal, np.array([float(v) for v in ds[1].ImagePositionPatient]) - o)
                sy, sx = (float(v) for v in ds[0].PixelSpacing)
                d = np.array(p) - o
                return np.dot(normal, d) / dz, np.dot(iop[3:], d) / sy, np.dot(iop[:3], d) / sx
            emission, vol, iop, normal = series(sys.argv[1])
            h = emission[0]
            rp = h.RadiopharmaceuticalInformationSequence[0]
            inj = (dt(str(rp.RadiopharmaceuticalStartDateTime)[:8], str(rp.RadiopharmaceuticalStartDateTime)[8:])
                   if 'RadiopharmaceuticalStartDateTime' in rp else dt(h.SeriesDate, rp.RadiopharmaceuticalStartTime))
            acq = min(dt(d.AcquisitionDate, d.AcquisitionTime) for d in emission)
            start = dt(h.SeriesDate, h.SeriesTime)
            start = start if start <= acq else acq
            half = float(rp.RadionuclideHalfLife)
            decay = 2 ** (-(start - inj).total_seconds() / half)
            factor = decay if h.DecayCorrection == 'ADMIN' else 1.0
            suv_per = float(h.PatientWeight) * 1000 / (float(rp.RadionuclideTotalDose) * decay)
            ct = series(sys.argv[2]) if sys.argv[2] != '-' else None
            for arg in sys.argv[3:]:
                p = [float(v) for v in arg.split(',')]
                k, r, c = (int(round(v)) for v in index(emission, iop, normal, p))
                bq = vol[k, r, c] * factor
                hu = ''
                if ct:
                    cds, cvol, ciop, cn = ct
                    hu = map_coordinates(cvol, np.array(index(cds, ciop, cn, p)).reshape(3, 1), order=1, cval=-1000)[0]
                print(repr(bq), repr(bq * suv_per), repr(hu) if hu != '' else '-')
            """;

    static List<double[]> reference(String series, String ct, List<JsonNode> readouts) throws Exception {
        ExternalTool.requirePython("python3-pydicom, python3-numpy, python3-scipy", "pydicom", "numpy", "scipy");
        var cmd = new ArrayList<>(List.of(ExternalTool.DEBIAN_PYTHON.toString(), "-c", REFERENCE, series, ct));
        for (JsonNode r : readouts) {
            JsonNode p = r.get("positionMm");
            cmd.add(p.get(0).asDouble() + "," + p.get(1).asDouble() + ","
                    + p.get(2).asDouble());
        }
        var run = ExternalTool.run(cmd);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<double[]> out = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            String[] f = line.strip().split(" ");
            out.add(new double[] {
                Double.parseDouble(f[0]),
                Double.parseDouble(f[1]),
                f[2].equals("-") ? Double.NaN : Double.parseDouble(f[2])
            });
        }
        return out;
    }

    static List<JsonNode> readouts(WebClient c, String study, String plane, int slice, int[][] pixels)
            throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (int[] px : pixels) {
            var r = c.get("/api/imaging/" + study + "/value?plane=" + plane + "&slice=" + slice + "&col=" + px[0]
                    + "&row=" + px[1]);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            out.add(JSON.readTree(r.body()));
        }
        return out;
    }

    @Test
    void spectReadoutIsTheSeriesBqPerMlAtScanStartWithSuvAndDose() throws Exception {
        var nurse = new WebClient(server.base);
        nurse.signIn("nurse", TestServer.password("nurse"));
        // the hot liver lesion's slice and a cold one, across the body; and a coronal one
        List<JsonNode> got = new ArrayList<>(readouts(
                nurse, SPECT, "axial", 120, new int[][] {{128, 128}, {100, 120}, {150, 110}, {90, 140}, {60, 60}}));
        got.addAll(readouts(nurse, SPECT, "coronal", 128, new int[][] {{128, 100}, {110, 140}}));
        Path image = TestData.path("dicom/lu177-dotatate-spect/SCAN_002/image");
        List<double[]> ref = reference(image.toString(), "-", got);
        boolean anyHot = false;
        for (int n = 0; n < got.size(); n++) {
            JsonNode r = got.get(n);
            double bq = r.get("bqPerMl").asDouble();
            assertThat(bq).as("Bq/mL at %s", r).isCloseTo(ref.get(n)[0], within(1e-5 * Math.abs(ref.get(n)[0]) + 1e-3));
            assertThat(r.get("suv").asDouble())
                    .as("SUV at %s", r)
                    .isCloseTo(ref.get(n)[1], within(1e-5 * Math.abs(ref.get(n)[1]) + 1e-9));
            // the 28 h scan has its illustrative dose map; no CT in this study
            assertThat(r.get("gy").isNumber()).isTrue();
            assertThat(r.get("hu").isNull()).isTrue();
            anyHot |= bq > 1000;
        }
        assertThat(anyHot)
                .as("at least one chosen voxel is in tissue with uptake")
                .isTrue();
    }

    @Test
    void petReadoutHasSuvAndTheCtsHounsfieldUnits() throws Exception {
        var nurse = new WebClient(server.base);
        nurse.signIn("nurse", TestServer.password("nurse"));
        List<JsonNode> got =
                readouts(nurse, PETCT, "axial", 40, new int[][] {{64, 64}, {70, 50}, {40, 70}, {90, 60}, {64, 30}});
        Path root = TestData.path("dicom/fdg-pet-sts001");
        List<double[]> ref = reference(
                root.resolve("pet-bqml/image").toString(),
                root.resolve("ct/image").toString(),
                got);
        for (int n = 0; n < got.size(); n++) {
            JsonNode r = got.get(n);
            assertThat(r.get("bqPerMl").asDouble())
                    .as("Bq/mL at %s", r)
                    .isCloseTo(ref.get(n)[0], within(1e-5 * Math.abs(ref.get(n)[0]) + 1e-3));
            assertThat(r.get("suv").asDouble())
                    .as("SUV at %s", r)
                    .isCloseTo(ref.get(n)[1], within(1e-5 * Math.abs(ref.get(n)[1]) + 1e-9));
            // float32 CT resampled by netra vs float64 by SciPy
            assertThat(r.get("hu").asDouble()).as("HU at %s", r).isCloseTo(ref.get(n)[2], within(0.05));
            assertThat(r.get("gy").isNull()).isTrue();
        }
        assertThat(got.stream().mapToDouble(r -> r.get("hu").asDouble()).max().orElseThrow())
                .as("some chosen voxel is in the body")
                .isGreaterThan(-500);
    }

    @Test
    void theStudyListSaysWhichStudiesHaveADoseMapBeforeAnyIsOpened() throws Exception {
        var c = new WebClient(server.base);
        c.signIn("nurse", TestServer.password("nurse"));
        JsonNode list = JSON.readTree(c.get("/api/imaging").body());
        for (JsonNode s : list) {
            JsonNode view =
                    JSON.readTree(c.get("/api/imaging/" + s.get("id").asText()).body());
            assertThat(s.get("hasDose").asBoolean())
                    .as("hasDose of %s against the viewer's dose layer", s.get("id"))
                    .isEqualTo(view.get("dose").asBoolean());
        }
        assertThat(list.findValuesAsText("id")).contains(SPECT, PETCT);
    }

    @Test
    void presetsAndColourBarsAndBadReadoutsAreNamed() throws Exception {
        var c = new WebClient(server.base);
        c.signIn("nurse", TestServer.password("nurse"));
        for (String ct : List.of("soft", "bone", "lung")) {
            assertThat(c.getBytes("/imaging/" + PETCT + "/render?plane=axial&slice=40&fusion=1&ct=" + ct
                                    + "&scale=suv10")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(c.getBytes("/imaging/" + PETCT + "/colourbar?layer=ct&ct=" + ct)
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(c.getBytes("/imaging/" + SPECT + "/colourbar?layer=dose").statusCode())
                .isEqualTo(200);
        assertThat(c.get("/imaging/" + PETCT + "/render?ct=liver").body()).contains("use soft, bone or lung");
        assertThat(c.get("/imaging/" + PETCT + "/render?scale=p20").body()).contains("p50–p100");
        assertThat(c.get("/imaging/" + SPECT + "/colourbar?layer=ct").body()).contains("no CT");
        var outside = c.get("/api/imaging/" + SPECT + "/value?plane=axial&slice=120&col=999&row=0");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.body()).contains("outside the image");
        assertThat(c.get("/api/imaging/" + SPECT + "/value?plane=axial&u=1.5&v=0")
                        .statusCode())
                .isEqualTo(400);
    }
}

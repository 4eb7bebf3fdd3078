package org.netra.interop.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.dosimetry.voxel.LocalDeposition;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Density;
import org.netra.testkit.ExternalTool;
import org.netra.testkit.TestData;

/**
 * RT Dose, RTSTRUCT and Encapsulated PDF made from the real 177Lu SPECT, checked by dicom3tools
 * (dciodvfy), DCMTK (dcmdump) and pydicom.
 */
public class DicomExportsTest {
    /** An assumed effective half-life for the test's dose map (h): any positive value makes a valid map. */
    private static final double EFFECTIVE_HALF_LIFE_H = 67;

    static AssembledSeries spect;
    static SourceSeries source;

    @TempDir
    Path dir;

    @BeforeAll
    static void readSpect() throws IOException {
        spect = SeriesAssembler.assemble(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image"));
        source = SourceSeries.of(spect);
    }

    /** Local-deposition dose of the scan's activity held for a mono-exponential with the assumed half-life. */
    public static ImageVolume doseMap(AssembledSeries spect) {
        ImageVolume activity = spect.volume();
        double voxelMl = activity.geometry().voxelVolume().inMl();
        double seconds = EFFECTIVE_HALF_LIFE_H * 3600 / Math.log(2);
        float[] a = activity.voxels();
        float[] tia = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            tia[i] = (float) (Math.max(0, a[i]) * voxelMl * seconds);
        }
        return LocalDeposition.dose(
                ImageVolume.wrap(activity.geometry(), VoxelUnit.BQ_S, tia),
                EnergyPartition.of(NuclideCatalog.icrp107().get("Lu-177")),
                Density.ofGramsPerMl(1.0));
    }

    /** dciodvfy ran to its end (it names the IOD it checked) and reported no error. */
    static void assertValidIod(Path file, String iod) throws IOException, InterruptedException {
        ExternalTool.require("dciodvfy", "dicom3tools");
        var r = ExternalTool.run(List.of("/usr/bin/dciodvfy", file.toString()));
        String report = r.out() + r.err();
        assertThat(r.exitCode()).as("dciodvfy exit code; report:%n%s", report).isZero();
        assertThat(report.lines().map(String::strip)).as("dciodvfy of %s", file).contains(iod);
        assertThat(report.lines().filter(l -> l.startsWith("Error")))
                .as("dciodvfy of %s:%n%s", file, report)
                .isEmpty();
    }

    static String dcmdump(Path file) throws IOException, InterruptedException {
        ExternalTool.require("dcmdump", "dcmtk");
        var r = ExternalTool.run(List.of("/usr/bin/dcmdump", "-q", file.toString()));
        assertThat(r.exitCode()).as("dcmdump of %s: %s", file, r.err()).isZero();
        assertThat(r.err()).isBlank();
        return r.out();
    }

    static String python(String script, String... args) throws IOException, InterruptedException {
        ExternalTool.requirePython("python3-pydicom, python3-numpy", "pydicom", "numpy");
        var cmd = new java.util.ArrayList<>(List.of(ExternalTool.DEBIAN_PYTHON.toString(), "-c", script));
        cmd.addAll(List.of(args));
        var r = ExternalTool.run(cmd);
        assertThat(r.exitCode()).as("python: %s", r.err()).isZero();
        return r.out().strip();
    }

    @Test
    void rtDoseIsValidAndPydicomReadsTheDoseBack() throws Exception {
        ImageVolume dose = doseMap(spect);
        Attributes ds = RtDoseExport.toDataset(dose, source, "177Lu absorbed dose (local deposition)");
        Path file = dir.resolve("rtdose.dcm");
        DicomWriter.write(file, ds);
        Path raw = dir.resolve("dose.f32");
        ByteBuffer b = ByteBuffer.allocate(4 * dose.voxels().length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : dose.voxels()) {
            b.putFloat(v);
        }
        Files.write(raw, b.array());

        assertValidIod(file, "RTDose");
        String dump = dcmdump(file);
        assertThat(dump).contains("(3004,0002) CS [GY]", "(3004,000e) DS", "RTDOSE");
        assertThat(dump).contains(source.studyInstanceUid(), source.frameOfReferenceUid());

        // pydicom: stored values × Dose Grid Scaling against the float map; geometry against netra's
        String out = python("""
                import sys, numpy as np, pydicom
                d = pydicom.dcmread(sys.argv[1])
                gy = d.pixel_array.astype(np.float64) * float(d.DoseGridScaling)
                ref = np.fromfile(sys.argv[2], dtype='<f4').astype(np.float64).reshape(gy.shape)
                z = [float(d.ImagePositionPatient[2]) + float(o) for o in d.GridFrameOffsetVector]
                print(np.abs(gy - ref).max(), float(d.DoseGridScaling), ref.max(), gy.shape, z[-1],
                      d.ReferencedImageSequence[0].ReferencedSOPInstanceUID, d.FrameOfReferenceUID)
                """, file.toString(), raw.toString());
        String[] f = out.split(" ");
        double maxError = Double.parseDouble(f[0]);
        double scaling = Double.parseDouble(f[1]);
        double maxDose = Double.parseDouble(f[2]);
        assertThat(maxDose).isPositive();
        // rounding to the grid step, plus float32's own precision of the reference map
        assertThat(maxError).isLessThanOrEqualTo(scaling / 2 + Math.ulp((float) maxDose));
        assertThat(out)
                .contains("(" + dose.geometry().nz() + ", " + dose.geometry().ny() + ", "
                        + dose.geometry().nx() + ")");
        double[] last = new double[3];
        dose.geometry().indexToWorld(0, 0, dose.geometry().nz() - 1, last);
        assertThat(Double.parseDouble(f[f.length - 3])).isCloseTo(last[2], org.assertj.core.data.Offset.offset(1e-3));
        assertThat(out).endsWith(source.images().getFirst().sopInstanceUid() + " " + source.frameOfReferenceUid());
    }

    /**
     * Geometry, independently: nibabel places the dose map (NIfTI, RAS) and pydicom the RT Dose (LPS,
     * Image Position + Orientation + Grid Frame Offset Vector); at sampled voxels both must put the same
     * dose at the same point in the patient.
     */
    @Test
    void rtDoseAndNiftiAgreeWherePydicomAndNibabelPlaceThem() throws Exception {
        ExternalTool.requirePython("python3-nibabel", "nibabel");
        ImageVolume dose = doseMap(spect);
        Path nifti = dir.resolve("dose.nii.gz");
        Nifti.write(nifti, dose);
        Path file = dir.resolve("rtdose.dcm");
        DicomWriter.write(file, RtDoseExport.toDataset(dose, source, "dose"));
        String out = python("""
                import sys, numpy as np, pydicom, nibabel as nib
                d = pydicom.dcmread(sys.argv[1]); img = nib.load(sys.argv[2])
                gy = d.pixel_array.astype(np.float64) * float(d.DoseGridScaling)   # [frame, row, col]
                data = np.asarray(img.dataobj, dtype=np.float64)                  # [i, j, k]
                ipp = np.array([float(v) for v in d.ImagePositionPatient])
                iop = np.array([float(v) for v in d.ImageOrientationPatient])
                row, col = iop[:3], iop[3:]
                normal = np.cross(row, col)
                sy, sx = (float(v) for v in d.PixelSpacing)
                offsets = [float(o) for o in d.GridFrameOffsetVector]
                inv = np.linalg.inv(img.affine)
                rng = np.random.default_rng(7)
                worst_pos, worst_dose, n = 0.0, 0.0, 0
                hot = np.argwhere(gy > 0.2 * gy.max())
                for f, r, c in hot[rng.choice(len(hot), 400, replace=False)]:
                    lps = ipp + c * sx * row + r * sy * col + offsets[f] * normal
                    ras = np.array([-lps[0], -lps[1], lps[2], 1.0])
                    ijk = inv @ ras
                    idx = np.rint(ijk[:3]).astype(int)
                    worst_pos = max(worst_pos, np.abs(ijk[:3] - idx).max())
                    worst_dose = max(worst_dose, abs(gy[f, r, c] - data[tuple(idx)]))
                    n += 1
                print(n, worst_pos, worst_dose, float(d.DoseGridScaling))
                """, file.toString(), nifti.toString());
        String[] f = out.split(" ");
        assertThat(Integer.parseInt(f[0])).isEqualTo(400);
        assertThat(Double.parseDouble(f[1])).as("voxel index mismatch").isLessThan(1e-3);
        assertThat(Double.parseDouble(f[2])).as("dose mismatch, Gy").isLessThanOrEqualTo(Double.parseDouble(f[3]));
    }

    @Test
    void rtStructIsValidAndGivesBackTheSameVoxels() throws Exception {
        Path original = Files.list(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/mask"))
                .findFirst()
                .orElseThrow();
        List<Mask> masks = RtStruct.read(original).rasterise(spect.volume().geometry());
        assertThat(masks).isNotEmpty();
        List<RtStructExport.Voi> vois =
                masks.stream().map(m -> new RtStructExport.Voi(m, "GTV")).toList();
        Path file = dir.resolve("rtstruct.dcm");
        DicomWriter.write(file, RtStructExport.toDataset(vois, source, "netra VOIs"));

        assertValidIod(file, "RTStructureSet");
        assertThat(dcmdump(file)).contains("CLOSED_PLANAR", source.frameOfReferenceUid());

        List<Mask> back = RtStruct.read(file).rasterise(spect.volume().geometry());
        assertThat(back).hasSize(masks.size());
        for (int i = 0; i < masks.size(); i++) {
            assertThat(back.get(i).name()).isEqualTo(masks.get(i).name());
            assertThat(back.get(i).bits())
                    .as("voxels of %s", masks.get(i).name())
                    .isEqualTo(masks.get(i).bits());
        }

        String names = python("""
                import sys, pydicom
                d = pydicom.dcmread(sys.argv[1])
                print('|'.join(r.ROIName for r in d.StructureSetROISequence),
                      sum(len(c.ContourSequence) for c in d.ROIContourSequence))
                """, file.toString());
        String expectedNames = String.join("|", masks.stream().map(Mask::name).toList());
        assertThat(names).startsWith(expectedNames + " ");
    }

    @Test
    void encapsulatedPdfIsValidAndHoldsThePdfByteForByte() throws Exception {
        byte[] pdf = minimalPdf("netra dosimetry report");
        Path file = dir.resolve("report.dcm");
        Attributes ds = EncapsulatedPdfExport.toDataset(pdf, "Dosimetry report, cycle 1", source);
        DicomWriter.write(file, ds);

        assertValidIod(file, "EncapsulatedPDF");
        assertThat(dcmdump(file)).contains("application/pdf", source.studyInstanceUid());
        assertThat(EncapsulatedPdfExport.pdf(DicomFile.read(file).dataset())).isEqualTo(pdf);
        Path extracted = dir.resolve("out.pdf");
        python("""
                import sys, pydicom
                d = pydicom.dcmread(sys.argv[1])
                doc = d.EncapsulatedDocument[: d.EncapsulatedDocumentLength]
                open(sys.argv[2], 'wb').write(doc)
                """, file.toString(), extracted.toString());
        assertThat(Files.readAllBytes(extracted)).isEqualTo(pdf);
        assertThat(DicomFile.read(file).dataset().string(Tag.MODALITY)).contains("DOC");
    }

    /** A one-page PDF with a correct cross-reference table (odd length on purpose). */
    static byte[] minimalPdf(String text) {
        String stream = "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                    + " /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
        };
        var sb = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = sb.length();
            sb.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = sb.length();
        sb.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int o : offsets) {
            sb.append(String.format(Locale.ROOT, "%010d 00000 n \n", o));
        }
        sb.append("trailer\n<< /Size ")
                .append(objects.length + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF");
        if (sb.length() % 2 == 0) {
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}

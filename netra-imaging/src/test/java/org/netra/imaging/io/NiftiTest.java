package org.netra.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.LabelMap;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.testkit.TestData;

class NiftiTest {
    @TempDir
    Path dir;

    /** An oblique grid: 30° about z, then 10° about x. */
    static Geometry oblique() {
        double a = Math.toRadians(30);
        double b = Math.toRadians(10);
        double[] rz = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        double[] rx = {1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)};
        double[] d = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    d[i * 3 + j] += rz[i * 3 + k] * rx[k * 3 + j];
                }
            }
        }
        return Geometry.of(7, 5, 4, new double[] {1.5, 2.25, 3.5}, new double[] {-12.5, 40.25, 101}, d);
    }

    static ImageVolume ramp(Geometry g) {
        float[] v = new float[g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.75f - 3;
        }
        return ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v);
    }

    @Test
    void volumesAndLabelsRoundTripThroughNiiAndNiiGz() throws Exception {
        ImageVolume v = ramp(oblique());
        for (String name : new String[] {"a.nii", "a.nii.gz"}) {
            Path f = dir.resolve(name);
            Nifti.write(f, v);
            ImageVolume back = Nifti.readVolume(f, VoxelUnit.BQ_PER_ML);
            assertThat(back.voxels()).containsExactly(v.voxels());
            assertThat(back.geometry().origin()).containsExactly(v.geometry().origin(), within(1e-4));
            assertThat(back.geometry().spacing()).containsExactly(v.geometry().spacing(), within(1e-5));
            assertThat(back.geometry().direction()).containsExactly(v.geometry().direction(), within(1e-6));
        }
        byte[] labels = new byte[oblique().voxelCount()];
        labels[3] = 1;
        labels[50] = 2;
        Path f = dir.resolve("l.nii.gz");
        Nifti.write(f, LabelMap.wrap(oblique(), labels, Map.of(1, "a", 2, "b")));
        LabelMap back = Nifti.readLabels(f);
        assertThat(back.labels()).containsExactly(labels);
        assertThat(back.names()).containsEntry(1, "label 1").containsEntry(2, "label 2");
    }

    @Test
    void aTruncatedFileIsATypedErrorNamingTheField() throws Exception {
        Path f = dir.resolve("t.nii");
        Nifti.write(f, ramp(oblique()));
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 10));
        assertThatThrownBy(() -> Nifti.read(f))
                .isInstanceOf(NiftiException.class)
                .hasMessageContaining("vox_offset");
    }

    @Test
    void aHugeVoxOffsetIsATypedErrorNotAnIndexOutOfBounds() throws Exception {
        // regression: vox_offset 3e38 became Long.MAX_VALUE, the end check overflowed and passed
        Path f = dir.resolve("o.nii");
        Nifti.write(f, ramp(oblique()));
        byte[] b = Files.readAllBytes(f);
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(108, 3e38f);
        Files.write(f, b);
        assertThatThrownBy(() -> Nifti.read(f))
                .isInstanceOf(NiftiException.class)
                .hasMessageContaining("vox_offset");
    }

    @Test
    void aGzipThatInflatesPastItsHeaderIsReadOnlyAsFarAsTheHeaderSays() throws Exception {
        Path plain = dir.resolve("p.nii");
        Nifti.write(plain, ramp(oblique()));
        byte[] image = Files.readAllBytes(plain);
        Path bomb = dir.resolve("bomb.nii.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write(image);
        }
        // then 40 concatenated gzip members of 64 MiB of zeros each: 2.5 GiB inflated, more than a Java array
        var member = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(member)) {
            out.write(new byte[64 << 20]);
        }
        for (int i = 0; i < 40; i++) {
            Files.write(bomb, member.toByteArray(), java.nio.file.StandardOpenOption.APPEND);
        }
        assertThat(Files.size(bomb)).isLessThan(8L << 20);
        assertThat(Nifti.read(bomb).values()).containsExactly(ramp(oblique()).voxels());
    }

    /** nibabel (Debian python3-nibabel) reads what netra wrote: same affine (RAS) and values. */
    @Test
    void nibabelReadsTheSameAffineAndValues() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)
                || new ProcessBuilder(python.toString(), "-c", "import nibabel")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable("nibabel for /usr/bin/python3 (Debian python3-nibabel)");
        }
        ImageVolume v = ramp(oblique());
        Path f = dir.resolve("n.nii.gz");
        Nifti.write(f, v);
        String script = "import nibabel, numpy, sys\n"
                + "img = nibabel.load(sys.argv[1])\n"
                + "a = img.affine\n"
                + "d = numpy.asarray(img.dataobj)\n"
                + "print(' '.join(repr(float(x)) for x in a[:3].ravel()))\n"
                + "print(' '.join(repr(float(x)) for x in [d[2,3,1], d.sum(), img.header['qform_code'], img.get_qform()[0,3]]))\n";
        Process p = new ProcessBuilder(python.toString(), "-c", script, f.toString()).start();
        String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        assertThat(p.waitFor()).isZero();
        double[] affine = java.util.Arrays.stream(out[0].trim().split(" "))
                .mapToDouble(Double::parseDouble)
                .toArray();
        Geometry g = v.geometry();
        double[] ras = new double[3];
        // column c of nibabel's affine is the RAS step of index axis c; column 3 the origin
        for (int c = 0; c < 3; c++) {
            double[] lps = {
                g.direction(0, c) * g.spacing(c), g.direction(1, c) * g.spacing(c), g.direction(2, c) * g.spacing(c)
            };
            assertThat(affine[c]).isCloseTo(-lps[0], within(1e-5));
            assertThat(affine[4 + c]).isCloseTo(-lps[1], within(1e-5));
            assertThat(affine[8 + c]).isCloseTo(lps[2], within(1e-5));
        }
        ras[0] = -g.origin(0);
        ras[1] = -g.origin(1);
        ras[2] = g.origin(2);
        assertThat(new double[] {affine[3], affine[7], affine[11]}).containsExactly(ras, within(1e-4));
        double[] rest = java.util.Arrays.stream(out[1].trim().split(" "))
                .mapToDouble(Double::parseDouble)
                .toArray();
        assertThat(rest[0]).isEqualTo(v.get(2, 3, 1));
        double sum = 0;
        for (float x : v.voxels()) {
            sum += x;
        }
        assertThat(rest[1]).isCloseTo(sum, within(1e-3));
        assertThat(rest[2]).isEqualTo(1);
        // the qform (quaternion) gives the same origin as the sform
        assertThat(rest[3]).isCloseTo(ras[0], within(1e-4));
    }
}

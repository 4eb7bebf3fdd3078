package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.testkit.PatientMedia;
import org.netra.testkit.TestData;

/**
 * DICOMDIRs read like pydicom's FileSet reads them: one netra builds as a patient CD with DCMTK's
 * {@code dcmmkdir}, and the variants Debian's pydicom ships (implicit VR, big endian, records reordered so
 * only their offsets tell the hierarchy).
 */
class DicomDirTest {
    private static final Path PYDICOM_DICOMDIRS =
            Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/dicomdirtests");

    @Test
    void aPatientCdMadeByDcmmkdirListsItsPatientsStudiesAndSeriesLikePydicom(@TempDir Path dir) throws Exception {
        Tools.requirePydicom();
        Path dicomdir = PatientMedia.make(dir);
        DicomDir read = DicomDir.read(dicomdir);
        assertThat(hierarchy(read)).isEqualTo(pydicom(dicomdir));
        assertThat(read.patients()).hasSize(2);
        assertThat(read.files()).hasSize(PatientMedia.SPECT_FILES + PatientMedia.CT_FILES);
        assertThat(read.files()).allMatch(Files::isRegularFile);
        // the SPECT patient as the shared data's README describes the scan
        var spect = read.patients().stream()
                .flatMap(p -> p.studies().stream())
                .flatMap(s -> s.series().stream())
                .filter(s -> s.files().size() == PatientMedia.SPECT_FILES)
                .findFirst()
                .orElseThrow();
        assertThat(spect.files()).allMatch(f -> f.startsWith(dir.resolve("SPECT")));
    }

    @Test
    void seriesAssemblyTakesADicomdir(@TempDir Path dir) throws Exception {
        Path dicomdir = PatientMedia.make(dir);
        String spectUid = DicomFile.read(dir.resolve("SPECT/IM1"), DicomFile.Extent.HEADER)
                .dataset()
                .string(Tag.SERIES_INSTANCE_UID)
                .orElseThrow();
        AssembledSeries spect = SeriesAssembler.assemble(dicomdir, java.util.Optional.of(spectUid));
        assertThat(spect.volume().geometry().nz()).isEqualTo(PatientMedia.SPECT_FILES);
        assertThat(spect.volume().geometry().nx()).isEqualTo(256);
        assertThat(spect.modality()).isEqualTo("PT");
    }

    @Test
    void pydicomsDicomdirVariantsReadAlike() throws Exception {
        Tools.requirePydicom();
        if (!Files.isDirectory(PYDICOM_DICOMDIRS)) {
            TestData.unavailable("pydicom's DICOMDIR test files (python3-pydicom)");
        }
        for (String name : List.of("DICOMDIR", "DICOMDIR-implicit", "DICOMDIR-bigEnd", "DICOMDIR-reordered")) {
            Path f = PYDICOM_DICOMDIRS.resolve(name);
            assertThat(hierarchy(DicomDir.read(f))).as(name).isEqualTo(pydicom(f));
        }
    }

    /** The same lines corpus_tools.py prints for pydicom's FileSet. */
    static List<String> hierarchy(DicomDir d) {
        List<String> out = new ArrayList<>();
        for (var p : d.patients()) {
            out.add("PATIENT " + p.id() + "|" + p.name());
            for (var st : p.studies()) {
                out.add("STUDY " + st.instanceUid());
                for (var se : st.series()) {
                    out.add("SERIES " + se.instanceUid() + " " + se.files().size());
                }
            }
        }
        return out;
    }

    private static List<String> pydicom(Path dicomdir) throws Exception {
        return Tools.python("corpus_tools.py", List.of("dicomdir", dicomdir.toString()))
                .lines()
                .toList();
    }
}

package org.netra.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.testkit.TestData;

/**
 * Studies are listed by patient name and study date, then their folder. The expected names and dates are what pydicom
 * reads from the first file of each real series (PatientName DOE^JOHN, StudyDate 20181115 for both 177Lu scans;
 * STS_001, 20000907 for the FDG PET).
 */
class StudyTitleTest {
    @Test
    void theRealStudiesByPatientAndStudyDateThenFolder() {
        Map<String, String> titles = FolderStudies.scan(TestData.path("dicom")).list().stream()
                .collect(Collectors.toMap(Studies.Study::id, Studies.Study::title));
        assertThat(titles)
                .containsEntry(
                        "lu177-dotatate-spect-scan_001",
                        "DOE JOHN · study of 2018-11-15 · lu177-dotatate-spect/SCAN_001")
                .containsEntry(
                        "lu177-dotatate-spect-scan_002",
                        "DOE JOHN · study of 2018-11-15 · lu177-dotatate-spect/SCAN_002")
                .containsEntry("fdg-pet-sts001-pet-bqml", "STS_001 · study of 2000-09-07 · fdg-pet-sts001/pet-bqml");
    }

    @Test
    void whatTheHeaderLacksIsLeftOutAndTheFolderAlwaysStays() {
        var both = Attributes.builder()
                .setString(Tag.PATIENT_NAME, Vr.PN, "VAN DER BERG^ANNA^^DR")
                .setString(Tag.STUDY_DATE, Vr.DA, "20250113")
                .build();
        assertThat(FolderStudies.title(Optional.of(both), "cd-7-1/S1000_PT"))
                .isEqualTo("VAN DER BERG ANNA DR · study of 2025-01-13 · cd-7-1/S1000_PT");
        var noDate = Attributes.builder()
                .setString(Tag.PATIENT_NAME, Vr.PN, "DOE^JANE")
                .setString(Tag.STUDY_DATE, Vr.DA, "2025")
                .build();
        assertThat(FolderStudies.title(Optional.of(noDate), "f")).isEqualTo("DOE JANE · f");
        assertThat(FolderStudies.title(Optional.of(Attributes.builder().build()), "f"))
                .isEqualTo("f");
        assertThat(FolderStudies.title(Optional.empty(), "f")).isEqualTo("f");
    }
}

package org.netra.interop.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.interop.Orthanc;
import org.netra.interop.dicom.DicomExportsTest;
import org.netra.interop.dicom.RtDoseExport;
import org.netra.interop.dicom.SourceSeries;
import org.netra.testkit.TestData;

/** The real 177Lu SPECT series through a real PACS (Orthanc + DICOMweb plugin) and back. */
class OrthancRoundTripTest {

    static List<Path> spectFiles() throws IOException {
        Path dir = TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    @Test
    void storeFindRetrieveKeepsEveryPixelByte() throws IOException {
        DicomWebClient pacs = Orthanc.client();
        List<Path> files = spectFiles();
        Map<String, byte[]> pixelsBySop = new HashMap<>();
        List<byte[]> instances = new java.util.ArrayList<>();
        String studyUid = null;
        String seriesUid = null;
        String patientId = null;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            instances.add(bytes);
            DicomFile d = DicomFile.parse(bytes, f.toString(), DicomFile.Extent.ALL);
            pixelsBySop.put(
                    d.dataset().string(Tag.SOP_INSTANCE_UID).orElseThrow(),
                    d.dataset().bytes(Tag.PIXEL_DATA));
            studyUid = d.dataset().string(Tag.STUDY_INSTANCE_UID).orElseThrow();
            seriesUid = d.dataset().string(Tag.SERIES_INSTANCE_UID).orElseThrow();
            patientId = d.dataset().string(Tag.PATIENT_ID).orElseThrow();
        }

        List<Matches.StoredInstance> stored = pacs.store(instances);
        assertThat(stored).hasSize(files.size()).noneMatch(Matches.StoredInstance::failed);

        List<Matches.Study> studies = pacs.searchStudies(Map.of("PatientID", patientId));
        assertThat(studies).extracting(Matches.Study::studyInstanceUid).contains(studyUid);
        assertThat(pacs.searchPatients(Map.of("PatientID", patientId)))
                .extracting(Matches.Patient::patientId)
                .containsExactly(patientId);
        List<Matches.Series> series = pacs.searchSeries(Optional.of(studyUid), Map.of("Modality", "PT"));
        String wanted = seriesUid;
        assertThat(series)
                .filteredOn(s -> s.seriesInstanceUid().equals(wanted))
                .singleElement()
                .satisfies(s -> assertThat(s.instances()).isEqualTo(files.size()));
        assertThat(pacs.searchInstances(studyUid, seriesUid)).hasSize(files.size());

        List<byte[]> retrieved = pacs.retrieveSeries(studyUid, seriesUid);
        assertThat(retrieved).hasSize(files.size());
        for (byte[] r : retrieved) {
            DicomFile d = DicomFile.parse(r, "WADO-RS", DicomFile.Extent.ALL);
            String sop = d.dataset().string(Tag.SOP_INSTANCE_UID).orElseThrow();
            assertThat(pixelsBySop).containsKey(sop);
            assertThat(d.dataset().bytes(Tag.PIXEL_DATA))
                    .as("pixel data of %s", sop)
                    .isEqualTo(pixelsBySop.get(sop));
        }
    }

    @Test
    void theDoseMapGoesIntoTheSourceStudyAndComesBackUnchanged() throws IOException {
        DicomWebClient pacs = Orthanc.client();
        AssembledSeries spect = SeriesAssembler.assemble(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image"));
        SourceSeries source = SourceSeries.of(spect);
        Attributes rtDose = RtDoseExport.toDataset(DicomExportsTest.doseMap(spect), source, "netra dose map");
        byte[] part10 = DicomWriter.toBytes(rtDose, DicomWriter.SequenceLengths.DEFINED);
        assertThat(pacs.store(List.of(part10)))
                .singleElement()
                .satisfies(s -> assertThat(s.failed()).as(s.failureReason()).isFalse());

        String doseSeries = rtDose.string(Tag.SERIES_INSTANCE_UID).orElseThrow();
        assertThat(pacs.searchSeries(Optional.of(source.studyInstanceUid()), Map.of("Modality", "RTDOSE")))
                .extracting(Matches.Series::seriesInstanceUid)
                .contains(doseSeries);
        List<byte[]> back = pacs.retrieveSeries(source.studyInstanceUid(), doseSeries);
        assertThat(back).hasSize(1);
        Attributes got = DicomFile.parse(back.getFirst(), "WADO-RS", DicomFile.Extent.ALL)
                .dataset();
        assertThat(got.bytes(Tag.PIXEL_DATA)).isEqualTo(rtDose.bytes(Tag.PIXEL_DATA));
        assertThat(got.string(Tag.DOSE_GRID_SCALING)).isEqualTo(rtDose.string(Tag.DOSE_GRID_SCALING));
        assertThat(got.string(Tag.FRAME_OF_REFERENCE_UID)).contains(source.frameOfReferenceUid());
    }
}

package org.netra.interop.administration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Identifier;
import org.netra.clinical.patient.Length;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TumourSite;
import org.netra.clinical.therapy.Dispensing;
import org.netra.clinical.therapy.PlanRules;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.Tag;
import org.netra.interop.Orthanc;
import org.netra.interop.dicom.RadiopharmaceuticalDoseSr;
import org.netra.interop.dicomweb.Matches;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.AdministeredActivities;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.DispensingRecord;
import org.netra.store.clinical.PatientRecord;
import org.netra.testkit.ExternalTool;

/**
 * The Radiopharmaceutical Radiation Dose SR (TID 10021): netra's export checked by dicom3tools (dciodvfy), DCMTK
 * (dsr2xml) and pydicom; an SR written independently by pydicom from the standard's template filed by netra with
 * the same values; netra to netra and through Orthanc.
 */
class AdministrationSrTest {
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final String PID = "p-rrdsr";
    static final String MRN = "MRN-4711";
    static final LocalDateTime FIRST = LocalDateTime.of(2021, 3, 9, 9, 22);
    static final Dispensing DISPENSING = new Dispensing(
            "LU-2103-07",
            Activity.ofGBq(7.52),
            LocalDateTime.of(2021, 3, 9, 8, 0),
            Activity.ofMBq(141),
            LocalDateTime.of(2021, 3, 9, 10, 5));
    static final String ACTOR = "test@radiopharmacy";

    @TempDir
    Path dir;

    static Store store(Path dir, String name, boolean withCycleRecords) {
        return fill(Store.open(StoreConfig.embedded(dir.resolve(name))), withCycleRecords);
    }

    /** The patient and course (and, when asked, cycle 1's dispensing and administration) in {@code store}. */
    static Store fill(Store store, boolean withCycleRecords) {
        var r = store.records();
        var patient = new Patient(
                PID,
                Sex.FEMALE,
                LocalDate.of(1961, 4, 17),
                List.of(new Dated<>(FIRST.toLocalDate(), Mass.ofKg(64))),
                List.of(new Dated<>(FIRST.toLocalDate(), Length.ofCm(168))));
        r.create(
                ClinicalKinds.PATIENT,
                new PatientRecord(
                        patient,
                        "Berg^Kari",
                        new PrimaryTumour(TumourSite.PANCREAS, Grade.G2, Optional.empty()),
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        false,
                        List.of(new Identifier(Identifier.MRN, MRN))),
                ACTOR);
        String course = ClinicalKinds.key(PID, "prrt-1");
        r.create(
                ClinicalKinds.COURSE,
                new CourseRecord(
                        course, PID, PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, FIRST, PlanRules.DEFAULTS)),
                ACTOR);
        if (withCycleRecords) {
            r.create(
                    ClinicalKinds.DISPENSING,
                    new DispensingRecord(DispensingRecord.idOf(course, 1), PID, course, 1, DISPENSING),
                    ACTOR);
            r.create(
                    ClinicalKinds.ADMINISTRATION,
                    new AdministrationRecord(
                            AdministrationRecord.idOf(course, 1),
                            PID,
                            course,
                            1,
                            FIRST,
                            Optional.empty(),
                            Optional.empty(),
                            List.of()),
                    ACTOR);
        }
        return store;
    }

    static Activity administered(Store store) {
        var course =
                store.records().forPatient(ClinicalKinds.COURSE, PID).getFirst().value();
        return AdministeredActivities.of(store.records(), course, 1, OSLO).orElseThrow();
    }

    static Dispensing dispensing(Store store) {
        return store.records()
                .get(ClinicalKinds.DISPENSING, DispensingRecord.idOf(ClinicalKinds.key(PID, "prrt-1"), 1))
                .value()
                .dispensing();
    }

    Path exported(Store store) throws IOException {
        Attributes sr = AdministrationSr.export(store, PID, 1, OSLO, LocalDateTime.of(2021, 3, 9, 12, 0));
        Path file = dir.resolve("rrdsr.dcm");
        DicomWriter.write(file, sr);
        return file;
    }

    static String python(String script, String... args) throws IOException, InterruptedException {
        ExternalTool.requirePython("python3-pydicom", "pydicom");
        var cmd = new ArrayList<>(List.of(ExternalTool.DEBIAN_PYTHON.toString(), "-c", script));
        cmd.addAll(List.of(args));
        var r = ExternalTool.run(cmd);
        assertThat(r.exitCode()).as("python: %s", r.err()).isZero();
        return r.out().strip();
    }

    @Test
    void exportIsAValidRrdsrThatDcmtkAndPydicomRead() throws Exception {
        try (Store store = store(dir, "h2", true)) {
            Path file = exported(store);
            Activity given = administered(store);
            // kept for a person to open (dcmdump, dsr2html) after the build
            Path kept = Path.of("target", "test-artefacts", "rrdsr-netra.dcm");
            java.nio.file.Files.createDirectories(kept.getParent());
            java.nio.file.Files.copy(file, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            ExternalTool.require("dciodvfy", "dicom3tools");
            var v = ExternalTool.run(List.of("/usr/bin/dciodvfy", file.toString()));
            String report = v.out() + v.err();
            assertThat(report.lines().map(String::strip)).as(report).contains("RadiopharmaceuticalRadiationDoseSR");
            assertThat(report.lines().filter(l -> l.startsWith("Error")))
                    .as(report)
                    .isEmpty();

            ExternalTool.require("dsr2xml", "dcmtk");
            var x = ExternalTool.run(List.of("/usr/bin/dsr2xml", "-Ee", file.toString()));
            assertThat(x.exitCode()).as("dsr2xml: %s", x.err()).isZero();
            assertThat(x.err()).as("dsr2xml warnings").isBlank();
            assertThat(x.out())
                    .contains("113500", "113502", "113503", "123003", "113507", "113508", "113509", "447553000")
                    .contains("LU-2103-07");

            // pydicom walks the content tree by concept code, as any receiver would
            String out = python("""
                    import sys, pydicom
                    d = pydicom.dcmread(sys.argv[1])
                    def walk(items, found):
                        for it in items:
                            code = it.ConceptNameCodeSequence[0].CodeValue
                            if it.ValueType == 'NUM':
                                mv = it.MeasuredValueSequence[0]
                                found[code] = (str(mv.NumericValue), mv.MeasurementUnitsCodeSequence[0].CodeValue,
                                               str(it.get('ObservationDateTime', '')))
                            elif it.ValueType == 'CODE':
                                found[code] = it.ConceptCodeSequence[0].CodeValue
                            elif it.ValueType == 'DATETIME':
                                found[code] = str(it.DateTime)
                            elif it.ValueType == 'TEXT':
                                found[code] = it.TextValue
                            elif it.ValueType == 'UIDREF':
                                found[code] = it.UID
                            if 'ContentSequence' in it:
                                walk(it.ContentSequence, found)
                    f = {}
                    walk(d.ContentSequence, f)
                    print(d.SOPClassUID, d.ConceptNameCodeSequence[0].CodeValue,
                          d.ContentTemplateSequence[0].TemplateIdentifier, d.PatientID)
                    for k in ['113507', '113508', '113509', '123003', '89457008', '349358000', '410675002',
                              '113512', '304283002']:
                        print(k, f[k])
                    """, file.toString());
            Map<String, String> lines = new java.util.HashMap<>();
            out.lines()
                    .skip(1)
                    .forEach(l -> lines.put(l.substring(0, l.indexOf(' ')), l.substring(l.indexOf(' ') + 1)));
            assertThat(out.lines().findFirst().orElseThrow())
                    .isEqualTo(org.netra.imaging.dicom.SopClass.RADIOPHARMACEUTICAL_RADIATION_DOSE_SR + " 113500 10021 "
                            + MRN);
            assertThat(mbq(lines.get("113507"))).isCloseTo(given.inMBq(), within(1e-3));
            assertThat(mbq(lines.get("113508"))).isCloseTo(7520, within(1e-6));
            assertThat(lines.get("113508")).contains("'MBq'", "20210309080000+0100");
            assertThat(mbq(lines.get("113509"))).isCloseTo(141, within(1e-6));
            assertThat(lines.get("113509")).contains("20210309100500+0100");
            assertThat(lines.get("123003")).isEqualTo("20210309092200+0100");
            assertThat(lines.get("89457008")).isEqualTo("447553000");
            assertThat(lines.get("349358000")).isEqualTo("LU177-DOTATATE");
            assertThat(lines.get("410675002")).isEqualTo("47625008");
            assertThat(lines.get("113512")).isEqualTo("LU-2103-07");
            // ICRP-107 Lu-177: 6.647 d
            assertThat(mbq(lines.get("304283002"))).isCloseTo(6.647 * 86400, within(1.0));
        }
    }

    /** The first number of a printed (value, unit, time) tuple. */
    static double mbq(String tuple) {
        return Double.parseDouble(tuple.replaceAll("^\\('([^']*)'.*$", "$1"));
    }

    /**
     * A hot lab's RRDSR, written by pydicom from PS3.16 TID 10021/10022 (its own code for the agent, times with a
     * UTC offset, the patient by MRN), is filed as cycle 1 with the sender's measurements; the administered
     * activity netra then computes equals the one the script computes with numpy-free decay arithmetic.
     */
    @Test
    void anIndependentlyWrittenRrdsrFilesTheSameValues() throws Exception {
        Path file = dir.resolve("hotlab.dcm");
        String[] printed = python(HOT_LAB_SR, file.toString()).split("\\R");
        String expected = printed[0];
        String senderEventUid = printed[1];
        try (Store store = store(dir, "h2", false)) {
            var received = RadiopharmaceuticalDoseSr.read(DicomFile.read(file).dataset());
            var filed = AdministrationSr.file(store, received, OptionalInt.empty(), OSLO, ACTOR);
            assertThat(filed.cycle()).isEqualTo(1);
            assertThat(filed.patientId()).isEqualTo(PID);
            Dispensing d = dispensing(store);
            assertThat(d.batch()).isEqualTo("B-77-2103");
            assertThat(d.calibrated().inMBq()).isCloseTo(7431.0, within(1e-9));
            // the sender wrote 07:45 UTC; Oslo is UTC+1 in March
            assertThat(d.calibratedAt()).isEqualTo(LocalDateTime.of(2021, 3, 9, 8, 45));
            assertThat(d.residual().inMBq()).isCloseTo(96.5, within(1e-9));
            assertThat(d.residualMeasuredAt()).isEqualTo(LocalDateTime.of(2021, 3, 9, 10, 2));
            assertThat(store.records()
                            .get(ClinicalKinds.ADMINISTRATION, filed.administrationId())
                            .value()
                            .administered())
                    .isEqualTo(LocalDateTime.of(2021, 3, 9, 9, 30));
            assertThat(administered(store).inMBq()).isCloseTo(Double.parseDouble(expected), within(0.01));
            assertThat(filed.warnings()).isEmpty();
            // the sender's event UID, route and injection site are kept as sent, and sent on unchanged
            var kept = store.records()
                    .get(ClinicalKinds.ADMINISTRATION, filed.administrationId())
                    .value();
            assertThat(kept.eventUid()).contains(senderEventUid);
            assertThat(kept.route()).contains(new AdministrationRecord.Coded("47625008", "SCT", "Intravenous route"));
            assertThat(kept.site()).contains(new AdministrationRecord.Coded("128553008", "SCT", "Antecubital vein"));
            var again = RadiopharmaceuticalDoseSr.read(
                            AdministrationSr.export(store, PID, 1, OSLO, LocalDateTime.of(2021, 3, 9, 12, 0)))
                    .administration();
            assertThat(again.eventUid()).isEqualTo(senderEventUid);
            assertThat(again.site().orElseThrow().value()).isEqualTo("128553008");

            // the same report again: the cycle already has its dispensing
            assertThatThrownBy(() -> AdministrationSr.file(store, received, OptionalInt.empty(), OSLO, ACTOR))
                    .isInstanceOf(AdministrationSrException.class)
                    .hasMessageContaining("already has a dispensing");
        }
    }

    /**
     * A department working in UTC: DCMTK's dcmsr rejects the DT suffix "+0000", so netra writes UTC times without
     * one and states the offset once in Timezone Offset From UTC (0008,0201); dsr2xml reads it without a warning
     * and netra reads the times back as UTC, not as local times of unknown zone.
     */
    @Test
    void aDepartmentInUtcWritesTimesDcmtkReadsAndNetraReadsBackAsUtc() throws Exception {
        try (Store store = store(dir, "utc", true)) {
            Attributes sr = AdministrationSr.export(store, PID, 1, ZoneOffset.UTC, LocalDateTime.of(2021, 3, 9, 12, 0));
            Path file = dir.resolve("rrdsr-utc.dcm");
            DicomWriter.write(file, sr);
            ExternalTool.require("dsr2xml", "dcmtk");
            var x = ExternalTool.run(List.of("/usr/bin/dsr2xml", "-Ee", file.toString()));
            assertThat(x.exitCode()).as("dsr2xml: %s", x.err()).isZero();
            assertThat(x.err()).as("dsr2xml warnings").isBlank();
            var read = RadiopharmaceuticalDoseSr.read(DicomFile.read(file).dataset());
            assertThat(read.administration().start().offset()).contains(ZoneOffset.UTC);
            assertThat(read.administration().residual().orElseThrow().at().offset())
                    .contains(ZoneOffset.UTC);
        }
    }

    /** From an H2 netra to a PostgreSQL one (skipped locally without NETRA_TEST_PG_URL, required in CI). */
    @Test
    void netraToNetraKeepsEveryValue() throws Exception {
        Path file;
        Activity given;
        try (Store source = store(dir, "source", true)) {
            file = exported(source);
            given = administered(source);
        }
        try (Store target =
                fill(Store.open(new StoreConfig(org.netra.testkit.TestPostgres.freshSchemaUrl(), null, null)), false)) {
            var filed = AdministrationSr.file(
                    target,
                    RadiopharmaceuticalDoseSr.read(DicomFile.read(file).dataset()),
                    OptionalInt.of(1),
                    OSLO,
                    ACTOR);
            assertThat(dispensing(target)).isEqualTo(DISPENSING);
            assertThat(administered(target).inBq()).isCloseTo(given.inBq(), within(1e-6 * given.inBq()));
            assertThat(filed.warnings()).isEmpty();
        }
    }

    @Test
    void refusesAnotherNuclideAnInconsistentTotalAndAMissingResidual() throws Exception {
        Path file = dir.resolve("hotlab.dcm");
        python(HOT_LAB_SR, file.toString());
        var good = RadiopharmaceuticalDoseSr.read(DicomFile.read(file).dataset());
        var a = good.administration();
        try (Store store = store(dir, "h2", false)) {
            var yttrium = new RadiopharmaceuticalDoseSr.Received(
                    new RadiopharmaceuticalDoseSr.Administration(
                            a.agent(),
                            AdministrationSr.nuclideCode(Radiopharmaceutical.Y90_DOTATOC),
                            a.halfLife(),
                            a.eventUid(),
                            a.start(),
                            a.stop(),
                            a.administered(),
                            a.before(),
                            a.residual(),
                            a.route(),
                            a.site(),
                            a.lot()),
                    good.subject(),
                    good.sopInstanceUid(),
                    good.source());
            assertThatThrownBy(() -> AdministrationSr.file(store, yttrium, OptionalInt.empty(), OSLO, ACTOR))
                    .isInstanceOf(AdministrationSrException.class)
                    .hasMessageContaining("radionuclide")
                    .hasMessageContaining("[177Lu]Lu-DOTATATE");
            var tenPercentMore = new RadiopharmaceuticalDoseSr.Received(
                    new RadiopharmaceuticalDoseSr.Administration(
                            a.agent(),
                            a.radionuclide(),
                            a.halfLife(),
                            a.eventUid(),
                            a.start(),
                            a.stop(),
                            Activity.ofBq(a.administered().inBq() * 1.1),
                            a.before(),
                            a.residual(),
                            a.route(),
                            a.site(),
                            a.lot()),
                    good.subject(),
                    good.sopInstanceUid(),
                    good.source());
            assertThatThrownBy(() -> AdministrationSr.file(store, tenPercentMore, OptionalInt.empty(), OSLO, ACTOR))
                    .isInstanceOf(AdministrationSrException.class)
                    .hasMessageContaining("netra computes from the same measurements");
            var noResidual = new RadiopharmaceuticalDoseSr.Received(
                    new RadiopharmaceuticalDoseSr.Administration(
                            a.agent(),
                            a.radionuclide(),
                            a.halfLife(),
                            a.eventUid(),
                            a.start(),
                            a.stop(),
                            a.administered(),
                            a.before(),
                            Optional.empty(),
                            a.route(),
                            a.site(),
                            a.lot()),
                    good.subject(),
                    good.sopInstanceUid(),
                    good.source());
            assertThatThrownBy(() -> AdministrationSr.file(store, noResidual, OptionalInt.empty(), OSLO, ACTOR))
                    .isInstanceOf(AdministrationSrException.class)
                    .hasMessageContaining("Post-Administration Measured Activity (113509, DCM)");
            assertThat(store.records()
                            .find(ClinicalKinds.DISPENSING, DispensingRecord.idOf(ClinicalKinds.key(PID, "prrt-1"), 1)))
                    .isEmpty();
        }
    }

    @Test
    void theReportGoesThroughOrthancAndComesBackTheSame() throws Exception {
        var pacs = Orthanc.client();
        try (Store store = store(dir, "h2", true)) {
            Attributes sr = AdministrationSr.export(store, PID, 1, OSLO, LocalDateTime.now(OSLO));
            byte[] part10 = DicomWriter.toBytes(sr, DicomWriter.SequenceLengths.DEFINED);
            assertThat(pacs.store(List.of(part10)))
                    .singleElement()
                    .satisfies(s -> assertThat(s.failed()).as(s.failureReason()).isFalse());
            String study = sr.string(Tag.STUDY_INSTANCE_UID).orElseThrow();
            String series = sr.string(Tag.SERIES_INSTANCE_UID).orElseThrow();
            assertThat(pacs.searchSeries(Optional.of(study), Map.of("Modality", "SR")))
                    .extracting(Matches.Series::seriesInstanceUid)
                    .contains(series);
            List<byte[]> back = pacs.retrieveSeries(study, series);
            assertThat(back).hasSize(1);
            var sent = RadiopharmaceuticalDoseSr.read(sr);
            var got = RadiopharmaceuticalDoseSr.read(DicomFile.parse(back.getFirst(), "WADO-RS", DicomFile.Extent.ALL)
                    .dataset());
            assertThat(got.administration()).isEqualTo(sent.administration());
            assertThat(got.subject()).isEqualTo(sent.subject());
        }
    }

    /**
     * An RRDSR as a hot lab would send it, written with pydicom alone from PS3.16 TID 10021/10022 (codes from the
     * standard: 113500, 113502, 113503, 123003, 113507–113509, 113512; SNOMED CT 349358000, 89457008, 304283002,
     * 410675002, 47625008, 447553000), in UTC. Prints the administered activity (MBq) the script computes from
     * its own measurements with the Lu-177 half-life of 6.647 d.
     */
    static final String HOT_LAB_SR = """
            import sys, datetime
            from pydicom.dataset import Dataset, FileMetaDataset
            from pydicom.uid import generate_uid, ExplicitVRLittleEndian
            RRDSR = '1.2.840.10008.5.1.4.1.1.88.68'
            def code(v, s, m):
                c = Dataset(); c.CodeValue = v; c.CodingSchemeDesignator = s; c.CodeMeaning = m; return c
            def item(rel, vt, name, children=()):
                i = Dataset(); i.RelationshipType = rel; i.ValueType = vt; i.ConceptNameCodeSequence = [code(*name)]
                if children: i.ContentSequence = list(children)
                return i
            def num(rel, name, value, unit, when=None, children=()):
                i = item(rel, 'NUM', name, children)
                mv = Dataset(); mv.NumericValue = value; mv.MeasurementUnitsCodeSequence = [code(unit, 'UCUM', unit)]
                i.MeasuredValueSequence = [mv]
                if when: i.ObservationDateTime = when
                return i
            def ccode(rel, name, value, children=()):
                i = item(rel, 'CODE', name, children); i.ConceptCodeSequence = [code(*value)]; return i
            def dt(rel, name, value):
                i = item(rel, 'DATETIME', name); i.DateTime = value; return i
            half_life = 6.647 * 86400.0
            utc = datetime.timezone.utc
            cal, cal_t = 7431.0, datetime.datetime(2021, 3, 9, 7, 45, tzinfo=utc)
            res, res_t = 96.5, datetime.datetime(2021, 3, 9, 9, 2, tzinfo=utc)
            start = datetime.datetime(2021, 3, 9, 8, 30, tzinfo=utc)
            given = cal * 2 ** (-(start - cal_t).total_seconds() / half_life) \\
                  - res * 2 ** ((res_t - start).total_seconds() / half_life)
            lot = item('CONTAINS', 'TEXT', ('113512', 'DCM', 'Radiopharmaceutical Lot Identifier'))
            lot.TextValue = 'B-77-2103'
            uid = item('CONTAINS', 'UIDREF', ('113503', 'DCM', 'Radiopharmaceutical Administration Event UID'))
            uid.UID = generate_uid()
            event = item('CONTAINS', 'CONTAINER', ('113502', 'DCM', 'Radiopharmaceutical Administration'), [
                ccode('CONTAINS', ('349358000', 'SCT', 'Radiopharmaceutical agent'),
                      ('LUT-01', '99HOTLAB', 'Lutathera [177Lu]Lu-DOTATATE'), [
                    ccode('HAS PROPERTIES', ('89457008', 'SCT', 'Radionuclide'), ('447553000', 'SCT', '^177^Lutetium')),
                    num('HAS PROPERTIES', ('304283002', 'SCT', 'Radionuclide Half Life'), '574300.8', 's')]),
                uid,
                dt('CONTAINS', ('123003', 'DCM', 'Radiopharmaceutical Start DateTime'), '20210309083000+0000'),
                dt('CONTAINS', ('123004', 'DCM', 'Radiopharmaceutical Stop DateTime'), '20210309084500+0000'),
                num('CONTAINS', ('113507', 'DCM', 'Administered activity'), '%.1f' % given, 'MBq'),
                num('CONTAINS', ('113508', 'DCM', 'Pre-Administration Measured Activity'), '7431.0', 'MBq',
                    '20210309074500+0000',
                    [ccode('HAS OBS CONTEXT', ('113540', 'DCM', 'Activity Measurement Device'),
                           ('113541', 'DCM', 'Dose Calibrator'))]),
                num('CONTAINS', ('113509', 'DCM', 'Post-Administration Measured Activity'), '96.5', 'MBq',
                    '20210309090200+0000'),
                ccode('CONTAINS', ('410675002', 'SCT', 'Route of administration'), ('47625008', 'SCT', 'Intravenous route'),
                      [ccode('HAS CONCEPT MOD', ('272737002', 'SCT', 'Site of'), ('128553008', 'SCT', 'Antecubital vein'))]),
                lot])
            ds = Dataset()
            ds.SpecificCharacterSet = 'ISO_IR 100'
            ds.SOPClassUID = RRDSR; ds.SOPInstanceUID = generate_uid(); ds.Modality = 'SR'
            ds.PatientName = 'BERG^KARI'; ds.PatientID = 'MRN-4711'; ds.PatientBirthDate = '19610417'; ds.PatientSex = 'F'
            ds.StudyInstanceUID = generate_uid(); ds.SeriesInstanceUID = generate_uid()
            ds.StudyDate = '20210309'; ds.StudyTime = '083000'; ds.ContentDate = '20210309'; ds.ContentTime = '100500'
            ds.ReferringPhysicianName = ''; ds.StudyID = ''; ds.AccessionNumber = ''; ds.SeriesNumber = 1; ds.InstanceNumber = 1
            ds.Manufacturer = 'Hot lab'; ds.ManufacturerModelName = 'dispenser'; ds.DeviceSerialNumber = '1'
            ds.SoftwareVersions = '1'; ds.ReferencedPerformedProcedureStepSequence = []; ds.PerformedProcedureCodeSequence = []
            ds.CompletionFlag = 'COMPLETE'; ds.VerificationFlag = 'UNVERIFIED'
            ds.ValueType = 'CONTAINER'; ds.ContinuityOfContent = 'SEPARATE'
            ds.ConceptNameCodeSequence = [code('113500', 'DCM', 'Radiopharmaceutical Radiation Dose Report')]
            t = Dataset(); t.MappingResource = 'DCMR'; t.TemplateIdentifier = '10021'; ds.ContentTemplateSequence = [t]
            ds.ContentSequence = [
                ccode('HAS CONCEPT MOD', ('363589002', 'SCT', 'Associated Procedure'),
                      ('440252007', 'SCT', 'Administration of radiopharmaceutical'),
                      [ccode('HAS CONCEPT MOD', ('363703001', 'SCT', 'Has Intent'), ('262202000', 'SCT', 'Therapeutic Intent'))]),
                event]
            ds.file_meta = FileMetaDataset()
            ds.file_meta.MediaStorageSOPClassUID = RRDSR
            ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
            ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
            ds.is_little_endian = True; ds.is_implicit_VR = False
            ds.save_as(sys.argv[1], write_like_original=False)
            print('%.6f' % given)
            print(uid.UID)
            """;
}

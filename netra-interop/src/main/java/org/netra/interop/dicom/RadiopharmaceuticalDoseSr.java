package org.netra.interop.dicom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Uids;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.sr.CodedConcept;
import org.netra.imaging.sr.ContentItem;
import org.netra.imaging.sr.ContentItem.OffsetOrLocal;
import org.netra.imaging.sr.ContentItem.Relationship;
import org.netra.imaging.sr.ContentTree;
import org.netra.imaging.sr.StructuredReportException;
import org.netra.physics.quantity.Activity;

/**
 * One radiopharmaceutical administration as a Radiopharmaceutical Radiation Dose SR (Supplement 159; PS3.3
 * A.35.14, root template TID 10021 with TID 10022 "Radiopharmaceutical Administration Event Data" from PS3.16),
 * and back. What a hot lab or an injector sends and what netra sends: agent, radionuclide and its half-life,
 * the administration event's UID, start (and stop) time, the administered activity, the activity measured in
 * the dose calibrator before and the residual after (each with its measurement time), route and lot.
 */
public final class RadiopharmaceuticalDoseSr {
    public static final String TEMPLATE = "10021";

    // PS3.16 concepts of TID 10021/10022 (DCM, SNOMED CT) and UCUM units
    static final CodedConcept REPORT = dcm("113500", "Radiopharmaceutical Radiation Dose Report");
    static final CodedConcept ADMINISTRATION = dcm("113502", "Radiopharmaceutical Administration");
    static final CodedConcept EVENT_UID = dcm("113503", "Radiopharmaceutical Administration Event UID");
    static final CodedConcept START = dcm("123003", "Radiopharmaceutical Start DateTime");
    static final CodedConcept STOP = dcm("123004", "Radiopharmaceutical Stop DateTime");
    static final CodedConcept ADMINISTERED = dcm("113507", "Administered activity");
    static final CodedConcept PRE_MEASURED = dcm("113508", "Pre-Administration Measured Activity");
    static final CodedConcept POST_MEASURED = dcm("113509", "Post-Administration Measured Activity");
    static final CodedConcept MEASUREMENT_DEVICE = dcm("113540", "Activity Measurement Device");
    static final CodedConcept DOSE_CALIBRATOR = dcm("113541", "Dose Calibrator");
    static final CodedConcept LOT = dcm("113512", "Radiopharmaceutical Lot Identifier");
    static final CodedConcept COMMENT = dcm("121106", "Comment");
    static final CodedConcept ASSOCIATED_PROCEDURE = sct("363589002", "Associated Procedure");
    static final CodedConcept ADMINISTRATION_PROCEDURE = sct("440252007", "Administration of radiopharmaceutical");
    static final CodedConcept HAS_INTENT = sct("363703001", "Has Intent");
    static final CodedConcept THERAPEUTIC_INTENT = sct("262202000", "Therapeutic Intent");
    static final CodedConcept AGENT = sct("349358000", "Radiopharmaceutical agent");
    static final CodedConcept RADIONUCLIDE = sct("89457008", "Radionuclide");
    static final CodedConcept HALF_LIFE = sct("304283002", "Radionuclide Half Life");
    static final CodedConcept ROUTE = sct("410675002", "Route of administration");
    public static final CodedConcept INTRAVENOUS = sct("47625008", "Intravenous route");
    /** TID 10022 nests the injection site under the route as SNOMED CT "Site of" (code from pydicom's dictionary). */
    static final CodedConcept SITE_OF = sct("272737002", "Site of");

    static final CodedConcept MBQ = new CodedConcept("MBq", "UCUM", "MBq");
    static final CodedConcept SECONDS = new CodedConcept("s", "UCUM", "seconds");

    private static final MathContext SIGNIFICANT = new MathContext(10);

    private RadiopharmaceuticalDoseSr() {}

    /** An activity measured in the dose calibrator at its own time (rows 13 and 16 of TID 10022). */
    public record Measured(Activity activity, OffsetOrLocal at) {
        public Measured {
            Objects.requireNonNull(activity, "measured activity");
            Objects.requireNonNull(at, "measurement time");
        }
    }

    /** The content of TID 10022 netra reads and writes. */
    public record Administration(
            CodedConcept agent,
            CodedConcept radionuclide,
            Duration halfLife,
            String eventUid,
            OffsetOrLocal start,
            Optional<OffsetOrLocal> stop,
            Activity administered,
            Optional<Measured> before,
            Optional<Measured> residual,
            CodedConcept route,
            Optional<CodedConcept> site,
            Optional<String> lot) {
        public Administration {
            Objects.requireNonNull(agent, "radiopharmaceutical agent");
            Objects.requireNonNull(radionuclide, "radionuclide");
            Objects.requireNonNull(halfLife, "radionuclide half-life");
            Objects.requireNonNull(eventUid, "administration event UID");
            Objects.requireNonNull(start, "start time");
            Objects.requireNonNull(administered, "administered activity");
            Objects.requireNonNull(route, "route of administration");
            stop = stop == null ? Optional.empty() : stop;
            before = before == null ? Optional.empty() : before;
            residual = residual == null ? Optional.empty() : residual;
            site = site == null ? Optional.empty() : site;
            lot = lot == null ? Optional.empty() : lot.filter(s -> !s.isBlank());
        }
    }

    /** Who the report is about, as the Patient Module carries it. */
    public record Subject(String patientName, String patientId, Optional<LocalDate> birthDate, String sex) {
        public Subject {
            if (patientId == null || patientId.isBlank()) {
                throw new IllegalArgumentException("a dose report needs the patient's ID");
            }
            patientName = patientName == null ? "" : patientName;
            birthDate = birthDate == null ? Optional.empty() : birthDate;
            sex = sex == null ? "" : sex;
        }
    }

    /** What an SR gave: the administration, the patient as the sender named them, and the SR's own identity. */
    public record Received(Administration administration, Subject subject, String sopInstanceUid, String source) {}

    /**
     * The SR data set. Its study is named after the administration event (the same administration exported
     * twice lands in the same study); {@code created} is the content date/time.
     */
    public static Attributes toDataset(Administration a, Subject subject, LocalDateTime created, String comment) {
        List<ContentItem> agentProperties = List.of(
                new ContentItem.Code(Relationship.HAS_PROPERTIES, RADIONUCLIDE, a.radionuclide(), List.of()),
                num(Relationship.HAS_PROPERTIES, HALF_LIFE, seconds(a.halfLife()), SECONDS, Optional.empty()));
        List<ContentItem> event = new ArrayList<>();
        event.add(new ContentItem.Code(Relationship.CONTAINS, AGENT, a.agent(), agentProperties));
        event.add(new ContentItem.UidRef(Relationship.CONTAINS, EVENT_UID, a.eventUid(), List.of()));
        event.add(new ContentItem.DateTime(Relationship.CONTAINS, START, a.start(), List.of()));
        a.stop().ifPresent(t -> event.add(new ContentItem.DateTime(Relationship.CONTAINS, STOP, t, List.of())));
        event.add(num(Relationship.CONTAINS, ADMINISTERED, mbq(a.administered()), MBQ, Optional.empty()));
        a.before().ifPresent(m -> event.add(measured(PRE_MEASURED, m)));
        a.residual().ifPresent(m -> event.add(measured(POST_MEASURED, m)));
        event.add(new ContentItem.Code(
                Relationship.CONTAINS,
                ROUTE,
                a.route(),
                a.site()
                        .<List<ContentItem>>map(site ->
                                List.of(new ContentItem.Code(Relationship.HAS_CONCEPT_MOD, SITE_OF, site, List.of())))
                        .orElse(List.of())));
        a.lot().ifPresent(l -> event.add(new ContentItem.Text(Relationship.CONTAINS, LOT, l, List.of())));

        List<ContentItem> root = new ArrayList<>();
        root.add(new ContentItem.Code(
                Relationship.HAS_CONCEPT_MOD,
                ASSOCIATED_PROCEDURE,
                ADMINISTRATION_PROCEDURE,
                List.of(new ContentItem.Code(
                        Relationship.HAS_CONCEPT_MOD, HAS_INTENT, THERAPEUTIC_INTENT, List.of()))));
        root.add(new ContentItem.Container(Relationship.CONTAINS, ADMINISTRATION, event));
        if (comment != null && !comment.isBlank()) {
            root.add(new ContentItem.Text(Relationship.CONTAINS, COMMENT, comment, List.of()));
        }

        String date = created.format(DateTimeFormatter.BASIC_ISO_DATE);
        String time = created.format(DateTimeFormatter.ofPattern("HHmmss"));
        var b = Attributes.builder()
                .setString(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 100")
                .setString(Tag.SOP_CLASS_UID, Vr.UI, SopClass.RADIOPHARMACEUTICAL_RADIATION_DOSE_SR)
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, Uids.random())
                .setString(Tag.INSTANCE_CREATION_DATE, Vr.DA, date)
                .setString(Tag.INSTANCE_CREATION_TIME, Vr.TM, time)
                .setString(Tag.PATIENT_NAME, Vr.PN, subject.patientName())
                .setString(Tag.PATIENT_ID, Vr.LO, subject.patientId())
                .setString(
                        Tag.PATIENT_BIRTH_DATE,
                        Vr.DA,
                        subject.birthDate()
                                .map(d -> d.format(DateTimeFormatter.BASIC_ISO_DATE))
                                .orElse(""))
                .setString(Tag.PATIENT_SEX, Vr.CS, subject.sex())
                // the study of the administration: one per event, whoever exports it
                .setString(
                        Tag.STUDY_INSTANCE_UID,
                        Vr.UI,
                        Uids.named("netra radiopharmaceutical administration study " + a.eventUid()))
                .setString(Tag.STUDY_DATE, Vr.DA, a.start().local().format(DateTimeFormatter.BASIC_ISO_DATE))
                .setString(Tag.STUDY_TIME, Vr.TM, a.start().local().format(DateTimeFormatter.ofPattern("HHmmss")))
                .setString(Tag.REFERRING_PHYSICIAN_NAME, Vr.PN, "")
                .setString(Tag.STUDY_ID, Vr.SH, "")
                .setString(Tag.ACCESSION_NUMBER, Vr.SH, "")
                .setString(Tag.MODALITY, Vr.CS, "SR")
                .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, Uids.random())
                .setString(Tag.SERIES_NUMBER, Vr.IS, "905")
                .setString(Tag.SERIES_DESCRIPTION, Vr.LO, "Radiopharmaceutical Radiation Dose")
                .setSequence(Tag.REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE, List.of())
                .setString(Tag.MANUFACTURER, Vr.LO, "netra")
                .setString(Tag.MANUFACTURER_MODEL_NAME, Vr.LO, "netra")
                .setString(Tag.DEVICE_SERIAL_NUMBER, Vr.LO, "netra")
                .setString(Tag.SOFTWARE_VERSIONS, Vr.LO, "netra 0.1")
                .setString(Tag.INSTANCE_NUMBER, Vr.IS, "1")
                .setString(Tag.CONTENT_DATE, Vr.DA, date)
                .setString(Tag.CONTENT_TIME, Vr.TM, time)
                .setString(Tag.COMPLETION_FLAG, Vr.CS, "COMPLETE")
                .setString(Tag.VERIFICATION_FLAG, Vr.CS, "UNVERIFIED")
                .setSequence(Tag.PERFORMED_PROCEDURE_CODE_SEQUENCE, List.of());
        ContentTree.writeRoot(b, new ContentItem.Container(Relationship.ROOT, REPORT, root), TEMPLATE);
        return b.build();
    }

    /**
     * Reads an RRDSR. Refused, naming what is wrong, when it is another kind of object, lacks an item TID 10022
     * makes mandatory, or gives an activity in another unit than MBq; items netra has no place for are ignored.
     */
    public static Received read(Attributes dataset) {
        String source = dataset.source();
        String sopClass = dataset.string(Tag.SOP_CLASS_UID).orElse("");
        if (!sopClass.equals(SopClass.RADIOPHARMACEUTICAL_RADIATION_DOSE_SR)) {
            throw new StructuredReportException(source + " is not a Radiopharmaceutical Radiation Dose SR: its SOP"
                    + " Class UID is '" + sopClass + "', not " + SopClass.RADIOPHARMACEUTICAL_RADIATION_DOSE_SR);
        }
        ContentItem.Container root = ContentTree.readRoot(dataset);
        if (!root.name().sameCode(REPORT)) {
            throw new StructuredReportException(source + ": the root container is " + root.name() + ", not " + REPORT);
        }
        ContentItem event = required(root, ADMINISTRATION, source);
        ContentItem agentItem = required(event, AGENT, source);
        ContentItem.Num halfLife = number(required(agentItem, HALF_LIFE, source), SECONDS, source);
        var administration = new Administration(
                code(agentItem, source),
                code(required(agentItem, RADIONUCLIDE, source), source),
                Duration.ofNanos(halfLife.value().movePointRight(9).longValue()),
                switch (required(event, EVENT_UID, source)) {
                    case ContentItem.UidRef u -> u.uid();
                    default -> throw wrongType(EVENT_UID, "UIDREF", source);
                },
                dateTime(required(event, START, source), source),
                event.child(STOP).map(i -> dateTime(i, source)),
                activity(number(required(event, ADMINISTERED, source), MBQ, source)),
                event.child(PRE_MEASURED).map(i -> measured(i, source)),
                event.child(POST_MEASURED).map(i -> measured(i, source)),
                code(required(event, ROUTE, source), source),
                required(event, ROUTE, source).child(SITE_OF).map(i -> code(i, source)),
                event.child(LOT)
                        .map(i -> i instanceof ContentItem.Text t ? t.text().strip() : ""));
        var subject = new Subject(
                dataset.string(Tag.PATIENT_NAME).orElse(""),
                dataset.string(Tag.PATIENT_ID)
                        .orElseThrow(() -> new StructuredReportException(
                                source + " has no Patient ID " + Tag.toString(Tag.PATIENT_ID)
                                        + "; netra files an administration under a patient it can identify")),
                dataset.date(Tag.PATIENT_BIRTH_DATE),
                dataset.string(Tag.PATIENT_SEX).orElse(""));
        return new Received(
                administration, subject, dataset.string(Tag.SOP_INSTANCE_UID).orElse(""), source);
    }

    private static ContentItem required(ContentItem parent, CodedConcept concept, String source) {
        return parent.child(concept)
                .orElseThrow(() -> new StructuredReportException(source + ": " + parent.name() + " has no " + concept
                        + ", which TID 10022 requires; ask the sender to include it"));
    }

    private static CodedConcept code(ContentItem item, String source) {
        return switch (item) {
            case ContentItem.Code c -> c.value();
            default -> throw wrongType(item.name(), "CODE", source);
        };
    }

    private static OffsetOrLocal dateTime(ContentItem item, String source) {
        return switch (item) {
            case ContentItem.DateTime d -> d.value();
            default -> throw wrongType(item.name(), "DATETIME", source);
        };
    }

    private static ContentItem.Num number(ContentItem item, CodedConcept unit, String source) {
        if (!(item instanceof ContentItem.Num n)) {
            throw wrongType(item.name(), "NUM", source);
        }
        if (!n.unit().sameCode(unit)) {
            throw new StructuredReportException(
                    source + ": " + item.name() + " is in " + n.unit() + "; TID 10022" + " gives it in " + unit);
        }
        return n;
    }

    private static Measured measured(ContentItem item, String source) {
        ContentItem.Num n = number(item, MBQ, source);
        return new Measured(
                activity(n),
                n.observedAt()
                        .orElseThrow(() -> new StructuredReportException(source + ": " + item.name()
                                + " has no Observation DateTime (0040,A032); without the time of the measurement"
                                + " its activity cannot be decay-corrected")));
    }

    private static StructuredReportException wrongType(CodedConcept name, String expected, String source) {
        return new StructuredReportException(source + ": " + name + " is not a " + expected + " item");
    }

    private static Activity activity(ContentItem.Num n) {
        return Activity.ofMBq(n.value().doubleValue());
    }

    private static ContentItem measured(CodedConcept name, Measured m) {
        return num(
                Relationship.CONTAINS,
                name,
                mbq(m.activity()),
                MBQ,
                Optional.of(m.at()),
                List.of(new ContentItem.Code(
                        Relationship.HAS_OBS_CONTEXT, MEASUREMENT_DEVICE, DOSE_CALIBRATOR, List.of())));
    }

    private static ContentItem num(
            Relationship r, CodedConcept name, BigDecimal value, CodedConcept unit, Optional<OffsetOrLocal> at) {
        return num(r, name, value, unit, at, List.of());
    }

    private static ContentItem num(
            Relationship r,
            CodedConcept name,
            BigDecimal value,
            CodedConcept unit,
            Optional<OffsetOrLocal> at,
            List<ContentItem> children) {
        return new ContentItem.Num(r, name, value, unit, at, children);
    }

    private static BigDecimal mbq(Activity a) {
        return new BigDecimal(a.inMBq()).round(SIGNIFICANT);
    }

    private static BigDecimal seconds(Duration d) {
        return new BigDecimal(d.toNanos()).movePointLeft(9).round(SIGNIFICANT);
    }

    private static CodedConcept dcm(String code, String meaning) {
        return new CodedConcept(code, "DCM", meaning);
    }

    private static CodedConcept sct(String code, String meaning) {
        return new CodedConcept(code, "SCT", meaning);
    }
}

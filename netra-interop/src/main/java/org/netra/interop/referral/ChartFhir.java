package org.netra.interop.referral;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.clinical.patient.Dated;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.Tag;
import org.netra.interop.fhir.ReferralRecord;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.PatientChart;
import org.netra.store.clinical.SafetyRecord;
import org.netra.store.record.Stored;

/** What of a netra chart FHIR carries, with the DICOM studies of the package as ImagingStudy. */
final class ChartFhir {
    private ChartFhir() {}

    static ReferralRecord of(PatientChart chart, List<Attributes> dicomHeaders) {
        var p = chart.patient().value();
        List<Dated<KrenningScore>> krenning = new ArrayList<>();
        for (var s : chart.imaging()) {
            s.highestKrenning()
                    .ifPresent(k -> krenning.add(new Dated<>(s.injection().toLocalDate(), k)));
        }

        Optional<CourseRecord> course =
                chart.courses().stream().map(Stored::value).findFirst();
        List<ReferralRecord.Administration> given = new ArrayList<>();
        course.ifPresent(c -> {
            for (DosimetryRecord d : chart.dosimetry().stream()
                    .map(Stored::value)
                    .filter(d -> d.courseId().equals(c.id()))
                    .toList()) {
                int cycle = d.dosimetry().cycle();
                LocalDateTime when = chart.safety().stream()
                        .map(Stored::value)
                        .filter(s -> s.courseId().equals(c.id()) && s.cycle() == cycle)
                        .map(SafetyRecord::administered)
                        .findFirst()
                        .orElseGet(() -> d.dosimetry().date().atTime(timeOfCycle(c, cycle)));
                given.add(new ReferralRecord.Administration(
                        cycle,
                        when,
                        c.plan().radiopharmaceutical(),
                        d.dosimetry().administered()));
            }
        });

        List<ReferralRecord.AdverseEvent> events = new ArrayList<>();
        for (var t : chart.toxicity()) {
            for (var term : t.value().terms()) {
                if (term.emergent() && term.worstGrade().atLeast(CtcaeGrade.G1)) {
                    events.add(new ReferralRecord.AdverseEvent(
                            term.term(),
                            term.worstGrade(),
                            term.worstDate().orElse(t.value().to())));
                }
            }
        }

        return new ReferralRecord(
                p.patient(),
                p.name(),
                Optional.of(p.tumour()),
                chart.labHistory(),
                p.performance(),
                krenning,
                studies(dicomHeaders),
                given,
                course.map(CourseRecord::plan),
                events);
    }

    private static LocalTime timeOfCycle(CourseRecord c, int cycle) {
        return c.plan().cycles().stream()
                .filter(pc -> pc.number() == cycle)
                .map(pc -> pc.administration().toLocalTime())
                .findFirst()
                .orElse(LocalTime.NOON);
    }

    /** DICOM studies and their series, from the headers of the instances in the package. */
    static List<ReferralRecord.StudyReference> studies(List<Attributes> headers) {
        Map<String, List<Attributes>> byStudy = new LinkedHashMap<>();
        for (Attributes h : headers) {
            byStudy.computeIfAbsent(h.string(Tag.STUDY_INSTANCE_UID).orElse(""), k -> new ArrayList<>())
                    .add(h);
        }
        List<ReferralRecord.StudyReference> out = new ArrayList<>();
        for (var e : byStudy.entrySet()) {
            Attributes first = e.getValue().getFirst();
            LocalDate date = first.date(Tag.STUDY_DATE).orElse(LocalDate.EPOCH);
            LocalTime time =
                    first.time(Tag.STUDY_TIME).orElse(LocalTime.MIDNIGHT).withNano(0);
            Map<String, List<Attributes>> bySeries = new LinkedHashMap<>();
            for (Attributes h : e.getValue()) {
                bySeries.computeIfAbsent(h.string(Tag.SERIES_INSTANCE_UID).orElse(""), k -> new ArrayList<>())
                        .add(h);
            }
            List<ReferralRecord.SeriesReference> series = bySeries.entrySet().stream()
                    .map(s -> new ReferralRecord.SeriesReference(
                            s.getKey(),
                            s.getValue().getFirst().string(Tag.MODALITY).orElse("OT"),
                            s.getValue().getFirst().integer(Tag.SERIES_NUMBER, -1),
                            s.getValue().size()))
                    .sorted(Comparator.comparing(ReferralRecord.SeriesReference::seriesInstanceUid))
                    .toList();
            out.add(new ReferralRecord.StudyReference(
                    e.getKey(),
                    date.atTime(time),
                    first.string(Tag.STUDY_DESCRIPTION).orElse(""),
                    series));
        }
        return out;
    }
}

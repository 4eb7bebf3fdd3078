package org.netra.clinical.diagnosis;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An examination under a protocol: when the tracer was injected, the lesions and bone findings seen. */
public record ImagingStudy(
        String id,
        ImagingProtocol protocol,
        LocalDateTime injection,
        List<Lesion> lesions,
        List<BoneFinding> boneFindings) {
    public ImagingStudy {
        Objects.requireNonNull(id, "study id");
        Objects.requireNonNull(protocol, "protocol of study " + id);
        Objects.requireNonNull(injection, "injection time of study " + id);
        lesions = lesions == null ? List.of() : List.copyOf(lesions);
        boneFindings = boneFindings == null ? List.of() : List.copyOf(boneFindings);
        if (!boneFindings.isEmpty() && !(protocol instanceof ImagingProtocol.BoneScintigraphy)) {
            throw new IllegalArgumentException("study " + id + ": bone findings belong to a bone scintigraphy");
        }
        if (!protocol.tracer().gradedByKrenning()
                && lesions.stream().anyMatch(l -> l.krenning().isPresent())) {
            throw new IllegalArgumentException("study " + id + ": Krenning scores grade somatostatin-receptor "
                    + "imaging, not " + protocol.tracer().label());
        }
    }

    /** The planned acquisitions: injection plus each scan time. */
    public List<LocalDateTime> scanSchedule() {
        return protocol.scanTimes().stream().map(injection::plus).toList();
    }

    /** The highest Krenning score over the lesions, if any were scored. */
    public Optional<KrenningScore> highestKrenning() {
        return lesions.stream().flatMap(l -> l.krenning().stream()).max(Comparator.comparingInt(KrenningScore::score));
    }

    /** The bone findings that still need CT, MRI or biopsy (work-up not yet done). */
    public List<BoneFinding> findingsNeedingWorkUp() {
        return boneFindings.stream().filter(f -> !f.outstanding().isEmpty()).toList();
    }
}

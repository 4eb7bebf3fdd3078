package org.netra.clinical.diagnosis;

import java.util.Objects;
import java.util.Optional;

/**
 * A lesion seen on a study: where it is, its Krenning score (somatostatin-receptor imaging) and its
 * SUVs (PET). Skeletal lesions are flagged so that palliative radiotherapy can refer to them.
 */
public record Lesion(
        String id,
        String organ,
        boolean skeletal,
        Optional<KrenningScore> krenning,
        Optional<Double> suvMax,
        Optional<Double> suvPeak) {
    public Lesion {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a lesion needs an id");
        }
        Objects.requireNonNull(organ, "organ of lesion " + id);
        krenning = krenning == null ? Optional.empty() : krenning;
        suvMax = checkSuv(suvMax, "SUVmax", id);
        suvPeak = checkSuv(suvPeak, "SUVpeak", id);
        if (suvMax.isPresent() && suvPeak.isPresent() && suvPeak.get() > suvMax.get()) {
            throw new IllegalArgumentException("lesion " + id + ": SUVpeak " + suvPeak.get() + " exceeds SUVmax "
                    + suvMax.get() + "; a mean over 1 cm³ cannot exceed the maximum");
        }
    }

    private static Optional<Double> checkSuv(Optional<Double> suv, String what, String id) {
        if (suv == null) {
            return Optional.empty();
        }
        suv.ifPresent(v -> {
            if (!Double.isFinite(v) || v < 0 || v > 500) {
                throw new IllegalArgumentException(
                        "lesion " + id + ": " + what + " " + v + " is impossible (expected 0–500, g/mL body weight)");
            }
        });
        return suv;
    }
}

package org.netra.clinical.followup;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** When disease progressed by RECIST 1.1: the first time point whose overall response is PD. */
public final class Progression {
    private Progression() {}

    public static Optional<LocalDate> first(List<Recist.TimePoint> timePoints) {
        return timePoints.stream()
                .filter(t -> t.overall() == Response.PD)
                .map(Recist.TimePoint::date)
                .min(LocalDate::compareTo);
    }
}

package org.netra.app.web.patient;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.netra.store.record.RecordKind;
import org.netra.store.record.Records;

/**
 * Where the patient list comes from. The clinical module's patient records plug in with
 * {@link #fromRecords}; until then the list is empty.
 */
@FunctionalInterface
public interface PatientDirectory {
    /** Patients whose name or id contains {@code query} (any case); all for an empty query. */
    List<PatientSummary> search(String query);

    static PatientDirectory none() {
        return query -> List.of();
    }

    /** The records of {@code kind}, each shown through {@code summary}. */
    static <T> PatientDirectory fromRecords(Records records, RecordKind<T> kind, Function<T, PatientSummary> summary) {
        return query -> {
            String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
            return records.list(kind).stream()
                    .map(s -> summary.apply(s.value()))
                    .filter(p -> q.isEmpty()
                            || p.name().toLowerCase(Locale.ROOT).contains(q)
                            || p.id().toLowerCase(Locale.ROOT).contains(q))
                    .toList();
        };
    }
}

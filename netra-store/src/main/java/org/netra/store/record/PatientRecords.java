package org.netra.store.record;

import java.util.List;
import java.util.Map;

/** One patient's records of several kinds, as read together by {@link Records#forPatient(String, List)}. */
public final class PatientRecords {
    private final String patientId;
    private final Map<String, List<Stored<?>>> byKind;

    PatientRecords(String patientId, Map<String, List<Stored<?>>> byKind) {
        this.patientId = patientId;
        this.byKind = Map.copyOf(byKind);
    }

    public String patientId() {
        return patientId;
    }

    /** The records of {@code kind}, by id. */
    public <T> List<Stored<T>> of(RecordKind<T> kind) {
        return byKind.getOrDefault(kind.name(), List.of()).stream()
                .map(s -> new Stored<>(kind.type().cast(s.value()), s.version(), s.updatedAt(), s.updatedBy()))
                .toList();
    }
}

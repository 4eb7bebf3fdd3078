package org.netra.store.record;

import java.util.function.Function;

/**
 * A kind of clinical record the store keeps: its name, its Java type, and how to read the keys the
 * store indexes (its id, the patient it belongs to, a label to search by).
 */
public record RecordKind<T>(
        String name, Class<T> type, Function<T, String> id, Function<T, String> patientId, Function<T, String> label) {

    public RecordKind {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("record kind names are lower_snake_case, got " + name);
        }
    }
}

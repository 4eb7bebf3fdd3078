package org.netra.store.record;

/** One change in {@link Records#inOneTransaction}: a record created, a version replaced, or one deleted. */
public sealed interface Change {
    static <T> Change create(RecordKind<T> kind, T value) {
        return new Create<>(kind, value);
    }

    static <T> Change update(RecordKind<T> kind, int expectedVersion, T value) {
        return new Update<>(kind, expectedVersion, value);
    }

    static <T> Change delete(RecordKind<T> kind, String id, int expectedVersion) {
        return new Delete<>(kind, id, expectedVersion);
    }

    record Create<T>(RecordKind<T> kind, T value) implements Change {
        void applyTo(RecordTransaction tx, String actor) {
            tx.create(kind, value, actor);
        }
    }

    record Update<T>(RecordKind<T> kind, int expectedVersion, T value) implements Change {
        void applyTo(RecordTransaction tx, String actor) {
            tx.update(kind, expectedVersion, value, actor);
        }
    }

    record Delete<T>(RecordKind<T> kind, String id, int expectedVersion) implements Change {}
}

package org.netra.store.record;

import java.time.Instant;

/** A record as stored: its value and the version an edit must name to replace it. */
public record Stored<T>(T value, int version, Instant updatedAt, String updatedBy) {}

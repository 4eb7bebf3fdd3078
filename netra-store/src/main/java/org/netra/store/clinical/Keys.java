package org.netra.store.clinical;

/** Checks shared by the clinical records: every record names itself and its patient. */
final class Keys {
    private Keys() {}

    static void require(String id, String patientId, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a " + what + " needs an id");
        }
        if (patientId == null || patientId.isBlank()) {
            throw new IllegalArgumentException(what + " " + id + " needs the id of its patient");
        }
    }
}

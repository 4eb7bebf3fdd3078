package org.netra.store.clinical;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netra.clinical.patient.Identifier;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * Registering and editing patients: netra gives each new patient the next free id ({@code P-0001},
 * {@code P-0002}, …), and refuses a registration or an edit that would make a second record of a person
 * already registered (the same MRN, or the same name and birth date). Duplicates are refused, never merged:
 * merging two charts is a clinical decision, not a side effect of a form.
 */
public final class PatientRegistry {
    private static final Pattern OWN_ID = Pattern.compile("P-(\\d{4,})");
    private final Records records;

    public PatientRegistry(Records records) {
        this.records = records;
    }

    /** The record would duplicate {@code existing}: {@code why} says which data matched. */
    public static final class DuplicatePatientException extends org.netra.store.StoreException {
        private static final long serialVersionUID = 1L;
        private final String existingId;

        DuplicatePatientException(PatientRecord existing, String why) {
            super("this patient is already registered as " + existing.name() + " (" + existing.id() + "): same " + why
                    + "; open that chart instead of registering the patient again");
            this.existingId = existing.id();
        }

        public String existingId() {
            return existingId;
        }
    }

    /** The id the next registration gets: one more than the highest {@code P-nnnn} in use. */
    public String nextId() {
        int highest = records.list(ClinicalKinds.PATIENT).stream()
                .map(s -> OWN_ID.matcher(s.value().id()))
                .filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1)))
                .max()
                .orElse(0);
        return String.format(Locale.ROOT, "P-%04d", highest + 1);
    }

    /**
     * Registers the patient {@code withId} builds from the new id; refused when the person is registered
     * already. Two registrations at once cannot take one id: the store refuses the second create.
     */
    public Stored<PatientRecord> register(Function<String, PatientRecord> withId, String actor) {
        PatientRecord record = withId.apply(nextId());
        refuseDuplicate(record);
        return records.create(ClinicalKinds.PATIENT, record, actor);
    }

    /** Saves an edit of version {@code version}; refused when it would now match another patient. */
    public Stored<PatientRecord> update(int version, PatientRecord record, String actor) {
        refuseDuplicate(record);
        return records.update(ClinicalKinds.PATIENT, version, record, actor);
    }

    /**
     * The chart images with this DICOM Patient ID belong to: the patient with that netra id, else the one
     * registered with it as an identifier (a hospital writes its MRN into the images; case, spaces and
     * separators ignored). Empty when no chart, or more than one, carries it.
     */
    public Optional<String> chartOf(String dicomPatientId) {
        String id = dicomPatientId == null ? "" : dicomPatientId.strip();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        if (records.find(ClinicalKinds.PATIENT, id).isPresent()) {
            return Optional.of(id);
        }
        var holders = records.list(ClinicalKinds.PATIENT).stream()
                .map(Stored::value)
                .filter(p -> p.identifiers().stream().anyMatch(i -> i.sameAs(new Identifier(i.system(), id))))
                .map(PatientRecord::id)
                .toList();
        return holders.size() == 1 ? Optional.of(holders.getFirst()) : Optional.empty();
    }

    /** The first registered patient {@code record} would duplicate, with the reason. */
    public Optional<DuplicatePatientException> duplicateOf(PatientRecord record) {
        return records.list(ClinicalKinds.PATIENT).stream()
                .map(Stored::value)
                .sorted(Comparator.comparing(PatientRecord::id))
                .flatMap(existing ->
                        record.samePersonAs(existing).stream().map(why -> new DuplicatePatientException(existing, why)))
                .findFirst();
    }

    private void refuseDuplicate(PatientRecord record) {
        var duplicate = duplicateOf(record);
        if (duplicate.isPresent()) {
            throw duplicate.get();
        }
    }
}

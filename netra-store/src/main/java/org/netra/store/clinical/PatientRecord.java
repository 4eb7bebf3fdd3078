package org.netra.store.clinical;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.eligibility.Candidate;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Identifier;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.PriorTreatment;

/**
 * The patient as the department keeps them: identity and body measures, the primary tumour (site, grade,
 * Ki-67 with its date), prior treatments, performance status over time, and pregnancy/breastfeeding.
 * {@code pregnant} is empty when not recorded; {@code identifiers} are the numbers the patient is known by
 * outside netra (the hospital's MRN first of all).
 */
public record PatientRecord(
        Patient patient,
        String name,
        PrimaryTumour tumour,
        List<PriorTreatment> priorTreatments,
        List<Dated<PerformanceStatus>> performance,
        Optional<Boolean> pregnant,
        boolean breastfeeding,
        List<Identifier> identifiers) {
    public PatientRecord {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(tumour, "primary tumour of patient " + patient.id());
        name = name == null ? "" : name;
        priorTreatments = priorTreatments == null ? List.of() : List.copyOf(priorTreatments);
        performance = performance == null ? List.of() : List.copyOf(performance);
        pregnant = pregnant == null ? Optional.empty() : pregnant;
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        for (int i = 0; i < identifiers.size(); i++) {
            for (int j = i + 1; j < identifiers.size(); j++) {
                if (identifiers
                        .get(i)
                        .system()
                        .equalsIgnoreCase(identifiers.get(j).system())) {
                    throw new IllegalArgumentException("patient " + patient.id() + " has two "
                            + identifiers.get(i).system() + " identifiers; keep one per system");
                }
            }
        }
    }

    /** A patient known only by netra's id (records written before identifiers were kept). */
    public PatientRecord(
            Patient patient,
            String name,
            PrimaryTumour tumour,
            List<PriorTreatment> priorTreatments,
            List<Dated<PerformanceStatus>> performance,
            Optional<Boolean> pregnant,
            boolean breastfeeding) {
        this(patient, name, tumour, priorTreatments, performance, pregnant, breastfeeding, List.of());
    }

    public String id() {
        return patient.id();
    }

    /** The hospital's medical record number, when recorded. */
    public Optional<Identifier> mrn() {
        return identifiers.stream()
                .filter(i -> i.system().equalsIgnoreCase(Identifier.MRN))
                .findFirst();
    }

    /**
     * Why {@code other} is the same person as this one, if it is: the same MRN, or the same name (case, accents
     * and spacing ignored) and birth date. Empty when they are different people, or the same record.
     */
    public Optional<String> samePersonAs(PatientRecord other) {
        if (other.id().equals(id())) {
            return Optional.empty();
        }
        var mine = mrn();
        var theirs = other.mrn();
        if (mine.isPresent() && theirs.isPresent() && mine.get().sameAs(theirs.get())) {
            return Optional.of("MRN " + theirs.get().value());
        }
        if (!name.isBlank()
                && comparable(name).equals(comparable(other.name))
                && patient.birthDate().equals(other.patient().birthDate())) {
            return Optional.of(
                    "name " + other.name + " and birth date " + other.patient().birthDate());
        }
        return Optional.empty();
    }

    /** The same record with another value in place of the named part (an edit from a form). */
    public PatientRecord with(Patient newPatient, String newName, PrimaryTumour newTumour, List<Identifier> ids) {
        return new PatientRecord(
                newPatient, newName, newTumour, priorTreatments, performance, pregnant, breastfeeding, ids);
    }

    /** The same record with another performance-status series, pregnancy and breastfeeding (an edit from a form). */
    public PatientRecord withCondition(
            List<Dated<PerformanceStatus>> newPerformance, Optional<Boolean> newPregnant, boolean newBreastfeeding) {
        return new PatientRecord(
                patient, name, tumour, priorTreatments, newPerformance, newPregnant, newBreastfeeding, identifiers);
    }

    /** The same record with {@code treatment} added to the prior treatments, kept in order of start. */
    public PatientRecord withPriorTreatment(PriorTreatment treatment) {
        var all = new java.util.ArrayList<>(priorTreatments);
        all.add(treatment);
        all.sort(java.util.Comparator.comparing(PriorTreatment::start));
        return new PatientRecord(patient, name, tumour, all, performance, pregnant, breastfeeding, identifiers);
    }

    private static String comparable(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.replaceAll("[\\s,]+", " ").strip().toLowerCase(Locale.ROOT);
    }

    /** What the eligibility check reads, with the patient's labs and imaging. */
    public Candidate candidate(LabHistory labs, List<ImagingStudy> imaging) {
        return new Candidate(patient, tumour, priorTreatments, labs, performance, imaging, pregnant, breastfeeding);
    }
}

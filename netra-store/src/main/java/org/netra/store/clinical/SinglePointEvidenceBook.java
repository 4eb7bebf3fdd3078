package org.netra.store.clinical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.population.MeasuredClearance;
import org.netra.dosimetry.population.RegionKind;
import org.netra.dosimetry.population.SinglePointEvidence;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * What a single-scan dosimetry knows from the store, read the same way for the web's jobs and {@code netra
 * dosimetry}: the department's population model in force ({@link PopulationModelBook}) and, for a cycle of a
 * patient's course, the patient's earlier cycles of that course with multi-time-point curves ({@link CycleCurves}),
 * which the population method narrows each region's prior with.
 */
public final class SinglePointEvidenceBook {
    private final Records records;

    public SinglePointEvidenceBook(Records records) {
        this.records = records;
    }

    /**
     * The evidence of one dosimetry run: with a patient and cycle, {@link #forCycle}; with neither, {@link
     * #population}. The web's jobs and {@code netra dosimetry} both call this.
     *
     * @throws CycleInputException when only one of the two is given
     */
    public SinglePointEvidence evidence(Optional<String> patientId, Optional<Integer> cycle) {
        if (patientId.isPresent() != cycle.isPresent()) {
            throw new CycleInputException(
                    patientId.isPresent()
                            ? "give the cycle of patient " + patientId.get() + " the scans are of, with the patient"
                            : "give the patient whose cycle " + cycle.orElseThrow()
                                    + " the scans are of, with the cycle");
        }
        return patientId.isPresent() ? forCycle(patientId.get(), cycle.get()) : population();
    }

    /** The department's priors in force, no patient. */
    public SinglePointEvidence population() {
        return SinglePointEvidence.of(
                new PopulationModelBook(records).current().value().model());
    }

    /**
     * The priors in force and the earlier cycles (1 … {@code cycle} − 1) of the patient's latest course, each region
     * with its measured curve as stored.
     *
     * @throws CycleInputException naming the patient when netra holds no chart or course of them, or the cycle when
     *     it is below 1
     */
    public SinglePointEvidence forCycle(String patientId, int cycle) {
        if (cycle < 1) {
            throw new CycleInputException("the cycle must be 1 or more, got " + cycle);
        }
        if (records.find(ClinicalKinds.PATIENT, patientId).isEmpty()) {
            throw new CycleInputException("netra holds no chart of patient " + patientId
                    + "; give the patient's id as netra has it (or leave the patient out for the population prior)");
        }
        PatientChart chart = PatientChart.load(records, patientId);
        CourseRecord course = chart.courses().stream()
                .map(Stored::value)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new CycleInputException("patient " + patientId
                        + " has no PRRT course: plan the course, or leave the patient out for the population prior"));
        Map<String, List<MeasuredClearance>> byRegion = new LinkedHashMap<>();
        Map<String, RegionKind> kinds = new LinkedHashMap<>();
        for (Stored<DosimetryRecord> d : chart.dosimetry()) {
            DosimetryRecord record = d.value();
            int earlier = record.dosimetry().cycle();
            if (!record.courseId().equals(course.id()) || earlier >= cycle) {
                continue;
            }
            Optional<CycleCurves> curves =
                    records.find(ClinicalKinds.CYCLE_CURVES, record.id()).map(Stored::value);
            for (RegionCurves r : curves.map(CycleCurves::regions).orElse(List.of())) {
                Optional<RegionKind> kind = PopulationModelBook.kindOf(r.region());
                Optional<MeasuredClearance> measured = PopulationModelBook.clearanceOf(patientId, earlier, r);
                if (kind.isPresent() && measured.isPresent()) {
                    kinds.put(r.region(), kind.get());
                    byRegion.computeIfAbsent(r.region(), k -> new ArrayList<>()).add(measured.get());
                }
            }
        }
        List<SinglePointEvidence.EarlierRegion> regions = new ArrayList<>();
        byRegion.forEach(
                (name, cycles) -> regions.add(new SinglePointEvidence.EarlierRegion(name, kinds.get(name), cycles)));
        return population()
                .withEarlierCycles(
                        regions, "patient " + patientId + ", course " + course.id() + ", before cycle " + cycle);
    }
}

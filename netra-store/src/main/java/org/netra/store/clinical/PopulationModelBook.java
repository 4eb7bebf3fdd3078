package org.netra.store.clinical;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.dosimetry.cycle.RegionRole;
import org.netra.dosimetry.cycle.RoleRules;
import org.netra.dosimetry.population.ClearanceNlmeFit;
import org.netra.dosimetry.population.DepartmentPopulationModel;
import org.netra.dosimetry.population.DosePerActivityModel;
import org.netra.dosimetry.population.FittedClearance;
import org.netra.dosimetry.population.KidneyMarrowCorrelation;
import org.netra.dosimetry.population.MeasuredClearance;
import org.netra.dosimetry.population.RegionKind;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * The department's population model in the store: read it, refit it from every stored multi-time-point cycle, and
 * set the course forecast's risk level. Each save is one audited transaction over the version read; the fit itself
 * runs before it, outside any transaction.
 *
 * <p>The random effect of the clearance fit is per patient and region: a left and a right kidney, or two lesions of
 * one patient, are two subjects whose cycles are repeated measures of each.
 */
public final class PopulationModelBook {
    private final Records records;

    public PopulationModelBook(Records records) {
        this.records = records;
    }

    /** The model in force and its version (version 0: the published defaults, never saved). */
    public Stored<PopulationModelSettings> current() {
        return records.find(ClinicalKinds.POPULATION_MODEL, PopulationModelSettings.ID)
                .orElse(new Stored<>(PopulationModelSettings.DEFAULTS, 0, null, "netra"));
    }

    /** What a refit found and saved. */
    public record Refit(Stored<PopulationModelSettings> saved, Map<RegionKind, String> regions, List<String> notes) {}

    /**
     * Reads every stored cycle, fits each region kind with enough data and the kidney and marrow dose per activity,
     * and saves the result over {@code version} (0 the first time).
     */
    public Refit refit(int version, String actor) {
        StoredCycles data = StoredCycles.read(records);
        List<FittedClearance> fitted = new ArrayList<>();
        Map<RegionKind, String> regions = new EnumMap<>(RegionKind.class);
        List<String> notes = new ArrayList<>();
        for (var e : data.curves.entrySet()) {
            try {
                FittedClearance f = ClearanceNlmeFit.fit(e.getKey(), e.getValue());
                fitted.add(f);
                regions.put(
                        e.getKey(),
                        f.describe()
                                + (f.enoughToReplaceDefault()
                                        ? " — in force"
                                        : " — too few; the published prior stays"));
            } catch (IllegalArgumentException tooLittle) {
                regions.put(e.getKey(), tooLittle.getMessage() + " — the published prior stays");
            }
        }
        String when = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        DosePerActivityModel kidney =
                doseModel("kidney", data.kidneyGyPerGBq, DosePerActivityModel.KIDNEY_PUBLISHED, when, notes);
        DosePerActivityModel marrow =
                doseModel("marrow", data.marrowGyPerGBq, DosePerActivityModel.MARROW_PUBLISHED, when, notes);
        KidneyMarrowCorrelation kidneyMarrow = correlation(kidney, marrow, data, when, notes);
        var model = new DepartmentPopulationModel(fitted, kidney, marrow, kidneyMarrow, when);
        var now = current();
        var saved = DepartmentSettings.save(
                records,
                ClinicalKinds.POPULATION_MODEL,
                PopulationModelSettings.ID,
                now,
                version,
                now.value().withModel(model),
                actor);
        return new Refit(saved, regions, notes);
    }

    /** Sets the accepted probability of crossing a limit with the next cycle, over {@code version}. */
    public Stored<PopulationModelSettings> saveRiskLevel(int version, double level, String actor) {
        var now = current();
        return DepartmentSettings.save(
                records,
                ClinicalKinds.POPULATION_MODEL,
                PopulationModelSettings.ID,
                now,
                version,
                now.value().withRiskLevel(level),
                actor);
    }

    private static DosePerActivityModel doseModel(
            String organ,
            Map<String, List<Double>> byPatient,
            DosePerActivityModel published,
            String when,
            List<String> notes) {
        try {
            var m = DosePerActivityModel.fit(organ, byPatient, "department fit " + when);
            notes.add(m.describe()
                    + (m.enoughToReplaceDefault() ? " — in force" : " — too few; the published values stay"));
            return m;
        } catch (IllegalArgumentException tooLittle) {
            notes.add(tooLittle.getMessage() + " — the published values stay");
            return published;
        }
    }

    /** The kidney–marrow correlation beside the two fitted dose models (none when either stayed published). */
    private static KidneyMarrowCorrelation correlation(
            DosePerActivityModel kidney,
            DosePerActivityModel marrow,
            StoredCycles data,
            String when,
            List<String> notes) {
        if (kidney.patients() == 0 || marrow.patients() == 0) {
            return KidneyMarrowCorrelation.PUBLISHED;
        }
        try {
            var c = KidneyMarrowCorrelation.fit(
                    kidney, marrow, data.kidneyGyPerGBq, data.marrowGyPerGBq, "department fit " + when);
            notes.add(c.describe() + (c.enoughToReplaceDefault() ? " — in force" : " — too few; none is assumed"));
            return c;
        } catch (IllegalArgumentException tooLittle) {
            notes.add(tooLittle.getMessage() + " — none is assumed");
            return KidneyMarrowCorrelation.PUBLISHED;
        }
    }

    /** The stored cycles as the fits read them. */
    record StoredCycles(
            Map<RegionKind, List<MeasuredClearance>> curves,
            Map<String, List<Double>> kidneyGyPerGBq,
            Map<String, List<Double>> marrowGyPerGBq) {

        static StoredCycles read(Records records) {
            Map<String, DosimetryRecord> byId = new HashMap<>();
            Map<String, List<Double>> kidney = new LinkedHashMap<>();
            Map<String, List<Double>> marrow = new LinkedHashMap<>();
            for (var s : records.list(ClinicalKinds.DOSIMETRY)) {
                DosimetryRecord d = s.value();
                byId.put(d.id(), d);
                kidney.computeIfAbsent(d.patientId(), k -> new ArrayList<>())
                        .add(d.dosimetry().kidneyGyPerGBq());
                marrow.computeIfAbsent(d.patientId(), k -> new ArrayList<>())
                        .add(d.dosimetry().marrowGyPerGBq());
            }
            Map<RegionKind, List<MeasuredClearance>> curves = new EnumMap<>(RegionKind.class);
            for (var s : records.list(ClinicalKinds.CYCLE_CURVES)) {
                CycleCurves c = s.value();
                DosimetryRecord d = byId.get(c.id());
                int cycle = d == null ? 0 : d.dosimetry().cycle();
                for (RegionCurves r : c.regions()) {
                    Optional<RegionKind> kind = kindOf(r.region());
                    Optional<MeasuredClearance> measured = clearanceOf(c.patientId(), cycle, r);
                    if (kind.isPresent() && measured.isPresent()) {
                        curves.computeIfAbsent(kind.get(), k -> new ArrayList<>())
                                .add(measured.get());
                    }
                }
            }
            return new StoredCycles(curves, kidney, marrow);
        }
    }

    /**
     * A stored region's measured curve as the clearance fits read it (the subject is the patient's region), or empty
     * with fewer than two scans.
     */
    static Optional<MeasuredClearance> clearanceOf(String patientId, int cycle, RegionCurves r) {
        if (r.measured().size() < 2) {
            return Optional.empty();
        }
        double[] hours = r.measured().stream()
                .mapToDouble(RegionCurves.CurvePoint::hours)
                .toArray();
        double[] mBq =
                r.measured().stream().mapToDouble(p -> p.activity().inMBq()).toArray();
        return Optional.of(new MeasuredClearance(patientId + " " + r.region(), cycle, hours, mBq));
    }

    /** A stored region's kind by netra's naming rules (the kidneys, tumours, marrow, body; spleen and liver by name). */
    static Optional<RegionKind> kindOf(String regionName) {
        RegionRole role = RoleRules.DEFAULT.roleOf(regionName);
        return switch (role) {
            case KIDNEY -> Optional.of(RegionKind.KIDNEY);
            case TUMOUR -> Optional.of(RegionKind.TUMOUR);
            case MARROW -> Optional.of(RegionKind.MARROW_BLOOD);
            case BODY -> Optional.of(RegionKind.WHOLE_BODY);
            // The cortex is a part of a kidney already fitted; the bladder's curve is its voiding, not a clearance.
            case KIDNEY_CORTEX, URINARY_BLADDER -> Optional.empty();
            case ORGAN -> {
                String key = RoleRules.key(regionName);
                yield key.matches("(.* )?spleen( .*)?")
                        ? Optional.of(RegionKind.SPLEEN)
                        : key.matches("(.* )?liver( .*)?") ? Optional.of(RegionKind.LIVER) : Optional.empty();
            }
        };
    }
}

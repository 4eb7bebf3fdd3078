package org.netra.app.cyclezero;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.FirstActivityProposal;
import org.netra.clinical.therapy.TumourDose;
import org.netra.dosimetry.cyclezero.PetDosePredictor;
import org.netra.dosimetry.cyclezero.PetDosePredictor.MeasuredPair;
import org.netra.dosimetry.population.RegionKind;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CycleZeroBook;
import org.netra.store.clinical.CycleZeroRecord;
import org.netra.store.clinical.CycleZeroRecord.Predicted;
import org.netra.store.clinical.CycleZeroSettings;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * Virtual cycle 0 between the store and netra-dosimetry's {@link PetDosePredictor}, for the CLI and the web: a
 * course's prediction from its 68Ga PET, its comparison with the measured cycle 1, and the department's
 * recalibration from every course that has both.
 */
public final class VirtualCycleZero {
    private final Records records;

    public VirtualCycleZero(Records records) {
        this.records = records;
    }

    /** The predictor in force for a region: the department's fit if it saved one, else the published default. */
    public static PetDosePredictor predictor(Stored<CycleZeroSettings> settings, RegionKind region) {
        return settings.value()
                .fit(region.label())
                .map(f -> new PetDosePredictor(
                        region,
                        f.referenceSuv(),
                        new double[] {f.intercept(), f.slope()},
                        new double[] {f.v00(), f.v01(), f.v11()},
                        f.shape(),
                        f.rate(),
                        f.patients(),
                        settings.version(),
                        f.source()))
                .orElseGet(() -> PetDosePredictor.lu177Default(region));
    }

    /**
     * A course's virtual cycle 0 from its PET SUVmeans (not stored: the caller saves it).
     *
     * @param tumourSuvs lesion id → SUVmean
     */
    public CycleZeroRecord predict(
            String patientId,
            String courseId,
            LocalDate petDate,
            double kidneySuv,
            Optional<Double> spleenSuv,
            Map<String, Double> tumourSuvs,
            int plannedCycles) {
        return predict(
                patientId, courseId, petDate, kidneySuv, spleenSuv, tumourSuvs, plannedCycles, CycleZeroRecord.TYPED);
    }

    /** As above, from the SUVmeans measured on a held PET study ({@link PetRegionSuvs}), which the record names. */
    public CycleZeroRecord predict(
            String patientId, String courseId, LocalDate petDate, PetRegionSuvs measured, int plannedCycles) {
        double kidneys = measured.kidneys()
                .orElseThrow(() -> new org.netra.dosimetry.cycle.CycleInputException(
                        "the study has no kidney VOI, and the first activity is proposed from the kidneys: draw them"
                                + " (a VOI named Kidney_L, kidneys …) or type the kidneys' SUVmean"));
        return predict(
                patientId,
                courseId,
                petDate,
                kidneys,
                measured.spleen(),
                measured.tumours(),
                plannedCycles,
                measured.source());
    }

    private CycleZeroRecord predict(
            String patientId,
            String courseId,
            LocalDate petDate,
            double kidneySuv,
            Optional<Double> spleenSuv,
            Map<String, Double> tumourSuvs,
            int plannedCycles,
            String suvSource) {
        var settings = new CycleZeroBook(records).current();
        List<Predicted> out = new ArrayList<>();
        var kidney = predictor(settings, RegionKind.KIDNEY).predict(kidneySuv);
        out.add(predicted("kidneys", kidney));
        spleenSuv.ifPresent(s -> out.add(
                predicted("spleen", predictor(settings, RegionKind.SPLEEN).predict(s))));
        var tumour = predictor(settings, RegionKind.TUMOUR);
        tumourSuvs.forEach((lesion, suv) -> out.add(predicted(lesion, tumour.predict(suv))));
        var proposal = FirstActivityProposal.propose(kidney, plannedCycles, ContinuationConfig.DEFAULTS);
        return new CycleZeroRecord(
                CycleZeroRecord.idOf(courseId),
                patientId,
                courseId,
                petDate,
                out,
                settings.version(),
                proposal.activity().inGBq(),
                proposal.reason(),
                suvSource);
    }

    private static Predicted predicted(String name, PetDosePredictor.Prediction p) {
        return new Predicted(
                p.region().label(),
                name,
                p.petSuvMean(),
                p.medianPerGBq().inGy(),
                p.lower90PerGBq().inGy(),
                p.upper90PerGBq().inGy());
    }

    /** One region's prediction beside its measured cycle-1 dose per GBq. */
    public record Comparison(Predicted predicted, double measuredGyPerGBq) {
        public double relativeError() {
            return predicted.medianGyPerGBq() / measuredGyPerGBq - 1;
        }

        public boolean insideInterval() {
            return predicted.lower90GyPerGBq() <= measuredGyPerGBq && measuredGyPerGBq <= predicted.upper90GyPerGBq();
        }
    }

    /** The course's predictions that its stored cycle-1 dosimetry measured (none before cycle 1). */
    public List<Comparison> compare(CycleZeroRecord zero) {
        return compare(
                zero, records.find(ClinicalKinds.DOSIMETRY, cycleOneId(zero)).map(Stored::value));
    }

    /** The id of the dosimetry record of the course's cycle 1, which a comparison reads. */
    public static String cycleOneId(CycleZeroRecord zero) {
        return zero.courseId() + "/cycle-1";
    }

    /** The same with the course's stored cycle-1 dosimetry already read (e.g. from a kept chart). */
    public static List<Comparison> compare(CycleZeroRecord zero, Optional<DosimetryRecord> cycle1) {
        if (cycle1.isEmpty()) {
            return List.of();
        }
        var d = cycle1.get();
        double gbq = d.dosimetry().administered().inGBq();
        List<Comparison> out = new ArrayList<>();
        for (Predicted p : zero.regions()) {
            switch (p.region()) {
                case "kidney" -> out.add(new Comparison(p, d.dosimetry().kidneyGyPerGBq()));
                case "tumour" ->
                    d.tumours().stream()
                            .filter(t -> t.lesion().equals(p.name()))
                            .findFirst()
                            .map(TumourDose::mean)
                            .ifPresent(mean -> out.add(new Comparison(p, mean.inGy() / gbq)));
                default -> {
                    // the stored cycle dosimetry has no spleen dose: the spleen is predicted, never compared
                }
            }
        }
        return out;
    }

    /** How many courses have both a virtual cycle 0 and a measured cycle 1: the patients a recalibration rests on. */
    public int measuredCourses() {
        return (int) records.list(ClinicalKinds.CYCLE_ZERO).stream()
                .filter(zero -> !compare(zero.value()).isEmpty())
                .count();
    }

    /** What a recalibration would fit: per region, every stored course's (PET SUV, measured Gy/GBq). */
    public Map<RegionKind, List<MeasuredPair>> measuredPairs() {
        List<MeasuredPair> kidneys = new ArrayList<>();
        List<MeasuredPair> tumours = new ArrayList<>();
        for (var zero : records.list(ClinicalKinds.CYCLE_ZERO)) {
            for (Comparison c : compare(zero.value())) {
                var pair = new MeasuredPair(c.predicted().petSuvMean(), c.measuredGyPerGBq());
                (c.predicted().region().equals("kidney") ? kidneys : tumours).add(pair);
            }
        }
        return Map.of(RegionKind.KIDNEY, kidneys, RegionKind.TUMOUR, tumours);
    }

    /**
     * Refits the kidney and tumour predictors from the published priors and every course with a virtual cycle 0
     * and a measured cycle 1, and saves them as the next version over {@code version}; a region without any
     * measured patient keeps the published default.
     */
    public Stored<CycleZeroSettings> recalibrate(int version, String actor) {
        List<CycleZeroSettings.Fit> fits = new ArrayList<>();
        measuredPairs().forEach((region, pairs) -> {
            if (!pairs.isEmpty()) {
                var prior = PetDosePredictor.lu177Default(region);
                var fit = prior.recalibrated(prior, pairs);
                double[] m = fit.mean();
                double[] v = fit.scaleMatrix();
                fits.add(new CycleZeroSettings.Fit(
                        region.label(),
                        fit.referenceSuv(),
                        m[0],
                        m[1],
                        v[0],
                        v[1],
                        v[2],
                        fit.shape(),
                        fit.rate(),
                        fit.patients(),
                        fit.source()));
            }
        });
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("no course has both a virtual cycle 0 and a measured cycle 1 yet:"
                    + " nothing to recalibrate from; record the PET prediction (cycle-zero predict --save) and the"
                    + " cycle-1 dosimetry first");
        }
        fits.sort(java.util.Comparator.comparing(CycleZeroSettings.Fit::region));
        return new CycleZeroBook(records).save(version, new CycleZeroSettings(CycleZeroSettings.ID, fits), actor);
    }
}

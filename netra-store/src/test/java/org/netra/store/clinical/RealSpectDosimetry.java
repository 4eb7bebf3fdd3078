package org.netra.store.clinical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.netra.clinical.therapy.TumourDose;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.KineticsSettings;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.dosimetry.kinetics.TimeActivityData;
import org.netra.dosimetry.kinetics.TimePoint;
import org.netra.dosimetry.organ.SValue;
import org.netra.dosimetry.organ.SphereModel;
import org.netra.dosimetry.uncertainty.Propagation;
import org.netra.dosimetry.uncertainty.Uncertain;
import org.netra.dosimetry.uncertainty.UncertaintyBudget;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.quant.AcquisitionFacts;
import org.netra.imaging.quant.RealWorldValues;
import org.netra.imaging.quant.RoiStatistics;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Density;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.testkit.TestData;

/**
 * Tumour dosimetry of the real 177Lu-DOTATATE patient in shared/data (two quantitative SPECTs, 3.7 h and
 * 27.7 h after 7210 MBq, each with an RTSTRUCT of two liver lesions), with netra-imaging and netra-dosimetry:
 * Bq/mL at scan start → VOI activity → time–activity kinetics (the two-point rules of {@link Kinetics}) →
 * Ã → sphere self-dose S of the VOI's volume → dose ± SD by first-order propagation.
 */
final class RealSpectDosimetry {
    /** ICRU 44 soft tissue. */
    static final Density TISSUE = Density.ofGramsPerMl(1.06);

    /**
     * Relative SDs besides the fit, of the orders the EANM guidance gives (Gear et al., EJNMMI 2018;45:2456):
     * calibration 5 %, VOI activity 10 %, VOI mass 10 %, activity–mass correlation 0.5. A choice for this test.
     */
    static final UncertaintyBudget BUDGET = new UncertaintyBudget(0.05, 0.10, 0.10, 0.5);

    /** One lesion's measurement and result. */
    record Lesion(
            String name,
            List<TimePoint> points,
            double volumeMl,
            TiaResult tia,
            SValue s,
            AbsorbedDose dose,
            Uncertain doseWithSd) {
        /** Gy per GBq administered. */
        double gyPerGBq(Activity administered) {
            return dose.inGy() / administered.inGBq();
        }
    }

    record Result(Activity administered, List<Lesion> lesions) {
        /** The tumour doses of a cycle of {@code activity}, scaled linearly from this cycle's Gy/GBq. */
        List<TumourDose> scaledTo(Activity activity) {
            double f = activity.inGBq() / administered.inGBq();
            return lesions.stream()
                    .map(l -> new TumourDose(
                            l.name(),
                            AbsorbedDose.ofGy(l.dose().inGy() * f),
                            AbsorbedDose.ofGy(l.doseWithSd().standardDeviation() * f),
                            l.volumeMl()))
                    .toList();
        }
    }

    private RealSpectDosimetry() {}

    static Result run() {
        Path root = TestData.path("dicom/lu177-dotatate-spect");
        Nuclide lu = NuclideCatalog.icrp107().get("Lu-177");
        Map<String, List<TimePoint>> points = new LinkedHashMap<>();
        Map<String, Double> firstVolume = new LinkedHashMap<>();
        Activity administered = null;
        try {
            for (String scan : List.of("SCAN_001", "SCAN_002")) {
                AssembledSeries s = SeriesAssembler.assemble(root.resolve(scan).resolve("image"), Optional.empty());
                var q = RealWorldValues.bqPerMlAtScanStart(s);
                AcquisitionFacts facts = AcquisitionFacts.of(s);
                Duration t = facts.timeSinceInjection()
                        .orElseThrow(() -> new IllegalStateException(scan + " has no injection or scan time"));
                administered = facts.radiopharmaceutical().orElseThrow().injected();
                for (Mask m : RtStruct.read(only(root.resolve(scan).resolve("mask")))
                        .rasterise(s.volume().geometry())) {
                    RoiStatistics r = RoiStatistics.of(q.image(), m);
                    points.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(TimePoint.of(t, r.activity()));
                    firstVolume.putIfAbsent(m.name(), r.volume().inMl());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Lesion> lesions = new ArrayList<>();
        for (var e : points.entrySet()) {
            TiaResult tia = Kinetics.integrate(new TimeActivityData(e.getValue()), KineticsSettings.of(lu));
            double ml = firstVolume.get(e.getKey());
            SValue s = SphereModel.selfS(lu, org.netra.physics.quantity.Volume.ofMl(ml), TISSUE);
            AbsorbedDose dose = s.dose(tia.timeIntegratedActivity());
            Uncertain withSd = Propagation.dose(
                    dose,
                    tia.timeIntegratedActivity(),
                    tia.standardDeviation().orElse(TimeIntegratedActivity.ZERO),
                    BUDGET);
            lesions.add(new Lesion(e.getKey(), e.getValue(), ml, tia, s, dose, withSd));
        }
        return new Result(administered, List.copyOf(lesions));
    }

    private static Path only(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".dcm")).toList();
            if (all.size() != 1) {
                throw new IllegalStateException(folder + " should hold one RTSTRUCT, holds " + all.size());
            }
            return all.get(0);
        }
    }
}

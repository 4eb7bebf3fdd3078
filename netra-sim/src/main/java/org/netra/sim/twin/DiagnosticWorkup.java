package org.netra.sim.twin;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.netra.dosimetry.kinetics.Exponentials;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.Region;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.kinetics.Lu177Dotatate.Group;
import org.netra.sim.kinetics.SimulatedTracer;
import org.netra.sim.kinetics.TrueKinetics;
import org.netra.sim.kinetics.Uptake;
import org.netra.sim.spect.SpectScan;
import org.netra.sim.spect.SpectSettings;
import org.netra.sim.spect.SpectSimulator;

/**
 * The twin's diagnostic work-up before PRRT: 111In-pentetreotide SPECT at 4, 24 and 48 h (docs/DOMAIN.md §1)
 * and a 68Ga-DOTATATE PET at 60 min, with the truth a reader would grade: each tumour's Krenning score from
 * its true 24 h uptake against liver and spleen, and every VOI's true SUVmean (body weight) on the PET.
 *
 * <p>Both tracers take the patient's own 177Lu-DOTATATE biology with their nuclide's decay
 * ({@link Uptake#retimed}); the PET's amplitudes are then set so that each compartment shows the SUVmean
 * drawn for the patient ({@link Ga68PetPopulation}: spleen highest, then kidneys and liver, marrow low),
 * correlated with the 177Lu uptake rather than computed from it. Cameras: 111In on a medium-energy collimator, FWHM 12 mm, 12 cps/MBq (171 and
 * 245 keV windows); PET FWHM 6 mm, 7000 cps/MBq (≈ 7 cps/kBq, a current PET/CT), 15 min over the trunk.
 */
public record DiagnosticWorkup(
        LocalDateTime srsInjection,
        TrueKinetics srsKinetics,
        List<SpectScan> srs,
        LocalDateTime petInjection,
        TrueKinetics petKinetics,
        SpectScan pet,
        List<Finding> truth) {
    public static final SpectSettings SRS = new SpectSettings(List.of(4.0, 24.0, 48.0), 12, 12, 1200, 0);
    public static final SpectSettings PET = new SpectSettings(List.of(1.0), 6, 7000, 900, 0);

    /** One VOI's diagnostic truth; the Krenning score only for tumours (0 otherwise). */
    public record Finding(String voi, double srsConcentrationRatioToLiver24h, double petSuvMean, int krenning) {}

    public DiagnosticWorkup {
        srs = List.copyOf(srs);
        truth = List.copyOf(truth);
    }

    static DiagnosticWorkup simulate(
            Phantom phantom,
            Map<Group, Uptake> lutetium,
            Map<Group, Double> petSuv,
            double weightKg,
            LocalDateTime firstCycle,
            long seed) {
        TrueKinetics srsKinetics = TrueKinetics.of(
                phantom,
                retimed(lutetium, SimulatedTracer.IN111_PENTETREOTIDE),
                SimulatedTracer.IN111_PENTETREOTIDE.activityMBq());
        TrueKinetics petKinetics = TrueKinetics.of(
                phantom,
                atSuv(phantom, retimed(lutetium, SimulatedTracer.GA68_DOTATATE), petSuv, weightKg),
                SimulatedTracer.GA68_DOTATATE.activityMBq());
        List<SpectScan> srs = SpectSimulator.simulate(srsKinetics, SRS, seed * 31 + 7);
        SpectScan pet =
                SpectSimulator.simulate(petKinetics, PET, seed * 31 + 11).get(0);
        double liver = concentration(srsKinetics, phantom, "Liver", 24);
        double spleen = concentration(srsKinetics, phantom, "Spleen", 24);
        double background = concentration(srsKinetics, phantom, "Body", 24);
        double gaHalfLife = SimulatedTracer.GA68_DOTATATE.halfLifeHours();
        double injectedAtScanBq = SimulatedTracer.GA68_DOTATATE.activityMBq() * 1e6 * Math.pow(2, -1.0 / gaHalfLife);
        List<Finding> truth = new ArrayList<>();
        for (Voi voi : Voi.of(phantom.spec())) {
            if (phantom.volumeMl(voi) == 0) {
                continue;
            }
            double c24 = concentration(srsKinetics, phantom, voi.name(), 24);
            double suv = concentration(petKinetics, phantom, voi.name(), 1) / (injectedAtScanBq / (weightKg * 1000));
            int krenning = 0;
            if (voi.tumour()) {
                krenning = c24 > spleen ? 4 : c24 > liver ? 3 : c24 > 0.5 * liver ? 2 : c24 > background ? 1 : 0;
            }
            truth.add(new Finding(voi.name(), c24 / liver, suv, krenning));
        }
        return new DiagnosticWorkup(
                firstCycle.minusWeeks(6), srsKinetics, srs, firstCycle.minusWeeks(5), petKinetics, pet, truth);
    }

    /**
     * The retimed curves rescaled so that each drawn compartment's mean concentration at 60 min is its SUV
     * ({@link Ga68PetPopulation}); the shape stays the retimed one, only the amplitude moves.
     */
    private static Map<Group, Uptake> atSuv(
            Phantom phantom, Map<Group, Uptake> retimed, Map<Group, Double> petSuv, double weightKg) {
        double injected = SimulatedTracer.GA68_DOTATATE.activityMBq();
        double bqPerMlPerSuv =
                injected * 1e6 * Math.pow(2, -1.0 / SimulatedTracer.GA68_DOTATATE.halfLifeHours()) / (weightKg * 1000);
        Map<Group, Double> volume = new EnumMap<>(Group.class);
        for (Region r : Region.values()) {
            volume.merge(Group.of(r), phantom.volumeMl(r), Double::sum);
        }
        Map<Group, Uptake> out = new EnumMap<>(retimed);
        petSuv.forEach((g, suv) -> {
            double ml = volume.getOrDefault(g, 0.0);
            if (ml > 0) {
                double now = retimed.get(g).curve(injected, ml).valueMBq(1) * 1e6 / ml;
                out.put(g, retimed.get(g).scaled(suv * bqPerMlPerSuv / now));
            }
        });
        return out;
    }

    private static Map<Group, Uptake> retimed(Map<Group, Uptake> lutetium, SimulatedTracer tracer) {
        double from = SimulatedTracer.LU177_DOTATATE.halfLifeHours();
        Map<Group, Uptake> out = new EnumMap<>(Group.class);
        lutetium.forEach((g, u) -> out.put(g, u.retimed(from, tracer.halfLifeHours())));
        return out;
    }

    /** A VOI's true mean activity concentration at {@code hours}, Bq/mL. */
    private static double concentration(TrueKinetics k, Phantom phantom, String voi, double hours) {
        Voi v = Voi.of(phantom.spec()).stream()
                .filter(x -> x.name().equals(voi))
                .findFirst()
                .orElseThrow();
        Exponentials e = k.voi(v);
        return e.valueMBq(hours) * 1e6 / phantom.volumeMl(v);
    }
}

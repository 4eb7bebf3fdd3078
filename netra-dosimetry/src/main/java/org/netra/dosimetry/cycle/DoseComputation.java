package org.netra.dosimetry.cycle;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.netra.dosimetry.dvh.DoseVolumeHistogram;
import org.netra.dosimetry.kinetics.BladderKinetics;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.TiaMethod;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.dosimetry.kinetics.TimeActivityData;
import org.netra.dosimetry.kinetics.TimePoint;
import org.netra.dosimetry.montecarlo.InterfaceRegion;
import org.netra.dosimetry.montecarlo.LocalElectrons;
import org.netra.dosimetry.montecarlo.MonteCarloDose;
import org.netra.dosimetry.montecarlo.MonteCarloProgress;
import org.netra.dosimetry.montecarlo.MonteCarloResult;
import org.netra.dosimetry.montecarlo.PhotonCrossSections;
import org.netra.dosimetry.montecarlo.VoxelPhantom;
import org.netra.dosimetry.organ.OrganSValue;
import org.netra.dosimetry.organ.OrganSValues;
import org.netra.dosimetry.organ.ReferencePhantom;
import org.netra.dosimetry.organ.SValue;
import org.netra.dosimetry.organ.SourceRegion;
import org.netra.dosimetry.organ.SphereModel;
import org.netra.dosimetry.radiobiology.Bed;
import org.netra.dosimetry.uncertainty.Propagation;
import org.netra.dosimetry.voxel.KernelDose;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.dosimetry.voxel.LocalDeposition;
import org.netra.dosimetry.voxel.VoxelSValues;
import org.netra.imaging.io.VoiOutsideImageException;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Density;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;

/**
 * One cycle's dosimetry from registered time points: per VOI the time–activity curve and its
 * time-integrated activity ({@link Kinetics}, the model and why), per voxel the TIA ({@link VoxelKinetics}),
 * the absorbed dose by the chosen {@link DoseMethod}, ± 1 SD, BED and dose–volume figures.
 */
public final class DoseComputation {
    /** Voxels per task of a parallel pass over a map. */
    private static final int SLAB = 1 << 16;

    private DoseComputation() {}

    /**
     * @param timePoints on one grid (see {@link Alignment}), any order
     * @param vois on that grid
     * @param density g/mL on that grid (from CT), or empty for the settings' tissue density everywhere
     */
    public static CycleResult run(
            Nuclide nuclide,
            LocalDateTime injection,
            List<TimePointImage> timePoints,
            List<Mask> vois,
            Optional<ImageVolume> density,
            DoseMethod method,
            CycleSettings settings) {
        return run(nuclide, injection, timePoints, vois, density, method, settings, message -> {});
    }

    /** @param progress told of a long method's progress (the Monte Carlo's rounds) */
    public static CycleResult run(
            Nuclide nuclide,
            LocalDateTime injection,
            List<TimePointImage> timePoints,
            List<Mask> vois,
            Optional<ImageVolume> density,
            DoseMethod method,
            CycleSettings settings,
            java.util.function.Consumer<String> progress) {
        if (timePoints.isEmpty()) {
            throw new CycleInputException("give at least one time point");
        }
        if (vois.isEmpty()) {
            throw new CycleInputException("give at least one VOI (an RTSTRUCT ROI or a label)");
        }
        List<TimePointImage> tps = new ArrayList<>(timePoints);
        tps.sort(java.util.Comparator.comparing(TimePointImage::acquisition));
        Geometry grid = tps.get(0).activity().geometry();
        int n = tps.size();
        double[] hours = new double[n];
        List<Duration> afterInjection = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TimePointImage tp = tps.get(i);
            if (!tp.activity().geometry().equals(grid)) {
                throw new CycleInputException(
                        "time point " + tp.source() + " is on " + tp.activity().geometry()
                                + ", not on the reference grid " + grid + " of "
                                + tps.get(0).source()
                                + "; align the time points first (registration none or rigid)");
            }
            Duration after = Duration.between(injection, tp.acquisition());
            if (after.isNegative() || after.isZero()) {
                throw new CycleInputException("time point " + tp.source() + " was acquired at " + tp.acquisition()
                        + ", not after the injection at " + injection
                        + "; check the injection date-time (0018,1078) and the acquisition time");
            }
            hours[i] = Times.hours(after);
            afterInjection.add(after);
            if (i > 0 && hours[i] == hours[i - 1]) {
                throw new CycleInputException("time points " + tps.get(i - 1).source() + " and " + tp.source()
                        + " were acquired at the same time; give each scan once");
            }
        }
        for (Mask m : vois) {
            if (!m.geometry().equals(grid)) {
                throw new CycleInputException("VOI '" + m.name() + "' is on " + m.geometry()
                        + " but the reference time point on " + grid + "; rasterise it on the reference scan");
            }
            if (m.isEmpty()) {
                throw new VoiOutsideImageException(m.name(), "the VOIs", "has no voxel inside the image");
            }
        }
        density.ifPresent(d -> {
            d.requireUnit(VoxelUnit.G_PER_ML, "the density map");
            if (!d.geometry().equals(grid)) {
                throw new CycleInputException("the density map (CT) is on " + d.geometry()
                        + "; resample it onto the reference grid " + grid + " first");
            }
        });

        double voxelMl = grid.voxelVolume().inMl();
        Optional<ImageVolume> tiaMap = Optional.empty();
        Optional<ImageVolume> doseMap = Optional.empty();
        VoxelKinetics.Counts counts = new VoxelKinetics.Counts(0, 0, 0, 0);
        Optional<MonteCarloComparison> monteCarlo = Optional.empty();
        Optional<MonteCarloResult> monteCarloRun = Optional.empty();
        List<RegionCurve> curves = regionCurves(vois, tps, hours, settings, voxelMl);
        double[] bladderFactors = new double[vois.size()];
        java.util.Arrays.fill(bladderFactors, 1);
        if (!(method instanceof DoseMethod.OrganS)) {
            float[][] maps = new float[n][];
            for (int i = 0; i < n; i++) {
                maps[i] = tps.get(i).activity().voxels();
            }
            VoxelKinetics.Result r = VoxelKinetics.integrate(
                    maps,
                    hours,
                    Math.log(2) / Times.hours(nuclide.halfLife()),
                    settings.kinetics().singlePoint());
            counts = r.counts();
            float[] tia = r.tia();
            if (n == 1) {
                regionPriorsOnTheMap(tia, hours[0], vois, settings);
            }
            bladderFactors = bladderVoxels(tia, vois, curves, voxelMl);
            float toBqS = (float) (voxelMl * 3600); // Bq/mL·h per voxel → Bq·s
            java.util.stream.IntStream.range(0, (tia.length + SLAB - 1) / SLAB)
                    .parallel()
                    .forEach(c -> {
                        for (int v = c * SLAB; v < Math.min(tia.length, (c + 1) * SLAB); v++) {
                            tia[v] *= toBqS;
                        }
                    });
            ImageVolume tiaVolume = ImageVolume.wrap(grid, VoxelUnit.BQ_S, tia);
            tiaMap = Optional.of(tiaVolume);
            if (method instanceof DoseMethod.MonteCarlo mc) {
                VoxelPhantom phantom = phantom(tiaVolume, density, settings);
                List<InterfaceRegion> interfaces =
                        density.isPresent() ? interfaceRegions(vois, phantom, settings) : List.<InterfaceRegion>of();
                MonteCarloResult run =
                        monteCarlo(nuclide, tiaVolume, phantom, vois, interfaces, mc, settings, progress);
                doseMap = Optional.of(run.dose());
                monteCarloRun = Optional.of(run);
                monteCarlo = Optional.of(compare(nuclide, tiaVolume, density, vois, interfaces, run, mc, settings));
            } else {
                doseMap = Optional.of(voxelDose(nuclide, tiaVolume, density, method, settings));
            }
        }

        List<CycleResult.Voi> out = new ArrayList<>();
        for (int k = 0; k < vois.size(); k++) {
            out.add(voi(
                    vois.get(k),
                    curves.get(k),
                    bladderFactors[k],
                    tps,
                    hours,
                    density,
                    tiaMap,
                    doseMap,
                    monteCarloRun,
                    nuclide,
                    method,
                    settings,
                    voxelMl));
        }
        return new CycleResult(
                nuclide,
                method,
                settings,
                tps.stream().map(TimePointImage::source).toList(),
                afterInjection,
                out,
                tiaMap,
                doseMap,
                counts,
                monteCarlo);
    }

    /**
     * One scan under the population method: the map was integrated with the settings' prior; each VOI's voxels
     * are rescaled to its own region kind's (the TIA is linear in the activity, so a ratio of unit TIAs).
     * Organs and tumours before the body outline, and a voxel in two VOIs takes the first.
     */
    private static void regionPriorsOnTheMap(float[] tia, double hours, List<Mask> vois, CycleSettings settings) {
        var global = settings.kinetics().singlePoint();
        if (!(global instanceof org.netra.dosimetry.kinetics.SinglePointMethod.Population)) {
            return;
        }
        double globalUnit = global.tiaMBqHours(hours, 1);
        boolean[] done = new boolean[tia.length];
        List<Mask> ordered = new ArrayList<>(vois);
        ordered.sort(java.util.Comparator.comparing(m -> settings.roles().roleOf(m.name()) == RegionRole.BODY));
        for (Mask m : ordered) {
            var kind = RegionPriors.kindOf(settings.roles().roleOf(m.name()), m.name());
            double ratio = RegionPriors.forRegion(global, kind, m.name(), settings.singlePointEvidence())
                            .tiaMBqHours(hours, 1)
                    / globalUnit;
            for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                if (!done[v]) {
                    tia[v] *= (float) ratio;
                    done[v] = true;
                }
            }
        }
    }

    /**
     * With a CT, the tissue touching each tumour and kidney, by class: where the kernel's density scaling is least
     * right, which a VOI's own mean hides. Tallied by the same histories as the VOIs, and compared only.
     */
    private static List<InterfaceRegion> interfaceRegions(
            List<Mask> vois, VoxelPhantom phantom, CycleSettings settings) {
        List<Mask> around = vois.stream()
                .filter(m -> switch (settings.roles().roleOf(m.name())) {
                    case KIDNEY, TUMOUR -> true;
                    default -> false;
                })
                .toList();
        return InterfaceRegion.around(around, phantom).stream()
                // a user's VOI of the same name keeps the name
                .filter(r -> vois.stream().noneMatch(m -> m.name().equals(r.name())))
                .toList();
    }

    /** The Monte Carlo's geometry: the CT's media and densities, or soft tissue without a CT. */
    private static VoxelPhantom phantom(ImageVolume tia, Optional<ImageVolume> density, CycleSettings settings) {
        return density.map(VoxelPhantom::fromDensity)
                .orElseGet(() -> VoxelPhantom.uniform(
                        tia.geometry(),
                        PhotonCrossSections.shipped().medium(PhotonCrossSections.SOFT_TISSUE),
                        settings.tissueDensity()));
    }

    private static MonteCarloResult monteCarlo(
            Nuclide nuclide,
            ImageVolume tia,
            VoxelPhantom phantom,
            List<Mask> vois,
            List<InterfaceRegion> interfaces,
            DoseMethod.MonteCarlo method,
            CycleSettings settings,
            java.util.function.Consumer<String> progress) {
        // noisy voxels can integrate to a negative TIA, which the kernel convolves linearly but no decay can be
        // sampled from: they are set to 0 for the Monte Carlo and their share is stated with the geometry
        float[] a = tia.voxels();
        double negative = 0, total = 0;
        for (float x : a) {
            total += Math.abs(x);
            negative += x < 0 ? -x : 0;
        }
        ImageVolume source = tia;
        if (negative > 0) {
            float[] clipped = a.clone();
            for (int v = 0; v < clipped.length; v++) {
                clipped[v] = Math.max(0, clipped[v]);
            }
            source = ImageVolume.wrap(tia.geometry(), VoxelUnit.BQ_S, clipped);
            phantom = new VoxelPhantom(
                    phantom.geometry(),
                    phantom.palette(),
                    phantom.mediumIndex(),
                    phantom.density(),
                    String.format(
                            java.util.Locale.ROOT,
                            "%s; negative TIA voxels (%.2f %% of Σ|TIA|) set to 0 for sampling",
                            phantom.description(),
                            100 * negative / total));
        }
        Set<String> watched = watchedVois(vois, settings);
        Set<String> kidneys = new java.util.HashSet<>();
        vois.stream()
                .filter(m -> settings.roles().roleOf(m.name()) == RegionRole.KIDNEY)
                .forEach(m -> kidneys.add(m.name()));
        List<Mask> regions = new ArrayList<>(vois);
        interfaces.forEach(r -> regions.add(r.mask()));
        return MonteCarloDose.run(
                phantom,
                source,
                nuclide,
                regions,
                watched::contains,
                method.settings(),
                p -> progress.accept(progressLine(p, kidneys)));
    }

    /**
     * The VOIs a Monte Carlo run stops on: the kidneys (and their cortices) and tumours, whose doses the course is
     * decided on; every VOI when there are none of those. A body outline or a low-uptake organ would hold the run
     * up for hours at the same target.
     */
    static Set<String> watchedVois(List<Mask> vois, CycleSettings settings) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (Mask m : vois) {
            switch (settings.roles().roleOf(m.name())) {
                case KIDNEY, KIDNEY_CORTEX, TUMOUR -> out.add(m.name());
                default -> {}
            }
        }
        if (out.isEmpty()) {
            vois.forEach(m -> out.add(m.name()));
        }
        return out;
    }

    /** The job page's step while the Monte Carlo runs: histories, the kidneys' uncertainty, time left. */
    static String progressLine(MonteCarloProgress p, Set<String> kidneys) {
        var kidneyRows =
                p.watched().stream().filter(r -> kidneys.contains(r.region())).toList();
        var shown = kidneyRows.isEmpty() ? p.watched() : kidneyRows;
        String uncertainty = shown.stream()
                .map(r -> String.format(Locale.ROOT, "%s ±%.1f %%", r.region(), 100 * r.relativeSd()))
                .collect(java.util.stream.Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "Monte Carlo: %,d histories (%d batches) in %.0f s; %s; %s",
                p.histories(),
                p.batches(),
                p.elapsed().toNanos() / 1e9,
                uncertainty.isEmpty() ? "no VOI watched" : uncertainty,
                p.targetReached()
                        ? "target reached"
                        : p.remaining()
                                .map(d -> d.isZero()
                                        ? "stopping at the time or batch limit before the target"
                                        : String.format(Locale.ROOT, "about %d s left", Math.max(1, d.toSeconds())))
                                .orElse("no estimate"));
    }

    /** Each VOI's Monte Carlo dose beside the soft-tissue voxel kernel's on the same TIA map. */
    private static MonteCarloComparison compare(
            Nuclide nuclide,
            ImageVolume tia,
            Optional<ImageVolume> density,
            List<Mask> vois,
            List<InterfaceRegion> interfaces,
            MonteCarloResult run,
            DoseMethod.MonteCarlo method,
            CycleSettings settings) {
        boolean kernelAvailable = VoxelSValues.nuclides().contains(nuclide.name());
        Optional<ImageVolume> kernelMap = kernelAvailable
                ? Optional.of(voxelDose(
                        nuclide, tia, density, new DoseMethod.VoxelKernel(KernelMedium.SOFT_TISSUE), settings))
                : Optional.empty();
        List<MonteCarloComparison.Row> rows = new ArrayList<>();
        for (Mask m : vois) {
            var mc = run.region(m.name());
            rows.add(new MonteCarloComparison.Row(
                    m.name(), mc.mean(), mc.sd(), kernelMap.map(k -> DoseVolumeHistogram.of(k, m)
                            .mean())));
        }
        for (InterfaceRegion r : interfaces) {
            var mc = run.region(r.name());
            rows.add(new MonteCarloComparison.Row(
                    r.name(),
                    mc.mean(),
                    mc.sd(),
                    kernelMap.map(k -> DoseVolumeHistogram.of(k, r.mask()).mean()),
                    Optional.of(new MonteCarloComparison.Adjoining(r.voi(), r.tissue(), r.voxels()))));
        }
        Geometry g = tia.geometry();
        double smallest = Math.min(g.spacing(0), Math.min(g.spacing(1), g.spacing(2)));
        Set<String> watched = watchedVois(vois, settings);
        double reached = run.regions().stream()
                .filter(r -> watched.contains(r.name()))
                .mapToDouble(MonteCarloResult.RegionDose::relativeSd)
                .max()
                .orElse(0);
        var mcSettings = method.settings();
        return new MonteCarloComparison(
                run.histories(),
                run.batches(),
                run.stop(),
                mcSettings.seed(),
                mcSettings.threads(),
                mcSettings.targetRelativeSd(),
                List.copyOf(watched),
                reached,
                run.elapsed(),
                run.geometry(),
                // transported electrons need no range caveat; local ones are warned about where their range reaches
                // beyond half a voxel (90Y)
                run.electronKeVEmitted() > 0 ? run.electrons() : LocalElectrons.statement(nuclide, smallest),
                run.electronKeVEmitted() > 0 || LocalElectrons.localIsValid(nuclide, smallest),
                kernelAvailable,
                rows);
    }

    private static ImageVolume voxelDose(
            Nuclide nuclide,
            ImageVolume tia,
            Optional<ImageVolume> density,
            DoseMethod method,
            CycleSettings settings) {
        return switch (method) {
            case DoseMethod.LocalDeposition l ->
                density.isPresent()
                        ? LocalDeposition.dose(tia, EnergyPartition.of(nuclide), density.get())
                        : LocalDeposition.dose(tia, EnergyPartition.of(nuclide), settings.tissueDensity());
            case DoseMethod.VoxelKernel k -> {
                KernelDose plan = kernelPlan(nuclide, tia.geometry(), k);
                yield density.isPresent() ? plan.dose(tia, density.get()) : plan.dose(tia);
            }
            case DoseMethod.OrganS o -> throw new IllegalStateException("the organ-S method has no dose map");
            case DoseMethod.MonteCarlo mc -> throw new IllegalStateException("the Monte Carlo runs on its own");
        };
    }

    /**
     * The kernel method's plan: in soft tissue (the default) the voxel S-value kernel with the long-range photon
     * kernel ({@link KernelDose#withLongRangePhotons}); in bone Lanconelli's bone kernel alone (the photon kernel is
     * soft tissue's).
     */
    private static KernelDose kernelPlan(Nuclide nuclide, Geometry g, DoseMethod.VoxelKernel k) {
        return k.medium() == KernelMedium.SOFT_TISSUE
                ? KernelDose.withLongRangePhotons(g, nuclide.name())
                : new KernelDose(
                        g, VoxelSValues.forVoxel(nuclide.name(), k.medium(), g.spacing(0), g.spacing(1), g.spacing(2)));
    }

    /** What the output calls the method that made a dose map. */
    private static String methodName(DoseMethod method, Nuclide nuclide) {
        return switch (method) {
            case DoseMethod.VoxelKernel k ->
                k.medium() == KernelMedium.SOFT_TISSUE
                                && org.netra.dosimetry.voxel.PhotonPointKernel.of(nuclide.name())
                                        .isPresent()
                        ? KernelDose.WITH_PHOTONS
                        : KernelDose.SHORT_ONLY;
            case DoseMethod.LocalDeposition l -> l.label();
            case DoseMethod.MonteCarlo mc -> mc.label();
            case DoseMethod.OrganS o -> o.label();
        };
    }

    /**
     * Every VOI's curve, side by side: each VOI's sums and fits are its own, and a region's multi-start
     * Levenberg–Marquardt fits run on one thread. A VOI whose curve cannot be made throws what it threw alone
     * (the first such VOI in order, as one after another would), not a stream's wrapper of it.
     */
    private static List<RegionCurve> regionCurves(
            List<Mask> vois, List<TimePointImage> tps, double[] hours, CycleSettings settings, double voxelMl) {
        Object[] made = new Object[vois.size()];
        java.util.stream.IntStream.range(0, made.length).parallel().forEach(k -> {
            try {
                made[k] = regionCurve(vois.get(k), tps, hours, settings, voxelMl);
            } catch (RuntimeException e) {
                made[k] = e;
            }
        });
        List<RegionCurve> curves = new ArrayList<>();
        for (Object o : made) {
            switch (o) {
                case RegionCurve c -> curves.add(c);
                case RuntimeException e -> throw e;
                default -> throw new IllegalStateException("a region curve was not made: " + o);
            }
        }
        return curves;
    }

    /** A VOI's activity at each time point and its region TIA by the rules for its role. */
    record RegionCurve(double[] mbq, List<Activity> activity, TiaResult tia) {}

    /**
     * The region's activities and TIA: the urinary bladder by {@link BladderKinetics} where it applies (it clears
     * between the first two scans), every other VOI, and a bladder where that rule does not apply, by {@link
     * Kinetics}.
     */
    static RegionCurve regionCurve(
            Mask m, List<TimePointImage> tps, double[] hours, CycleSettings settings, double voxelMl) {
        int n = tps.size();
        RegionRole role = settings.roles().roleOf(m.name());
        double[] mbq = new double[n];
        List<Activity> activity = new ArrayList<>();
        List<TimePoint> points = new ArrayList<>();
        float[][] maps = new float[n][];
        for (int i = 0; i < n; i++) {
            maps[i] = tps.get(i).activity().voxels();
        }
        double[] sums = new double[n]; // one walk over the mask for every time point, each summed in voxel order
        for (int from = m.next(0), to; from >= 0; from = m.next(to)) {
            to = m.runEnd(from);
            for (int v = from; v < to; v++) {
                for (int i = 0; i < n; i++) {
                    sums[i] += maps[i][v];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            mbq[i] = sums[i] * voxelMl / 1e6;
            activity.add(Activity.ofMBq(mbq[i]));
            points.add(TimePoint.of(Times.ofHours(hours[i]), activity.get(i)));
        }
        var kinetics = settings.kinetics()
                .withSinglePoint(RegionPriors.forRegion(
                        settings.kinetics().singlePoint(),
                        RegionPriors.kindOf(role, m.name()),
                        m.name(),
                        settings.singlePointEvidence()));
        TimeActivityData data = new TimeActivityData(points);
        Optional<TiaResult> bladder =
                role == RegionRole.URINARY_BLADDER ? BladderKinetics.integrate(data, kinetics) : Optional.empty();
        return new RegionCurve(mbq, activity, bladder.orElseGet(() -> Kinetics.integrate(data, kinetics)));
    }

    /**
     * A urinary bladder's voxels carry its region TIA ({@link BladderKinetics}) instead of their own fits: a voxel's
     * fit sees only the scans, from 4 h on, and its late, empty-bladder points are noise (the voxel fits landed
     * −12 … +9 % from the truth on the twins, by that noise); scaling the voxels keeps their shape, so the dose map,
     * the DVH and the cross-dose to the neighbours follow the region's TIA. Returns the factor per VOI (1 where
     * nothing was scaled).
     */
    private static double[] bladderVoxels(float[] tia, List<Mask> vois, List<RegionCurve> curves, double voxelMl) {
        double[] factor = new double[vois.size()];
        java.util.Arrays.fill(factor, 1);
        for (int k = 0; k < vois.size(); k++) {
            if (!(curves.get(k).tia().method() instanceof TiaMethod.UrinaryBladder)) {
                continue;
            }
            Mask m = vois.get(k);
            double sum = 0;
            for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                sum += tia[v];
            }
            double voxelMBqH = sum * voxelMl / 1e6;
            if (!(voxelMBqH > 0)) {
                continue;
            }
            factor[k] = curves.get(k).tia().timeIntegratedActivity().inMBqHours() / voxelMBqH;
            float f = (float) factor[k];
            for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                tia[v] *= f;
            }
        }
        return factor;
    }

    private static CycleResult.Voi voi(
            Mask m,
            RegionCurve region,
            double bladderFactor,
            List<TimePointImage> tps,
            double[] hours,
            Optional<ImageVolume> density,
            Optional<ImageVolume> tiaMap,
            Optional<ImageVolume> doseMap,
            Optional<MonteCarloResult> monteCarloRun,
            Nuclide nuclide,
            DoseMethod method,
            CycleSettings settings,
            double voxelMl) {
        int n = tps.size();
        RegionRole role = settings.roles().roleOf(m.name());
        double[] mbq = region.mbq();
        List<Activity> activity = region.activity();
        TiaResult tia = region.tia();
        double volumeMl = m.volume().inMl();
        // the density's and the TIA map's sums over the VOI in one walk over its voxels, each in voxel order
        float[] rho = density.map(ImageVolume::voxels).orElse(null);
        float[] a = tiaMap.map(ImageVolume::voxels).orElse(null);
        double rhoSum = 0, tiaSum = 0;
        if (rho != null || a != null) {
            for (int from = m.next(0), to; from >= 0; from = m.next(to)) {
                to = m.runEnd(from);
                for (int v = from; v < to; v++) {
                    rhoSum += rho != null ? rho[v] : 0;
                    tiaSum += a != null ? a[v] : 0;
                }
            }
        }
        double meanDensity =
                rho != null ? rhoSum / m.voxelCount() : settings.tissueDensity().inGramsPerMl();
        Mass mass = Mass.ofGrams(volumeMl * meanDensity);
        Optional<TimeIntegratedActivity> voxelTia =
                a != null ? Optional.of(TimeIntegratedActivity.ofBqSeconds(tiaSum)) : Optional.empty();
        AbsorbedDose dose;
        Optional<CycleResult.Dvh> dvh = Optional.empty();
        String how;
        if (doseMap.isPresent()) {
            DoseVolumeHistogram.Summary h = DoseVolumeHistogram.summary(doseMap.get(), m);
            String kinetics = bladderFactor == 1
                    ? ")"
                    : String.format(
                            Locale.ROOT,
                            ", the bladder's voxels × %.4f to its region TIA, urinary-bladder rule)",
                            bladderFactor);
            dvh = Optional.of(new CycleResult.Dvh(h.mean(), h.max(), h.d2(), h.d50(), h.d98()));
            if (monteCarloRun.isPresent()) {
                // the map shows a voxel whose sampled dose came out below 0 (the electrons' control variate in a
                // sparsely sampled voxel) as 0, which biases a VOI's mean of it upward (the lungs of a twin at a
                // 3 % target: +9 %); the VOI's own tally is unbiased, and is what the comparison with the kernel
                // reports, so the dose is the tally and the map's mean stays with the DVH
                dose = monteCarloRun.get().region(m.name()).mean();
                how = String.format(
                        Locale.ROOT,
                        "the Monte Carlo's tally in the VOI (voxel-wise TIA%s; the map's mean, with voxels sampled below"
                                + " 0 Gy shown as 0, is %.4g Gy",
                        kinetics,
                        h.mean().inGy());
            } else {
                dose = h.mean();
                how = "mean of the " + methodName(method, nuclide) + " dose map in the VOI (voxel-wise TIA" + kinetics;
            }
        } else {
            ReferencePhantom phantom = ((DoseMethod.OrganS) method).phantom();
            SelfS s = selfS(m.name(), role, nuclide, mass, Optional.of(m.volume()), phantom);
            dose = s.s().dose(tia.timeIntegratedActivity());
            how = s.how();
        }
        var sd = Propagation.dose(
                dose,
                tia.timeIntegratedActivity(),
                tia.standardDeviation().orElse(TimeIntegratedActivity.ZERO),
                settings.uncertainty());
        double extrapolated = extrapolatedFraction(tia, hours[n - 1], mbq[n - 1], settings);
        CycleResult.SdParts parts = new CycleResult.SdParts(
                dose.inGy() == 0 ? 0 : sd.standardDeviation() / dose.inGy(),
                extrapolated * settings.extrapolation(),
                0);
        var bedTissue = settings.bedTissue(role);
        return new CycleResult.Voi(
                m.name(),
                role,
                m.voxelCount(),
                m.volume(),
                mass,
                activity,
                tia,
                extrapolated,
                voxelTia,
                dose,
                dose.times(parts.total()),
                parts,
                bedTissue.map(t -> Bed.forResult(dose, tia, t)),
                bedTissue,
                dvh,
                how);
    }

    /**
     * The share of a region's TIA after its last scan: the fitted model's integral beyond it (or the physical
     * tail the rules put there), A_last/λ_phys for the trapezoid rule, and for one scan Hänscheid's or Madsen's
     * integral beyond it.
     */
    public static double extrapolatedFraction(TiaResult tia, double lastHours, double lastMBq, CycleSettings settings) {
        double total = tia.timeIntegratedActivity().inMBqHours();
        if (!(total > 0)) {
            return 0;
        }
        double physical = settings.kinetics().physicalRatePerHour();
        double tail =
                switch (tia.method()) {
                    case org.netra.dosimetry.kinetics.TiaMethod.Fit f ->
                        f.tail() == org.netra.dosimetry.kinetics.Tail.MODEL
                                ? f.model()
                                        .integral(Times.ofHours(lastHours), Times.ofHours(1e7))
                                        .inMBqHours()
                                : f.model().valueAt(Times.ofHours(lastHours)).inMBq() / physical;
                    case org.netra.dosimetry.kinetics.TiaMethod.TrapezoidWithPhysicalTail t -> lastMBq / physical;
                    case TiaMethod.UrinaryBladder b -> b.afterLastScan().inMBqHours();
                    // a single point: a mono-exponential through it with the method's T_eff, integrated beyond it
                    case org.netra.dosimetry.kinetics.TiaMethod.SinglePoint sp ->
                        lastMBq * Times.hours(tia.effectiveHalfLife()) / Math.log(2);
                };
        return Math.min(1, Math.max(0, tail / total));
    }

    record SelfS(SValue s, String how) {}

    /** A VOI name as lower-case words of letters. */
    private static String key(String voiName) {
        return voiName.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").strip();
    }

    /** The self-dose S-value of a VOI for the organ-S method: OpenDose for a named organ, else the sphere model. */
    static SelfS selfS(
            String name,
            RegionRole role,
            Nuclide nuclide,
            Mass mass,
            Optional<org.netra.physics.quantity.Volume> volume,
            ReferencePhantom phantom) {
        // an organ only when the VOI is named as one ("Liver", "kidney_L", "Right kidney"): "lesion1 liver R
        // lobe" is a tumour in the liver
        String key = key(name);
        Optional<OrganSValue> organ = Optional.empty();
        OrganSValues table = OrganSValues.openDoseLu177();
        if (nuclide.name().equals(table.nuclide().name())) {
            if (key.equals("liver")) {
                organ = Optional.of(table.get(phantom, SourceRegion.LIVER, "Liver"));
            } else if (key.equals("spleen")) {
                organ = Optional.of(table.get(phantom, SourceRegion.SPLEEN, "Spleen"));
            } else if (role == RegionRole.KIDNEY) {
                boolean right = key.matches(".*\\b(right|r)\\b.*");
                // both kidneys as target: the energy a kidney absorbs of its own decays (cross-fire to the other
                // is < 0.1 %), so scaled to the VOI's mass it is the self-dose of one kidney or of both
                organ = Optional.of(table.get(
                        phantom, right ? SourceRegion.RIGHT_KIDNEY : SourceRegion.LEFT_KIDNEY, "RKidney + LKidney"));
            }
        }
        if (organ.isPresent()) {
            OrganSValue o = organ.get();
            return new SelfS(
                    o.s().scaledToMass(o.targetMass(), mass),
                    String.format(
                            Locale.ROOT,
                            "OpenDose %s %s ← %s, %.4g mGy/(MBq·s) at %.1f g, scaled to the VOI's %.1f g",
                            phantom.code().toUpperCase(Locale.ROOT),
                            o.target(),
                            o.source().code(),
                            o.s().inMGyPerMBqSecond(),
                            o.targetMass().inGrams(),
                            mass.inGrams()));
        }
        org.netra.physics.quantity.Volume v = volume.orElseThrow();
        Density rho = Density.ofGramsPerMl(mass.inGrams() / v.inMl());
        SValue s = SphereModel.selfS(nuclide, v, rho);
        return new SelfS(
                s,
                String.format(
                        Locale.ROOT,
                        "sphere model of %.2f mL at %.3g g/mL: S = %.4g mGy/(MBq·s)",
                        v.inMl(),
                        rho.inGramsPerMl(),
                        s.inMGyPerMBqSecond()));
    }
}

package org.netra.dosimetry.cycle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.netra.dosimetry.kinetics.SelectionRule;
import org.netra.dosimetry.kinetics.SinglePointMethod;
import org.netra.dosimetry.kinetics.TiaMethod;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.quant.AcquisitionFacts;
import org.netra.imaging.quant.CameraCalibration;
import org.netra.imaging.quant.CameraCalibrations;
import org.netra.imaging.quant.QuantitativeImage;
import org.netra.imaging.quant.RadiopharmaceuticalInformation;
import org.netra.imaging.quant.RealWorldValues;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidRegistration;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.material.CtDensity;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/**
 * One cycle's dosimetry from its inputs to its report, the single implementation the CLI, the web's jobs, the
 * demo and the benchmarks call: read each time point (Bq/mL at scan start) and its CT, check they are one
 * patient's, one injection's and one nuclide's with a Frame of Reference each, align them (through their CTs when
 * every scan has one), read the VOIs and give each its role, compute the doses ({@link DoseComputation}), correct
 * them for partial volume by default ({@link PartialVolumeCorrection}, PSF from the series, the department or the
 * camera class), and say what the physicist must check ({@link CycleWarning}).
 */
public final class CyclePipeline {
    /** An effective half-life below this (hours) is implausible for a therapy radiopharmaceutical's VOI. */
    public static final double MIN_PLAUSIBLE_TEFF_HOURS = 4;

    /** Unregistered scans whose CTs' bodies moved more than this (mm) are warned about. */
    public static final double UNREGISTERED_MOTION_MM = 5;

    /** A TIA more extrapolated than this share is warned about. */
    public static final double EXTRAPOLATED_LIMIT = 0.5;

    /**
     * The population single-time-point TIA's relative SD from the unknown half-life alone beyond which the scan
     * time is warned about: 10 %, about the SPECT measurement's own error, so the timing at least does not
     * dominate it.
     */
    public static final double POPULATION_STP_LOG_SD_LIMIT = 0.10;

    /** Hänscheid's error for a mono-exponential beyond this (relative) at the expected T_eff is warned about. */
    public static final double SINGLE_POINT_TOLERANCE = 0.10;

    /**
     * A VOI whose TIA before the first scan is so uncertain that its total is uncertain by more than this (relative,
     * ± about the middle) is warned about ({@link CycleWarning.UnmeasuredBeforeFirstScan}).
     */
    public static final double BEFORE_FIRST_SCAN_TOLERANCE = 0.10;

    /** HU above which a CT voxel is body (not air or lung), for the motion check. */
    private static final float BODY_HU = -300f;

    /** Where a job's progress goes (percent, step). */
    @FunctionalInterface
    public interface Progress {
        void step(int percent, String what);

        Progress NONE = (percent, what) -> {};
    }

    private CyclePipeline() {}

    public static CycleReport run(CycleInput input, CycleOptions options) throws IOException {
        return run(input, options, Progress.NONE);
    }

    public static CycleReport run(CycleInput input, CycleOptions options, Progress progress) throws IOException {
        Read read =
                switch (input) {
                    case CycleInput.Series s -> read(s, options.calibrations(), progress);
                    case CycleInput.Images i -> read(i);
                };
        int n = read.timePoints().size();
        boolean allCts = read.cts().stream().allMatch(Optional::isPresent);
        CycleOptions.Registration mode =
                switch (options.registration()) {
                    case AUTO ->
                        n == 1
                                ? CycleOptions.Registration.NONE
                                : allCts ? CycleOptions.Registration.CT : CycleOptions.Registration.RIGID;
                    case CT, RIGID, NONE -> options.registration();
                };
        progress.step(50, "aligning " + n + " time points (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")");
        Placed placed = place(read, mode);
        Geometry grid = placed.grid();

        List<CycleWarning> warnings = new ArrayList<>(read.readWarnings());
        if (mode == CycleOptions.Registration.NONE && allCts && n > 1) {
            warnings.addAll(motion(read, placed.referenceIndex()));
        }
        // the CTs have served (registration, motion, the density map): their voxels go here, not at the report, so
        // the dose and the GTM reuse the memory they held (4 × 52 MB at 256²×200; docs/benchmarks.md, memory)
        read = read.withoutCtVoxels();

        List<Mask> masks = read.vois().read(grid, placed.reference().source());
        if (read.selectedVois().isPresent()) {
            List<String> names = masks.stream().map(Mask::name).toList();
            for (String s : read.selectedVois().get()) {
                if (!names.contains(s)) {
                    throw new CycleInputException("VOI '" + s + "' is not among the VOIs " + names);
                }
            }
            List<String> selected = read.selectedVois().get();
            masks = masks.stream().filter(m -> selected.contains(m.name())).toList();
        }
        CycleSettings settings = CycleSettings.of(read.nuclide())
                .withUncertainty(options.uncertainty())
                .withExtrapolation(options.extrapolation())
                .withRoles(options.roles())
                .withSinglePointEvidence(options.singlePointEvidence());
        // the voxel map's method for voxels outside every VOI (the population's whole-body prior, never a patient's
        // region); each VOI then takes its region kind's prior, narrowed by the patient's earlier cycles of it
        // (Madsen: the kidney's typical T_eff, the organ the course's budget counts)
        settings = settings.withKinetics(settings.kinetics()
                .withSinglePoint(RegionPriors.forRegion(
                        options.singlePoint(),
                        options.singlePoint() == CycleOptions.SinglePointChoice.MADSEN
                                ? org.netra.dosimetry.population.RegionKind.KIDNEY
                                : org.netra.dosimetry.population.RegionKind.WHOLE_BODY,
                        "",
                        options.singlePointEvidence().withoutPatient())));
        if (options.bedOverride().isPresent()) {
            settings = settings.withBedTissue(options.bedOverride().get());
        }
        // past the dose only the GTM reads the scans, a moved one as acquired: without the resampled copies and the
        // density map, which go once the dose is made (3 + 1 × 52 MB at 256²×200)
        Placed afterDose = placed.afterDose();
        Optional<Psf> psf = Optional.empty();
        CycleResult uncorrected;
        Optional<PartialVolumeCorrection.Corrected> correction = Optional.empty();
        // the partial-volume correction's measurements (regions, observed means, transfer matrices) do not depend on
        // the dose: measured side by side with it, each filling the cores the other's serial steps leave idle
        try (var beside = new ConcurrentSteps("cycle-gtm-")) {
            Optional<ConcurrentSteps.Pending<PartialVolumeCorrection.Measured>> measuring = Optional.empty();
            if (options.recovery() instanceof CycleOptions.Recovery.Gtm gtm) {
                Psf used = psf(gtm, read, options);
                psf = Optional.of(used);
                List<Mask> vois = masks;
                List<String> regions = gtm.regions().isPresent()
                        ? gtm.regions().get()
                        : PartialVolumeCorrection.defaultRegions(vois, settings.roles());
                measuring = Optional.of(beside.start(() -> PartialVolumeCorrection.measure(
                        afterDose.timePoints(), afterDose.asAcquired(), vois, regions, used.fwhmMm(), used.sdMm())));
            }
            progress.step(65, "fitting time–activity curves and computing the dose");
            uncorrected = DoseComputation.run(
                    read.nuclide(),
                    read.injection(),
                    placed.timePoints(),
                    masks,
                    placed.density(),
                    options.method(),
                    settings,
                    message -> progress.step(75, message));
            if (measuring.isPresent()) {
                progress.step(
                        85,
                        "partial-volume correction (GTM, " + psf.orElseThrow().describe() + ")");
                correction = Optional.of(measuring.get().get().apply(uncorrected));
            }
        }
        uncorrected.monteCarlo().ifPresent(mc -> warnings.addAll(mc.warnings()));
        if (correction.isEmpty()) {
            warnings.add(new CycleWarning.NoPartialVolumeCorrection());
        }
        placed = afterDose;
        CycleResult result =
                correction.map(PartialVolumeCorrection.Corrected::result).orElse(uncorrected);
        warnings.addAll(kinetics(result, options));

        List<CycleReport.TimePointRead> tps = new ArrayList<>();
        for (TimePointImage tp : placed.timePoints()) {
            int i = indexOf(read.timePoints(), tp.source());
            tps.add(new CycleReport.TimePointRead(
                    tp.source(),
                    tp.acquisition(),
                    java.time.Duration.between(read.injection(), tp.acquisition()),
                    read.how().get(i),
                    read.ctSources().get(i),
                    read.calibrations().get(i)));
        }
        Map<String, RegionRole> roles = new LinkedHashMap<>();
        for (CycleResult.Voi v : result.vois()) {
            roles.put(v.name(), v.role());
        }
        return new CycleReport(
                read.patientId(),
                read.nuclide(),
                read.injection(),
                read.injected(),
                tps,
                mode,
                placed.registrations(),
                result,
                uncorrected,
                correction,
                psf,
                roles,
                warnings,
                masks);
    }

    /**
     * The time points on the reference grid (earliest first), each as acquired with where the reference grid lies
     * in it, the registrations found, and the density map on the grid. A record of its own, not kept with the
     * alignment's, so that {@link #afterDose} can let the voxel arrays only the dose reads go while the run goes on.
     */
    private record Placed(
            List<TimePointImage> timePoints,
            List<Alignment.AsAcquired> asAcquired,
            List<Optional<RigidRegistration.Result>> registrations,
            int referenceIndex,
            Optional<ImageVolume> density) {
        TimePointImage reference() {
            return timePoints.get(0);
        }

        Geometry grid() {
            return reference().activity().geometry();
        }

        /**
         * What the partial-volume correction reads: each moved scan as acquired in place of its copy resampled onto
         * the reference grid ({@link PartialVolumeCorrection#gtm} reads a scan's resampled copy only where the scan
         * is on the grid, unmoved, and then it is the scan itself), and no density map.
         */
        Placed afterDose() {
            Geometry grid = grid();
            List<TimePointImage> kept = new ArrayList<>();
            for (int i = 0; i < timePoints.size(); i++) {
                Alignment.AsAcquired scan = asAcquired.get(i);
                TimePointImage tp = timePoints.get(i);
                kept.add(scan.isOn(grid) ? tp : tp.withActivity(scan.activity()));
            }
            return new Placed(kept, asAcquired, registrations, referenceIndex, Optional.empty());
        }
    }

    /** The time points aligned as {@code mode} says, and the density map from the CT on the reference grid. */
    private static Placed place(Read read, CycleOptions.Registration mode) {
        List<TimePointImage> acquired = read.timePoints();
        Alignment.Aligned aligned;
        if (mode == CycleOptions.Registration.CT) {
            List<ImageVolume> cts = new ArrayList<>();
            for (int i = 0; i < acquired.size(); i++) {
                String source = acquired.get(i).source();
                cts.add(read.cts()
                        .get(i)
                        .orElseThrow(() -> new MissingCtException("time point "
                                + source
                                + " has no CT: CT registration needs the CT taken with each scan (SPECT/CT), in the"
                                + " same Frame of Reference")));
            }
            aligned = Alignment.alignByCt(acquired, cts);
        } else {
            aligned = Alignment.align(
                    acquired, mode == CycleOptions.Registration.RIGID ? Alignment.Mode.RIGID : Alignment.Mode.NONE);
        }
        TimePointImage reference = aligned.timePoints().get(0);
        int referenceIndex = indexOf(acquired, reference.source());
        Geometry grid = reference.activity().geometry();
        Optional<ImageVolume> density = read.density().isPresent()
                ? read.density()
                : read.densityCt().or(() -> read.cts().get(referenceIndex)).map(ct -> density(ct, grid));
        return new Placed(aligned.timePoints(), aligned.asAcquired(), aligned.registrations(), referenceIndex, density);
    }

    /** The PSF: given for the run, else the series' (0018,1050), else the department's, else the camera class's. */
    static Psf psf(CycleOptions.Recovery.Gtm gtm, Read read, CycleOptions options) {
        if (gtm.givenFwhmMm().isPresent()) {
            return new Psf(gtm.givenFwhmMm().get(), 1, Psf.Source.GIVEN);
        }
        if (read.seriesPsfFwhmMm().isPresent()) {
            return new Psf(read.seriesPsfFwhmMm().getAsDouble(), 1, Psf.Source.SERIES);
        }
        if (options.departmentPsfFwhmMm().isPresent()) {
            return new Psf(options.departmentPsfFwhmMm().get(), 1, Psf.Source.DEPARTMENT);
        }
        return Psf.cameraClassDefault(read.nuclide());
    }

    /** The kinetics, single-point and marrow warnings of a result. */
    static List<CycleWarning> kinetics(CycleResult result, CycleOptions options) {
        List<CycleWarning> out = new ArrayList<>();
        double physicalH = Times.hours(result.nuclide().halfLife());
        double[] hours = CycleResult.hours(result.afterInjection());
        double last = hours[hours.length - 1];
        for (CycleResult.Voi v : result.vois()) {
            var tia = v.tia();
            double teff = Times.hours(tia.effectiveHalfLife());
            boolean singlePoint = tia.method() instanceof TiaMethod.SinglePoint;
            // a urinary bladder is emptied by voiding within hours: a short half-life is its physiology, and its
            // unmeasured filling is warned about below
            if (!singlePoint && teff < MIN_PLAUSIBLE_TEFF_HOURS && v.role() != RegionRole.URINARY_BLADDER) {
                out.add(new CycleWarning.ShortEffectiveHalfLife(v.name(), teff));
            }
            int n = hours.length;
            if (n >= 2) {
                // the last two scans' apparent half-life: falling, but slower than the nuclide decays
                double a = v.activity().get(n - 2).inMBq();
                double b = v.activity().get(n - 1).inMBq();
                if (b < a && b > 0) {
                    double apparent = Math.log(2) * (hours[n - 1] - hours[n - 2]) / Math.log(a / b);
                    if (apparent > physicalH * (1 + 1e-9)) {
                        out.add(new CycleWarning.EffectiveHalfLifeBeyondPhysical(v.name(), apparent, physicalH));
                    }
                }
            }
            if (n >= 2) {
                beforeFirstScan(v, hours).ifPresent(out::add);
            }
            if (tia.rule() == SelectionRule.RISING_AT_LAST_POINT
                    || (tia.rule() == SelectionRule.TWO_POINTS_NOT_CLEARING
                            && v.activity().get(1).compareTo(v.activity().get(0)) > 0)) {
                out.add(new CycleWarning.StillRising(v.name(), last));
            }
            if (!singlePoint && v.extrapolatedFraction() > EXTRAPOLATED_LIMIT) {
                out.add(new CycleWarning.MostlyExtrapolated(v.name(), v.extrapolatedFraction()));
            }
            if (tia.method() instanceof TiaMethod.SinglePoint(SinglePointMethod.Population p)) {
                double sd = p.prior().clearanceLogSdAt(hours[0]);
                if (sd > POPULATION_STP_LOG_SD_LIMIT) {
                    out.add(new CycleWarning.SinglePointAwayFromRecommendedTime(
                            v.name(), hours[0], Times.hours(p.prior().recommendedScanTime()), sd));
                }
            }
            if (tia.method() instanceof TiaMethod.SinglePoint(SinglePointMethod.Haenscheid h)) {
                double expected = Times.hours(options.expectedEffectiveHalfLife());
                double x = Math.log(2) * hours[0] / expected;
                double ratio = 2 * x * Math.exp(-x) / Math.log(2);
                if (Math.abs(ratio - 1) > SINGLE_POINT_TOLERANCE) {
                    out.add(new CycleWarning.SinglePointFarFromEffectiveHalfLife(v.name(), hours[0], expected));
                }
            }
            if (v.role() == RegionRole.MARROW) {
                out.add(new CycleWarning.ImageBasedMarrow(v.name()));
            }
        }
        return out;
    }

    /**
     * How uncertain the part of a VOI's TIA before its first scan leaves the whole, from the first two scans'
     * (corrected) activities A₁ at t₁ and A₂ at t₂: clearing at λ = ln(A₁/A₂)/(t₂ − t₁), the TIA from t₁ on is about
     * A₁/λ, and before t₁ it lies between A₁·t₁/2 (activity rising linearly from injection) and A₁·(e^{λt₁} − 1)/λ
     * (all of it taken up at injection). The scans cannot tell these apart; the bladder's filling and emptying
     * within hours is the case (docs/benchmarks.md: the twins' bladder holds half its TIA before the 4 h scan).
     */
    static Optional<CycleWarning> beforeFirstScan(CycleResult.Voi v, double[] hours) {
        double a1 = v.activity().get(0).inMBq();
        double a2 = v.activity().get(1).inMBq();
        double t1 = hours[0];
        if (!(a1 > 0) || !(a2 < a1) || !(t1 > 0)) {
            return Optional.empty();
        }
        if (!(a2 > 0)) {
            return Optional.of(new CycleWarning.UnmeasuredBeforeFirstScan(v.name(), t1, hours[1], 0, 1, 1, 1, false));
        }
        double lambda = Math.log(a1 / a2) / (hours[1] - t1);
        double after = a1 / lambda;
        double linear = a1 * t1 / 2;
        double atInjection = a1 * Math.expm1(lambda * t1) / lambda;
        double low = linear + after;
        double high = atInjection + after;
        double halfBand = (high - low) / (high + low);
        if (halfBand <= BEFORE_FIRST_SCAN_TOLERANCE) {
            return Optional.empty();
        }
        return Optional.of(new CycleWarning.UnmeasuredBeforeFirstScan(
                v.name(),
                t1,
                hours[1],
                Math.log(2) / lambda,
                linear / low,
                atInjection / high,
                halfBand,
                v.tia().method() instanceof TiaMethod.UrinaryBladder));
    }

    /** Each later CT's body centroid against the reference's: motion the unregistered scans did not follow. */
    private static List<CycleWarning> motion(Read read, int referenceIndex) {
        double[] ref = bodyCentroid(read.cts().get(referenceIndex).orElseThrow());
        List<CycleWarning> out = new ArrayList<>();
        for (int i = 0; i < read.cts().size(); i++) {
            if (i == referenceIndex) {
                continue;
            }
            double[] c = bodyCentroid(read.cts().get(i).orElseThrow());
            double d = Math.sqrt(Math.pow(c[0] - ref[0], 2) + Math.pow(c[1] - ref[1], 2) + Math.pow(c[2] - ref[2], 2));
            if (d > UNREGISTERED_MOTION_MM) {
                out.add(new CycleWarning.UnregisteredMotion(
                        read.timePoints().get(i).source(), d));
            }
        }
        return out;
    }

    /** The centre (world mm) of a CT's voxels above {@link #BODY_HU}. */
    static double[] bodyCentroid(ImageVolume ct) {
        Geometry g = ct.geometry();
        float[] hu = ct.voxels();
        double[] sum = new double[3];
        long count = 0;
        int nx = g.nx();
        int ny = g.ny();
        for (int v = 0; v < hu.length; v++) {
            if (hu[v] > BODY_HU) {
                sum[0] += v % nx;
                sum[1] += (v / nx) % ny;
                sum[2] += v / (nx * ny);
                count++;
            }
        }
        if (count == 0) {
            throw new CycleInputException("a CT holds no body (no voxel above " + BODY_HU + " HU)");
        }
        double[] world = new double[3];
        g.indexToWorld(sum[0] / count, sum[1] / count, sum[2] / count, world);
        return world;
    }

    /** Schneider's density of a CT resampled onto the grid (water outside the CT's field of view). */
    static ImageVolume density(ImageVolume hu, Geometry grid) {
        // the resampled CT is a fresh array (a copy even on the CT's own grid): its CT numbers become densities in
        // place, not into a second full-size array
        float[] values =
                Resampling.trilinear(hu, grid, RigidTransform.identity(), 0f).voxels();
        CtDensity.schneider2000().toGramsPerMl(values);
        return ImageVolume.wrap(grid, VoxelUnit.G_PER_ML, values);
    }

    private static int indexOf(List<TimePointImage> tps, String source) {
        for (int i = 0; i < tps.size(); i++) {
            if (tps.get(i).source().equals(source)) {
                return i;
            }
        }
        throw new IllegalStateException("time point " + source + " is not among those read");
    }

    /** What was read, in input order, checked to be one cycle. */
    record Read(
            String patientId,
            Nuclide nuclide,
            LocalDateTime injection,
            Activity injected,
            List<TimePointImage> timePoints,
            List<String> how,
            List<Optional<ImageVolume>> cts,
            List<Optional<String>> ctSources,
            Optional<ImageVolume> densityCt,
            Optional<ImageVolume> density,
            OptionalDouble seriesPsfFwhmMm,
            VoiSource vois,
            Optional<List<String>> selectedVois,
            List<CycleWarning> readWarnings,
            List<Optional<CameraCalibration>> calibrations) {
        /**
         * The same without the CTs' voxels ({@link #cts} and {@link #densityCt} empty; {@link #ctSources} still
         * names each CT): for the steps after alignment and the density map, which read none.
         */
        Read withoutCtVoxels() {
            return new Read(
                    patientId,
                    nuclide,
                    injection,
                    injected,
                    timePoints,
                    how,
                    cts.stream().map(ct -> Optional.<ImageVolume>empty()).toList(),
                    ctSources,
                    Optional.empty(),
                    density,
                    seriesPsfFwhmMm,
                    vois,
                    selectedVois,
                    readWarnings,
                    calibrations);
        }
    }

    private static Read read(CycleInput.Images in) {
        List<Optional<ImageVolume>> cts = new ArrayList<>();
        List<Optional<String>> ctSources = new ArrayList<>();
        for (int i = 0; i < in.timePoints().size(); i++) {
            cts.add(in.cts().isEmpty() ? Optional.empty() : Optional.of(in.cts().get(i)));
            ctSources.add(Optional.empty());
        }
        return new Read(
                in.patientId(),
                in.nuclide(),
                in.injection(),
                in.injected(),
                in.timePoints(),
                in.timePoints().stream()
                        .map(t -> "in memory, Bq/mL at scan start")
                        .toList(),
                cts,
                ctSources,
                Optional.empty(),
                in.density(),
                in.seriesPsfFwhmMm(),
                in.vois(),
                Optional.empty(),
                List.of(),
                in.timePoints().stream()
                        .map(t -> Optional.<CameraCalibration>empty())
                        .toList());
    }

    /** One time point as read from its series. */
    private record Scan(
            TimePointImage image,
            RadiopharmaceuticalInformation pharm,
            Nuclide nuclide,
            String patientId,
            String frame,
            OptionalDouble resolutionMm,
            String how,
            List<CycleWarning> warnings,
            Optional<CameraCalibration> calibration) {}

    private static Read read(CycleInput.Series in, CameraCalibrations calibrations, Progress progress)
            throws IOException {
        List<Scan> scans = new ArrayList<>();
        List<Optional<ImageVolume>> cts = new ArrayList<>();
        List<Optional<String>> ctSources = new ArrayList<>();
        int n = in.scans().size();
        // Every series of the cycle is read at once, each on its own thread: one series' files are already decoded
        // in parallel, but its listing, header checks, assembly and conversion run on one thread, and the series
        // were read one after another while the second core idled (docs/benchmarks.md, the small twin's start-up).
        // The results are taken in input order and checked as before, so the first bad input named is the same.
        try (var reading = new ConcurrentSteps("cycle-read-")) {
            List<ConcurrentSteps.Pending<Scan>> scanReads = new ArrayList<>();
            List<Optional<ConcurrentSteps.Pending<AssembledSeries>>> ctReads = new ArrayList<>();
            for (CycleInput.Scan s : in.scans()) {
                scanReads.add(reading.start(() -> scan(s.series(), calibrations)));
                ctReads.add(s.ct().map(ct -> reading.start(() -> SeriesAssembler.assemble(ct, Optional.empty()))));
            }
            Optional<ConcurrentSteps.Pending<AssembledSeries>> densityRead =
                    in.densityCt().map(p -> reading.start(() -> SeriesAssembler.assemble(p, Optional.empty())));
            for (int i = 0; i < n; i++) {
                progress.step(5 + 40 * i / n, "reading time point " + (i + 1) + " of " + n);
                CycleInput.Scan s = in.scans().get(i);
                Scan scan = scanReads.get(i).get();
                scans.add(scan);
                if (s.ct().isPresent()) {
                    cts.add(Optional.of(
                            ct(s.ct().get(), ctReads.get(i).orElseThrow().get(), scan)));
                    ctSources.add(Optional.of(s.ct().get().toString()));
                } else {
                    cts.add(Optional.empty());
                    ctSources.add(Optional.empty());
                }
            }
            return read(in, scans, cts, ctSources, densityRead);
        }
    }

    private static Read read(
            CycleInput.Series in,
            List<Scan> scans,
            List<Optional<ImageVolume>> cts,
            List<Optional<String>> ctSources,
            Optional<ConcurrentSteps.Pending<AssembledSeries>> densityRead)
            throws IOException {
        int n = scans.size();
        Scan first = scans.get(0);
        for (Scan s : scans.subList(1, n)) {
            sameCycle(first, s);
        }
        Nuclide nuclide = first.nuclide();
        Optional<ImageVolume> densityCt = Optional.empty();
        if (in.densityCt().isPresent()) {
            Path p = in.densityCt().get();
            densityCt = Optional.of(
                    densityRead.orElseThrow().get().volume().requireUnit(VoxelUnit.HU, "the density CT " + p));
        }
        OptionalDouble psf = scans.stream()
                .map(Scan::resolutionMm)
                .filter(OptionalDouble::isPresent)
                .findFirst()
                .orElse(OptionalDouble.empty());
        return new Read(
                first.patientId(),
                nuclide,
                first.pharm().injection(),
                first.pharm().injected(),
                scans.stream().map(Scan::image).toList(),
                scans.stream().map(Scan::how).toList(),
                cts,
                ctSources,
                densityCt,
                Optional.empty(),
                psf,
                in.vois(),
                in.selectedVois(),
                scans.stream().flatMap(sc -> sc.warnings().stream()).toList(),
                scans.stream().map(Scan::calibration).toList());
    }

    private static Scan scan(Path path, CameraCalibrations calibrations) throws IOException {
        AssembledSeries s = SeriesAssembler.assemble(path, Optional.empty());
        AcquisitionFacts facts = AcquisitionFacts.of(s);
        RadiopharmaceuticalInformation pharm = facts.radiopharmaceutical()
                .orElseThrow(() -> new CycleInputException("time point " + path + " has no usable injection: "
                        + facts.radiopharmaceuticalProblem().orElse("the radiopharmaceutical is missing")
                        + "; dosimetry needs the injection date-time (0018,1078) and the activity (0018,1074)"));
        // the series' text names the nuclide; from here on it is the catalogue's
        Nuclide nuclide = NuclideCatalog.icrp107()
                .get(pharm.nuclide().orElseThrow(() -> new MissingNuclideException(path.toString())));
        String frame = s.header()
                .string(Tag.FRAME_OF_REFERENCE_UID)
                .filter(f -> !f.isBlank())
                .orElseThrow(() -> new CycleInputException("time point " + path + " has no Frame of Reference UID"
                        + " (0020,0052): without it its position cannot be matched to its CT or VOIs"));
        QuantitativeImage q;
        List<CycleWarning> warnings = new ArrayList<>();
        Optional<CameraCalibration> calibration = Optional.empty();
        if (s.volume().unit() == VoxelUnit.COUNTS) {
            CameraCalibrations.Converted c = calibrations.convert(s);
            q = c.image();
            calibration = Optional.of(c.match().calibration());
            if (c.match().old()) {
                warnings.add(new CycleWarning.OldCalibration(
                        path.toString(),
                        c.match().calibration().id(),
                        c.match().calibration().measuredOn(),
                        calibrations.maxAge().toTotalMonths() + " months"));
            }
            if (!c.match().assumed().isEmpty()) {
                warnings.add(new CycleWarning.CalibrationAssumed(
                        path.toString(), c.match().assumed()));
            }
        } else {
            q = RealWorldValues.bqPerMlAtScanStart(s);
        }
        // a stated resolution outside (0, 40] mm is not a SPECT's and is not used as its PSF
        OptionalDouble resolution = s.header().decimal(Tag.SPATIAL_RESOLUTION);
        boolean plausible = resolution.isPresent() && resolution.getAsDouble() > 0 && resolution.getAsDouble() <= 40;
        return new Scan(
                new TimePointImage(path.toString(), q.image(), q.referenceTime()),
                pharm,
                nuclide,
                s.header().string(Tag.PATIENT_ID).orElse(""),
                frame,
                plausible ? resolution : OptionalDouble.empty(),
                q.how(),
                warnings,
                calibration);
    }

    private static ImageVolume ct(Path path, AssembledSeries s, Scan scan) {
        Optional<String> frame = s.header().string(Tag.FRAME_OF_REFERENCE_UID);
        if (frame.isPresent() && !frame.get().equals(scan.frame())) {
            throw new CycleInputException("the CT " + path + " is in Frame of Reference " + frame.get()
                    + ", not in its time point's " + scan.frame() + " ("
                    + scan.image().source()
                    + "): give the CT taken with that scan");
        }
        return s.volume().requireUnit(VoxelUnit.HU, "the CT " + path);
    }

    /** The time points must be one patient's, one nuclide's, one injection's. */
    private static void sameCycle(Scan a, Scan b) {
        String sa = a.image().source();
        String sb = b.image().source();
        if (!a.patientId().equals(b.patientId())) {
            throw new CycleInputException("time points " + sa + " (patient ID '" + a.patientId() + "') and " + sb
                    + " (patient ID '" + b.patientId() + "') are of different patients; give one patient's scans");
        }
        if (!a.nuclide().name().equals(b.nuclide().name())) {
            throw new CycleInputException("time points " + sa + " (" + a.nuclide() + ") and " + sb + " (" + b.nuclide()
                    + ") are of different nuclides; a cycle's scans share one radiopharmaceutical");
        }
        if (!a.pharm().injection().equals(b.pharm().injection())) {
            throw new CycleInputException("time points " + sa + " (injected "
                    + a.pharm().injection() + ") and " + sb
                    + " (injected " + b.pharm().injection() + ") belong to different injections; dose each cycle"
                    + " on its own, or correct the injection date-time (0018,1078)");
        }
    }
}

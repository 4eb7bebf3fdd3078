package org.netra.dosimetry.cycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.dosimetry.radiobiology.Bed;
import org.netra.dosimetry.recovery.GeometricTransferMatrix;
import org.netra.imaging.volume.GaussianBlur;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidTransform;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.TimeIntegratedActivity;

/**
 * GTM partial-volume correction of a cycle's VOI figures, in two stages.
 *
 * <p><b>Stage 1.</b> The VOIs chosen as regions (by default every VOI but the nested parts, such as a kidney
 * cortex: {@link RegionRole#nestedPart}) are made disjoint (a voxel belongs to the
 * smallest of them that holds it, so a tumour inside the liver leaves the liver, and "Body" becomes the rest of
 * the body) plus a background region of the voxels in no VOI; the GTM of these regions gives, at each time point,
 * their true mean concentrations (non-negative), and a VOI's corrected activity is the sum over the regions it
 * covers.
 *
 * <p><b>Stage 2</b>, for each VOI left out of the regions whose voxels lie mostly in one region P (a cortex in its
 * kidney): P is split into the VOI's part C and the rest R, every other region is held at its stage-1
 * concentration, and the concentrations a of C and b of R are fitted to the observed means of C and R under
 * the constraint that P keeps its stage-1 activity (a·|C| + b·|R| = c_P·|P|), 0 ≤ a, b. A thin shell as a
 * region of its own makes the whole matrix ill-conditioned on a 4–5 mm grid (on the twins it moved the whole
 * kidney by +4 %); taking P's mean for it instead under-reads a cortex hotter than its medulla (−15 %). The
 * constraint keeps the parent as robust as stage 1 and the split uses only the two local equations.
 *
 * <p>The VOI's TIA, dose, SD, BED and DVH figures are multiplied by one factor: the corrected over the observed
 * activities, each scan weighted by its share of the trapezoid-rule TIA ({@link #tiaFactor}); the curve's shape
 * (the model the rules chose on the observed activities, its effective half-life and extrapolated share) is kept.
 * The GTM assumes each region uniform, so the correction is one factor per VOI. The
 * correction's sensitivity to the PSF is part of the SD: the correction is repeated at the FWHM plus its
 * uncertainty, and the relative change of each VOI's dose is its partial-volume SD part.
 */
public final class PartialVolumeCorrection {
    /** A left-out VOI is split out of the region that holds at least this share of its voxels (stage 2). */
    private static final double NESTED_SHARE = 0.5;

    private PartialVolumeCorrection() {}

    /**
     * One VOI's correction.
     *
     * @param recoveryCoefficient the share of its own (disjoint part's) activity the VOI's mean keeps under the PSF,
     *     empty for a VOI that is not a GTM region
     * @param nestedIn the region a nested VOI was split out of (stage 2), empty for the others
     * @param activityFactor corrected over observed activity at each time point
     * @param tiaFactor corrected over uncorrected region TIA: what the dose was multiplied by
     * @param uncorrectedTia the region TIA before correction
     * @param uncorrectedDose the dose before correction
     */
    public record VoiRecovery(
            String name,
            OptionalDouble recoveryCoefficient,
            Optional<String> nestedIn,
            double[] activityFactor,
            double tiaFactor,
            TimeIntegratedActivity uncorrectedTia,
            AbsorbedDose uncorrectedDose) {}

    /**
     * @param fwhmMm the PSF used
     * @param fwhmSdMm its uncertainty, for the SD's partial-volume part
     */
    public record Corrected(CycleResult result, double fwhmMm, double fwhmSdMm, List<VoiRecovery> vois) {}

    /** The VOIs that are GTM regions by default: all but the nested parts (by role). */
    public static List<String> defaultRegions(CycleResult result) {
        return result.vois().stream()
                .filter(v -> !v.role().nestedPart())
                .map(CycleResult.Voi::name)
                .toList();
    }

    /** {@link #defaultRegions(CycleResult)} before the dosimetry: the VOIs whose role by the rules is not a part. */
    public static List<String> defaultRegions(List<Mask> vois, RoleRules roles) {
        return vois.stream()
                .map(Mask::name)
                .filter(name -> !roles.roleOf(name).nestedPart())
                .toList();
    }

    /**
     * With the default regions and a PSF uncertainty of 1 mm.
     *
     * @param result of {@link DoseComputation#run} on {@code timePoints} and {@code vois}
     * @param fwhmMm the camera's measured spatial resolution (FWHM, mm) for this nuclide and reconstruction
     */
    public static Corrected gtm(CycleResult result, List<TimePointImage> timePoints, List<Mask> vois, double fwhmMm) {
        requireFwhm(fwhmMm);
        return gtm(result, timePoints, vois, defaultRegions(result), fwhmMm, 1);
    }

    /**
     * @param regionNames the VOIs (by name) that form the GTM's regions; the rest of the image is the background
     * @param fwhmSdMm the uncertainty (1 SD, mm) of the FWHM, for the SD's partial-volume part; 0 leaves it out
     */
    public static Corrected gtm(
            CycleResult result,
            List<TimePointImage> timePoints,
            List<Mask> vois,
            List<String> regionNames,
            double fwhmMm,
            double fwhmSdMm) {
        return measure(
                        timePoints,
                        timePoints.stream()
                                .map(t -> new Alignment.AsAcquired(t.activity(), RigidTransform.identity()))
                                .toList(),
                        vois,
                        regionNames,
                        fwhmMm,
                        fwhmSdMm)
                .apply(result);
    }

    /**
     * What the correction finds before it touches a dosimetry's figures: the regions, each scan's observed means,
     * the transfer matrices and the corrected activities at the FWHM and at the FWHM plus its uncertainty. None of
     * it depends on the dose, so a cycle measures it while the dose is computed ({@link CyclePipeline}) and then
     * {@link Measured#apply applies} it.
     *
     * <p>Each region's observed mean is read on its scan as acquired ({@code asAcquired}, in the order of {@code
     * timePoints}; {@link Alignment.Aligned#asAcquired}): the VOIs are carried onto each later scan's own grid
     * (nearest voxel, through the registration) instead of the scan being interpolated onto the reference grid.
     * Trilinear interpolation blurs by up to half a voxel on each axis, so a resampled scan's PSF is wider than the
     * camera's the GTM models: on the twins moved by 5 mm the small tumours' correction fell short by 5–12 %. Of a
     * moved scan (its {@code asAcquired} not on the reference grid) only the time of its entry in {@code timePoints}
     * is read, so a caller may give the scan as acquired there instead of its resampled copy and let the copy go.
     *
     * @param regionNames the VOIs (by name) that form the GTM's regions; the rest of the image is the background
     * @param fwhmSdMm the uncertainty (1 SD, mm) of the FWHM, for the SD's partial-volume part; 0 leaves it out
     */
    public static Measured measure(
            List<TimePointImage> timePoints,
            List<Alignment.AsAcquired> asAcquired,
            List<Mask> vois,
            List<String> regionNames,
            double fwhmMm,
            double fwhmSdMm) {
        requireFwhm(fwhmMm);
        if (asAcquired.size() != timePoints.size()) {
            throw new CycleInputException("give each time point's scan as acquired (" + asAcquired.size() + " for "
                    + timePoints.size() + " time points)");
        }
        if (!(fwhmSdMm >= 0) || fwhmSdMm >= fwhmMm) {
            throw new CycleInputException(
                    "the PSF FWHM's uncertainty must be ≥ 0 mm and below the FWHM, not " + fwhmSdMm);
        }
        List<String> names = vois.stream().map(Mask::name).toList();
        for (String name : regionNames) {
            if (!names.contains(name)) {
                throw new CycleInputException("GTM region '" + name + "' is not one of the VOIs " + names);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int t = 0; t < timePoints.size(); t++) {
            order.add(t);
        }
        order.sort(Comparator.comparing(t -> timePoints.get(t).acquisition()));
        Regions regions = Regions.of(vois, regionNames);
        List<Split> splits = splits(regions, vois);
        // the observed means do not depend on the PSF: read once for both solutions
        List<Observed> observed = new ArrayList<>();
        for (int t : order) {
            observed.add(observe(regions, splits, timePoints.get(t), asAcquired.get(t)));
        }
        Map<Double, GeometricTransferMatrix> matrices = matrices(
                regions.transfer(),
                observed.stream().map(Observed::addedVarianceMm2).toList(),
                fwhmMm,
                fwhmSdMm);
        Solution at = solve(regions, vois, splits, observed, fwhmMm, matrices);
        double[][] shifted = fwhmSdMm > 0
                ? solve(regions, vois, splits, observed, fwhmMm + fwhmSdMm, matrices)
                        .correctedMbq()
                : at.correctedMbq();
        return new Measured(vois.stream().map(Mask::name).toList(), regions, at, shifted, fwhmMm, fwhmSdMm);
    }

    /**
     * The correction measured on a cycle's scans and VOIs ({@link #measure}), to be applied to the dosimetry of those
     * scans and VOIs.
     */
    public static final class Measured {
        /** The VOIs' names, in the order of the dosimetry's. */
        private final List<String> vois;

        private final Regions regions;
        /** The corrected activities at the FWHM. */
        private final Solution at;
        /** The corrected activities (MBq, per VOI and time point) at the FWHM plus its uncertainty. */
        private final double[][] shifted;

        private final double fwhmMm;
        private final double fwhmSdMm;

        private Measured(
                List<String> vois, Regions regions, Solution at, double[][] shifted, double fwhmMm, double fwhmSdMm) {
            this.vois = vois;
            this.regions = regions;
            this.at = at;
            this.shifted = shifted;
            this.fwhmMm = fwhmMm;
            this.fwhmSdMm = fwhmSdMm;
        }

        /**
         * The dosimetry's VOI figures corrected: each VOI's TIA, dose, SD, BED and DVH multiplied by its factor.
         *
         * @param result the dosimetry of the scans and VOIs the correction was measured on
         */
        public Corrected apply(CycleResult result) {
            if (!result.vois().stream().map(CycleResult.Voi::name).toList().equals(vois)) {
                throw new CycleInputException("give the same VOIs as the dosimetry ran on");
            }
            return corrected(result, this);
        }
    }

    private static Corrected corrected(CycleResult result, Measured measured) {
        Regions regions = measured.regions;
        Solution at = measured.at;
        double[][] shifted = measured.shifted;
        double fwhmMm = measured.fwhmMm;
        List<String> vois = measured.vois;
        double[] hours = CycleResult.hours(result.afterInjection());
        int n = hours.length;
        double[] weights =
                Kinetics.trapezoidWeights(hours, result.settings().kinetics().physicalRatePerHour());
        List<CycleResult.Voi> out = new ArrayList<>();
        List<VoiRecovery> rec = new ArrayList<>();
        for (int k = 0; k < vois.size(); k++) {
            CycleResult.Voi v = result.vois().get(k);
            double[] uncorrected =
                    v.activity().stream().mapToDouble(Activity::inMBq).toArray();
            double[] factor = new double[n];
            List<Activity> corrected = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                factor[t] = at.correctedMbq()[k][t] / uncorrected[t];
                // the GTM's concentrations are ≥ 0; the clamp only removes rounding below zero
                corrected.add(Activity.ofMBq(Math.max(0, at.correctedMbq()[k][t])));
            }
            TimeIntegratedActivity before = v.tia().timeIntegratedActivity();
            double[] correctedMbq = at.correctedMbq()[k];
            double[] shiftedMbq = shifted[k];
            Optional<TiaResult> bladder = bladder(v, hours, correctedMbq, result.settings());
            double s =
                    bladder.map(b -> ratio(b, before)).orElseGet(() -> tiaFactor(weights, uncorrected, correctedMbq));
            double sShifted = bladder(v, hours, shiftedMbq, result.settings())
                    .map(b -> ratio(b, before))
                    .orElseGet(() -> tiaFactor(weights, uncorrected, shiftedMbq));
            TiaResult tia = bladder.map(b -> new TiaResult(
                            b.method(),
                            b.rule(),
                            b.why() + " (on the activities corrected for partial volume)",
                            b.timeIntegratedActivity(),
                            b.standardDeviation(),
                            b.effectiveHalfLife(),
                            b.candidates()))
                    .orElseGet(() -> scaled(v.tia(), s));
            CycleResult.SdParts parts = v.sd().withPartialVolume(s > 0 ? Math.abs(sShifted - s) / s : 0);
            AbsorbedDose dose = v.dose().times(s);
            var bed = v.bedTissue().map(t -> Bed.forResult(dose, tia, t));
            out.add(v.scaled(
                    s,
                    corrected,
                    tia,
                    v.extrapolatedFraction(),
                    parts,
                    bed,
                    v.doseHow()
                            + String.format(
                                    Locale.ROOT,
                                    "; × %.4f for partial volume (GTM, PSF FWHM %.3g mm%s: region TIA %.4g → %.4g"
                                            + " MBq·h)",
                                    s,
                                    fwhmMm,
                                    at.nestedIn()[k] == null ? "" : ", split out of " + at.nestedIn()[k],
                                    before.inMBqHours(),
                                    tia.timeIntegratedActivity().inMBqHours())));
            rec.add(new VoiRecovery(
                    v.name(),
                    regions.regionOf()[k] >= 0
                            ? OptionalDouble.of(at.gtm().recovery(regions.regionOf()[k]))
                            : OptionalDouble.empty(),
                    Optional.ofNullable(at.nestedIn()[k]),
                    factor,
                    s,
                    before,
                    v.dose()));
        }
        CycleResult corrected = new CycleResult(
                result.nuclide(),
                result.method(),
                result.settings(),
                result.sources(),
                result.afterInjection(),
                out,
                result.tiaMap(),
                result.doseMap(),
                result.voxelFits(),
                result.monteCarlo());
        return new Corrected(corrected, fwhmMm, measured.fwhmSdMm, rec);
    }

    private static void requireFwhm(double fwhmMm) {
        if (!(fwhmMm > 0) || Double.isInfinite(fwhmMm)) {
            throw new CycleInputException("the PSF FWHM must be a measured resolution in mm > 0, not " + fwhmMm
                    + "; measure it for the camera, collimator and reconstruction (e.g. a line or sphere source)");
        }
    }

    /**
     * The correction's factor for a VOI's TIA: corrected over observed activity, each scan weighted by its share of
     * the trapezoid-rule TIA (Σ wᵢ·Aᵢ, physical tail on the last). Linear in the activities, so it cannot change
     * regime: refitting the corrected points instead made a bladder whose late activity is corrected to ≈ 0
     * "rise at the last point" from 0 to a few kBq, and its trapezoid TIA came out 5–9 times the truth on the
     * twins, while a noise-level late point with the relative weighting pulled others 60 % low.
     */
    static double tiaFactor(double[] weights, double[] observed, double[] corrected) {
        double before = 0;
        double after = 0;
        for (int t = 0; t < weights.length; t++) {
            before += weights[t] * observed[t];
            after += weights[t] * Math.max(0, corrected[t]);
        }
        return before > 0 ? after / before : 1;
    }

    /**
     * A urinary bladder's TIA by its own rule on the corrected activities, where its uncorrected TIA came by that
     * rule and the rule applies to them: the rule is not linear in the activities (the clearance between the first
     * two scans sets the unmeasured part before the first), so the trapezoid-weighted factor would apply the
     * observed clearance to the corrected amounts (on the twins the GTM moves the bladder's 24 h point by −54 %).
     */
    private static Optional<TiaResult> bladder(
            CycleResult.Voi v, double[] hours, double[] correctedMbq, CycleSettings settings) {
        if (!(v.tia().method() instanceof org.netra.dosimetry.kinetics.TiaMethod.UrinaryBladder)) {
            return Optional.empty();
        }
        List<org.netra.dosimetry.kinetics.TimePoint> points = new ArrayList<>();
        for (int t = 0; t < hours.length; t++) {
            points.add(org.netra.dosimetry.kinetics.TimePoint.of(
                    org.netra.physics.quantity.Times.ofHours(hours[t]), Activity.ofMBq(Math.max(0, correctedMbq[t]))));
        }
        return org.netra.dosimetry.kinetics.BladderKinetics.integrate(
                new org.netra.dosimetry.kinetics.TimeActivityData(points), settings.kinetics());
    }

    private static double ratio(TiaResult corrected, TimeIntegratedActivity uncorrected) {
        return uncorrected.inMBqHours() > 0
                ? corrected.timeIntegratedActivity().inMBqHours() / uncorrected.inMBqHours()
                : 1;
    }

    /** The region's TIA with its shape (model, rule, effective half-life) kept and its amount multiplied by s. */
    private static TiaResult scaled(TiaResult tia, double s) {
        return new TiaResult(
                tia.method(),
                tia.rule(),
                tia.why()
                        + String.format(
                                Locale.ROOT,
                                "; × %.4f for partial volume (the scans' corrected activities, weighted by their share"
                                        + " of the TIA)",
                                s),
                TimeIntegratedActivity.ofMBqHours(tia.timeIntegratedActivity().inMBqHours() * s),
                tia.standardDeviation().map(sd -> TimeIntegratedActivity.ofMBqHours(sd.inMBqHours() * s)),
                tia.effectiveHalfLife(),
                tia.candidates());
    }

    /**
     * The disjoint regions: {@code region[v]} the region index of voxel v, {@code cellRegion} ({@link #cells}), the
     * extent of each row of cells not wholly in the background ({@link CellRowExtents}), the region masks, each VOI's
     * region index (−1 if not a region) and each label's region index (a label is the VOI index owning a voxel, nv
     * for the background).
     */
    record Regions(
            short[] region,
            short[] cellRegion,
            CellRowExtents foreground,
            List<Mask> masks,
            int[] regionOf,
            long[][] overlap,
            GeometricTransferMatrix.RegionSet transfer) {
        /** The label of the voxels in no region: one past the VOIs'. */
        int backgroundLabel() {
            return regionOf.length - 1;
        }

        static Regions of(List<Mask> vois, List<String> regionNames) {
            Geometry grid = vois.get(0).geometry();
            int nv = vois.size();
            int voxels = grid.voxelCount();
            Integer[] bySize = new Integer[nv];
            for (int k = 0; k < nv; k++) {
                bySize[k] = k;
            }
            // a stable sort: of two VOIs of one size the later one in bySize holds their common voxels
            Arrays.sort(bySize, Comparator.comparingInt(k -> -vois.get(k).voxelCount()));
            // a voxel belongs to the last region VOI in bySize that holds it (the smallest): from the last, each VOI
            // keeps the voxels none after it took, a few bit-set operations per VOI instead of a label per voxel
            java.util.BitSet[] in = new java.util.BitSet[nv + 1];
            java.util.BitSet taken = new java.util.BitSet(voxels);
            for (int s = nv - 1; s >= 0; s--) {
                int k = bySize[s];
                if (!regionNames.contains(vois.get(k).name())) {
                    continue;
                }
                java.util.BitSet own = vois.get(k).bits();
                own.andNot(taken);
                taken.or(own);
                if (!own.isEmpty()) {
                    in[k] = own;
                }
            }
            java.util.BitSet background = new java.util.BitSet(voxels);
            background.set(0, voxels);
            background.andNot(taken);
            in[nv] = background.isEmpty() ? null : background;
            List<Mask> masks = new ArrayList<>();
            int[] regionOf = new int[nv + 1];
            Arrays.fill(regionOf, -1);
            for (int k = 0; k <= nv; k++) {
                if (in[k] != null) {
                    regionOf[k] = masks.size();
                    masks.add(Mask.of(k < nv ? vois.get(k).name() : "background", grid, in[k]));
                }
            }
            // each voxel's region, looked up for every voxel of every moved scan: as shorts, half the memory an int
            // array would stream through the cache
            if (masks.size() > Short.MAX_VALUE) {
                throw new CycleInputException("the GTM takes at most " + Short.MAX_VALUE + " regions, not "
                        + masks.size() + "; choose fewer VOIs as regions");
            }
            int backgroundRegion = regionOf[nv];
            short[] region = new short[voxels];
            if (backgroundRegion >= 0) {
                Arrays.fill(region, (short) backgroundRegion);
            }
            for (int k = 0; k < nv; k++) {
                if (in[k] != null) {
                    short r = (short) regionOf[k];
                    forEachVoxel(in[k], v -> region[v] = r);
                }
            }
            long[][] overlap = new long[nv][masks.size()];
            for (int k = 0; k < nv; k++) {
                long[] counts = overlap[k];
                forEachVoxel(vois.get(k).bits(), v -> counts[region[v]]++);
            }
            short[] cellRegion = new short[voxels];
            CellRowExtents foreground = cells(grid, region, backgroundRegion, taken, cellRegion);
            return new Regions(
                    region,
                    cellRegion,
                    foreground,
                    masks,
                    regionOf,
                    overlap,
                    GeometricTransferMatrix.RegionSet.of(masks, region));
        }

        /** Calls {@code action} with each set bit's index, ascending, a word of bits at a time. */
        private static void forEachVoxel(java.util.BitSet bits, java.util.function.IntConsumer action) {
            long[] words = bits.toLongArray();
            for (int w = 0; w < words.length; w++) {
                for (long word = words[w]; word != 0; word &= word - 1) {
                    action.accept((w << 6) + Long.numberOfTrailingZeros(word));
                }
            }
        }

        /**
         * Fills {@code cell}: for each voxel as the lowest corner of an interpolation cell (its neighbours +1 along
         * each axis that has more than one voxel), the region of all eight corners, or −1 where they differ (and for
         * the voxels that are no cell's lowest corner): most of a moved scan's voxels fall in a cell of one region,
         * which one look-up then settles instead of eight. Along a row of cells, those beyond the x-extent of the
         * regions' voxels ({@code inRegions}) in the cell's four rows of voxels have only background corners, and are
         * set so without comparing them; the others' extent is returned.
         *
         * @param background the background's region index, −1 if there is none
         */
        private static CellRowExtents cells(
                Geometry grid, short[] region, int background, java.util.BitSet inRegions, short[] cell) {
            int gx = grid.nx(), gy = grid.ny(), gz = grid.nz();
            int plane = gx * gy;
            int dx = gx > 1 ? 1 : 0, dy = gy > 1 ? gx : 0, dz = gz > 1 ? plane : 0;
            int cx = Math.max(1, gx - 1), cy = Math.max(1, gy - 1), cz = Math.max(1, gz - 1);
            int[] first = new int[cy * cz];
            int[] last = new int[cy * cz];
            // each row of voxels' first and last x in a region (−1 for none), in one sweep over the rows
            int[] rowFirst = new int[gy * gz];
            int[] rowLast = new int[gy * gz];
            Arrays.fill(rowFirst, -1);
            Arrays.fill(rowLast, -1);
            if (background >= 0) {
                for (int v = inRegions.nextSetBit(0); v >= 0; ) {
                    int row = v / gx;
                    rowFirst[row] = v - row * gx;
                    rowLast[row] = inRegions.previousSetBit(row * gx + gx - 1) - row * gx;
                    v = inRegions.nextSetBit(row * gx + gx);
                }
            }
            java.util.stream.IntStream.range(0, gz).parallel().forEach(z -> {
                if (z >= cz) {
                    Arrays.fill(cell, plane * z, plane * (z + 1), (short) -1);
                    return;
                }
                for (int y = 0; y < gy; y++) {
                    int start = gx * y + plane * z;
                    if (y >= cy) {
                        Arrays.fill(cell, start, start + gx, (short) -1);
                        continue;
                    }
                    // the x-range of cells that may have a corner in a region: all of it without a background
                    int from = 0, to = cx - 1;
                    if (background >= 0) {
                        int lo = Integer.MAX_VALUE, hi = -1;
                        for (int c = 0; c < 4; c++) {
                            int row = (start + ((c & 1) == 0 ? 0 : dy) + ((c & 2) == 0 ? 0 : dz)) / gx;
                            if (rowFirst[row] >= 0) {
                                lo = Math.min(lo, rowFirst[row]);
                                hi = Math.max(hi, rowLast[row]);
                            }
                        }
                        from = lo == Integer.MAX_VALUE ? cx : Math.max(0, lo - dx);
                        to = Math.min(cx - 1, hi);
                    }
                    int firstOther = Integer.MAX_VALUE, lastOther = Integer.MIN_VALUE;
                    for (int x = from, corner = start + from; x <= to; x++, corner++) {
                        int r = region[corner];
                        if (r == region[corner + dx]
                                && r == region[corner + dy]
                                && r == region[corner + dx + dy]
                                && r == region[corner + dz]
                                && r == region[corner + dz + dx]
                                && r == region[corner + dz + dy]
                                && r == region[corner + dz + dy + dx]) {
                            cell[corner] = (short) r;
                        } else {
                            cell[corner] = -1;
                        }
                        if (cell[corner] != background) {
                            firstOther = Math.min(firstOther, x);
                            lastOther = x;
                        }
                    }
                    if (from > 0 || to < cx - 1) {
                        Arrays.fill(cell, start, start + Math.min(from, cx), (short) background);
                        Arrays.fill(cell, start + Math.max(to + 1, from), start + cx, (short) background);
                    }
                    Arrays.fill(cell, start + cx, start + gx, (short) -1);
                    first[y + cy * z] = firstOther;
                    last[y + cy * z] = lastOther;
                }
            });
            return new CellRowExtents(cx, cy, cz, first, last);
        }
    }

    /** Corrected activities (MBq) per VOI and time point; the nested VOIs' parent region names. */
    private record Solution(GeometricTransferMatrix gtm, double[][] correctedMbq, String[] nestedIn) {}

    /** A nested VOI's part C inside its parent region P and the rest R of P (stage 2). */
    record Split(int voi, int parent, Mask c, Mask r) {}

    /** C's and R's transfer rows against the regions, C and R, at one PSF. */
    private record SplitRows(double[] rowC, double[] rowR) {}

    /**
     * One scan's observed mean concentrations (of each region, and of each split's C and R) and the variance (mm²
     * per axis) its partial voxels add to the PSF ({@link #observe}); how many of a moved scan's voxels were read in
     * runs wholly in background cells ({@link CellRowExtents}).
     */
    record Observed(
            double[] regionMeans, double[] splitC, double[] splitR, double addedVarianceMm2, long backgroundRunVoxels) {
        double fwhmMm(double psfFwhmMm) {
            return widened(psfFwhmMm, addedVarianceMm2);
        }
    }

    static List<Split> splits(Regions regions, List<Mask> vois) {
        List<Mask> masks = regions.masks();
        Geometry grid = masks.get(0).geometry();
        List<Split> splits = new ArrayList<>();
        for (int k = 0; k < vois.size(); k++) {
            if (regions.regionOf()[k] >= 0) {
                continue;
            }
            int parent = dominantRegion(regions, k, vois.get(k));
            if (parent < 0 || masks.get(parent).name().equals("background")) {
                continue;
            }
            // bit sets, not voxel-sized boolean arrays (13 MB each at 256×256×200, walked again by Mask.of)
            java.util.BitSet inC = new java.util.BitSet(grid.voxelCount());
            java.util.BitSet inR = new java.util.BitSet(grid.voxelCount());
            Mask p = masks.get(parent);
            Mask voi = vois.get(k);
            boolean anyR = false;
            for (int v = p.next(0); v >= 0; v = p.next(v + 1)) {
                if (voi.contains(v)) {
                    inC.set(v);
                } else {
                    inR.set(v);
                    anyR = true;
                }
            }
            if (anyR) {
                splits.add(new Split(
                        k,
                        parent,
                        Mask.of(voi.name() + " in " + p.name(), grid, inC),
                        Mask.of(p.name() + " without " + voi.name(), grid, inR)));
            }
        }
        return splits;
    }

    /**
     * The observed means of one scan, and the variance (mm², per axis) its regions' partial voxels add to the PSF.
     *
     * <p>On the reference grid (not moved) each region's voxels are read directly and nothing is added. A moved scan
     * is read on its own grid, never interpolated: a region there is the reference's region displaced, which
     * covers the scan's voxels in part where its displaced boundary cuts them. Each scan voxel counts in each
     * region with the share the trilinear weights of the reference voxels it shows give it (the partial-voxel
     * indicator). Against the reference's whole voxels that indicator is a two-tap filter of variance f(1 − f)·h²
     * along each axis (f the fraction of a voxel h by which the displacement misses whole voxels), and the transfer
     * matrix pairs two such indicators (the region read and the region blurred): the GTM of this scan uses the PSF
     * widened by 2·f(1 − f)·h², averaged over the regions' voxels. On twins moved by 5 mm, which image the
     * displaced activity so, the tumours came out 5–12 % low without it.
     *
     * <p>The nested VOIs' parts (stage 2) are read at the nearest reference voxel. A region none of whose voxels the
     * moved scan shows (outside its field of view) keeps the resampled image's mean.
     */
    private static Observed observe(
            Regions regions, List<Split> splits, TimePointImage resampled, Alignment.AsAcquired scan) {
        return observe(regions, splits, resampled, scan, true);
    }

    /**
     * @param shortcuts whether runs of scan voxels in background cells take the fast path, and cells across a
     *     boundary between two planes of voxels their own (the same sums to the bit; false only to test that, every
     *     voxel then read by the plain per-voxel path)
     */
    static Observed observe(
            Regions regions,
            List<Split> splits,
            TimePointImage resampled,
            Alignment.AsAcquired scan,
            boolean shortcuts) {
        List<Mask> masks = regions.masks();
        Geometry grid = masks.get(0).geometry();
        int nr = masks.size();
        int ns = splits.size();
        // a moved scan is read as acquired; on the reference grid only for a region it does not see (below), and
        // then resampled again by Alignment's call (the same floats) instead of its copy being held by every caller
        // through the correction (CyclePipeline lets the copies go after the dose)
        float[][] kept = {scan.isOn(grid) ? resampled.activity().voxels() : null};
        java.util.function.Supplier<float[]> onGrid = () -> kept[0] != null
                ? kept[0]
                : (kept[0] = Resampling.trilinear(scan.activity(), grid, scan.referenceToScan(), 0f)
                        .voxels());
        double[] sums = new double[nr];
        double[] weights = new double[nr];
        double[][] splitSums = new double[ns][2];
        long[][] splitCounts = new long[ns][2];
        short[] region = regions.region();
        int background = regions.regionOf()[regions.backgroundLabel()];
        double addedVariance = 0;
        long backgroundRunVoxels = 0;
        if (scan.isOn(grid)) {
            // each run of voxels of one region added in one go (the same additions in the same order)
            float[] image = onGrid.get();
            PlaneSums all = new PlaneSums(nr, 0);
            for (int v = 0; v < image.length; ) {
                int r = region[v];
                int end = v + 1;
                while (end < image.length && region[end] == r) {
                    end++;
                }
                all.addRun(image, v, end - v, r);
                v = end;
            }
            all.close();
            System.arraycopy(all.sums, 0, sums, 0, nr);
            System.arraycopy(all.weights, 0, weights, 0, nr);
            for (int i = 0; i < ns; i++) {
                Split sp = splits.get(i);
                splitSums[i][0] = sum(sp.c(), image);
                splitCounts[i][0] = sp.c().voxelCount();
                splitSums[i][1] = sum(sp.r(), image);
                splitCounts[i][1] = sp.r().voxelCount();
            }
        } else {
            Geometry own = scan.activity().geometry();
            // the scan's planes side by side, each into its own sums, added up in plane order (the same every run)
            MovedScan reader = new MovedScan(regions, splits, scan, grid, shortcuts);
            PlaneSums[] planes = new PlaneSums[own.nz()];
            java.util.stream.IntStream.range(0, own.nz()).parallel().forEach(k -> {
                PlaneSums p = new PlaneSums(nr, ns);
                for (int j = 0; j < own.ny(); j++) {
                    reader.row(p, j, k);
                }
                p.close();
                planes[k] = p;
            });
            double varianceSum = 0;
            long varianceCount = 0;
            for (PlaneSums p : planes) {
                for (int r = 0; r < nr; r++) {
                    sums[r] += p.sums[r];
                    weights[r] += p.weights[r];
                }
                for (int sp = 0; sp < ns; sp++) {
                    for (int part = 0; part < 2; part++) {
                        splitSums[sp][part] += p.splitSums[sp][part];
                        splitCounts[sp][part] += p.splitCounts[sp][part];
                    }
                }
                varianceSum += p.variance;
                varianceCount += p.varianceCount;
                backgroundRunVoxels += p.backgroundRunVoxels;
            }
            addedVariance = varianceCount > 0 ? 2 * varianceSum / varianceCount : 0;
        }
        double[] means = new double[nr];
        for (int r = 0; r < nr; r++) {
            means[r] = weights[r] > 0
                    ? sums[r] / weights[r]
                    : sum(masks.get(r), onGrid.get()) / masks.get(r).voxelCount();
        }
        double[] c = new double[ns];
        double[] rest = new double[ns];
        for (int i = 0; i < ns; i++) {
            Split sp = splits.get(i);
            c[i] = splitCounts[i][0] > 0
                    ? splitSums[i][0] / splitCounts[i][0]
                    : sum(sp.c(), onGrid.get()) / sp.c().voxelCount();
            rest[i] = splitCounts[i][1] > 0
                    ? splitSums[i][1] / splitCounts[i][1]
                    : sum(sp.r(), onGrid.get()) / sp.r().voxelCount();
        }
        return new Observed(means, c, rest, addedVariance, backgroundRunVoxels);
    }

    /** Scan voxels along a row in one go, {@link #observe}'s fast path: at most this many at a time. */
    static final int RUN = 16;

    /**
     * Reads a moved scan's rows into a plane's sums ({@link #observe}): each scan voxel's reference position
     * c0 + i·di + j·dj + k·dk (a rigid map is affine; in that order of operations), and the region of the cell it
     * falls in. Each step of that sum rounds monotonically in i, so along a row each coordinate is monotone: the voxels
     * inside the reference grid are one run of the row, and every voxel of a run lies between the run's two ends on
     * each axis, whose box of cells settles whether the run lies wholly in background cells ({@link CellRowExtents}).
     * Shared by the planes' tasks; holds no state of its own.
     */
    private static final class MovedScan {
        private final float[] img;
        private final int nx, ny;
        /** The reference index along x, y and z of scan voxel (i, j, k). */
        private final Axis ax, ay, az;

        private final int gx, gy, gz, plane, xLast, yLast, zLast, dx, dy, dz;
        /** A cell's corner c (x + 2y + 4z, each 0 or 1) from its lowest corner. */
        private final int[] cornerOffset;

        private final double h0, h1, h2;
        private final short[] region;
        private final short[] cellRegion;
        private final int background;
        private final int[] splitParent;
        private final Mask[] splitC;
        /** Whether a cell across a boundary between two planes of voxels takes its shortcut ({@link #voxels}). */
        private final boolean layered;
        /** The background's cells, for the runs that skip the per-voxel path; null to read every voxel by it. */
        private final CellRowExtents foreground;

        MovedScan(Regions regions, List<Split> splits, Alignment.AsAcquired scan, Geometry grid, boolean shortcuts) {
            img = scan.activity().voxels();
            Geometry own = scan.activity().geometry();
            nx = own.nx();
            ny = own.ny();
            RigidTransform toReference = scan.referenceToScan().inverse();
            double[] c0 = referenceIndex(own, toReference, grid, 0, 0, 0);
            double[] di = minus(referenceIndex(own, toReference, grid, 1, 0, 0), c0);
            double[] dj = minus(referenceIndex(own, toReference, grid, 0, 1, 0), c0);
            double[] dk = minus(referenceIndex(own, toReference, grid, 0, 0, 1), c0);
            ax = new Axis(c0[0], di[0], dj[0], dk[0]);
            ay = new Axis(c0[1], di[1], dj[1], dk[1]);
            az = new Axis(c0[2], di[2], dj[2], dk[2]);
            gx = grid.nx();
            gy = grid.ny();
            gz = grid.nz();
            plane = gx * gy;
            xLast = Math.max(0, gx - 2);
            yLast = Math.max(0, gy - 2);
            zLast = Math.max(0, gz - 2);
            dx = gx > 1 ? 1 : 0;
            dy = gy > 1 ? gx : 0;
            dz = gz > 1 ? plane : 0;
            cornerOffset = new int[8];
            for (int c = 0; c < 8; c++) {
                cornerOffset[c] = (c & 1) * dx + ((c >> 1) & 1) * dy + ((c >> 2) & 1) * dz;
            }
            h0 = grid.spacing(0) * grid.spacing(0);
            h1 = grid.spacing(1) * grid.spacing(1);
            h2 = grid.spacing(2) * grid.spacing(2);
            region = regions.region();
            cellRegion = regions.cellRegion();
            background = regions.regionOf()[regions.backgroundLabel()];
            splitParent = splits.stream().mapToInt(Split::parent).toArray();
            splitC = splits.stream().map(Split::c).toArray(Mask[]::new);
            // runs of scan voxels in background cells skip the per-voxel path, where that path would only add them
            // to the background (no split of the background: stage 2 never splits it)
            layered = shortcuts && dz > 0;
            foreground =
                    shortcuts && background >= 0 && Arrays.stream(splitParent).noneMatch(sp -> sp == background)
                            ? regions.foreground()
                            : null;
        }

        /** Adds row j of plane k to the plane's sums. */
        void row(PlaneSums p, int j, int k) {
            int q = nx * (j + ny * k);
            if (foreground == null) {
                voxels(p, 0, nx, j, k, q);
                return;
            }
            // the voxels outside the grid add nothing: only the run inside is read
            int a = 0;
            while (a < nx && !inGrid(a, j, k)) {
                a++;
            }
            if (a == nx) {
                return;
            }
            int b = nx - 1;
            while (!inGrid(b, j, k)) {
                b--;
            }
            for (int i = a; i <= b; ) {
                int end = Math.min(b + 1, i + RUN);
                if (inBackground(i, end - 1, j, k)) {
                    // every voxel of the run is in the grid, in a cell of the background only, so the per-voxel path
                    // would add its value and a weight of 1 to the background, nothing else; added here in the same
                    // order, so the sums are the same to the bit
                    p.addRun(img, q + i, end - i, background);
                    p.backgroundRunVoxels += end - i;
                } else {
                    voxels(p, i, end, j, k, q + i);
                }
                i = end;
            }
        }

        private boolean inGrid(int i, int j, int k) {
            double x = ax.at(i, j, k);
            double y = ay.at(i, j, k);
            double z = az.at(i, j, k);
            return x >= 0 && y >= 0 && z >= 0 && x <= gx - 1 && y <= gy - 1 && z <= gz - 1;
        }

        /** Whether voxels i0…i1 of row j of plane k (all inside the grid) lie wholly in background cells. */
        private boolean inBackground(int i0, int i1, int j, int k) {
            int x0 = cell(ax.at(i0, j, k), xLast);
            int x1 = cell(ax.at(i1, j, k), xLast);
            int y0 = cell(ay.at(i0, j, k), yLast);
            int y1 = cell(ay.at(i1, j, k), yLast);
            int z0 = cell(az.at(i0, j, k), zLast);
            int z1 = cell(az.at(i1, j, k), zLast);
            return foreground.background(
                    Math.min(x0, x1),
                    Math.min(y0, y1),
                    Math.min(z0, z1),
                    Math.max(x0, x1),
                    Math.max(y0, y1),
                    Math.max(z0, z1));
        }

        /** The lowest corner of the cell a position inside the grid falls in, as the per-voxel path clamps it. */
        private static int cell(double position, int lastCorner) {
            return Math.min((int) position, lastCorner);
        }

        /** Voxels i0…i1 − 1 of row j of plane k (from q in the scan) one by one. */
        private void voxels(PlaneSums p, int i0, int i1, int j, int k, int q) {
            double[] planeSums = p.sums;
            double[] planeWeights = p.weights;
            // the region of the last whole cell, its sums held in locals until another region's voxel comes: the
            // same additions in the same order as into the arrays, without a store and reload per voxel
            int open = p.open;
            double openSum = p.openSum;
            double openWeight = p.openWeight;
            double variance = p.variance;
            long varianceCount = p.varianceCount;
            for (int i = i0; i < i1; i++, q++) {
                double x = ax.at(i, j, k);
                double y = ay.at(i, j, k);
                double z = az.at(i, j, k);
                if (!(x >= 0 && y >= 0 && z >= 0 && x <= gx - 1 && y <= gy - 1 && z <= gz - 1)) {
                    continue;
                }
                int x0 = Math.min((int) x, xLast);
                int y0 = Math.min((int) y, yLast);
                int z0 = Math.min((int) z, zLast);
                double fx = x - x0, fy = y - y0, fz = z - z0;
                int corner = x0 + gx * y0 + plane * z0;
                double value = img[q];
                int first = cellRegion[corner];
                int r;
                if (first >= 0) {
                    // inside one region (most voxels): its weights add up to 1, and the nearest of the cell's
                    // corners is in it too
                    if (first != open) {
                        if (open >= 0) {
                            planeSums[open] = openSum;
                            planeWeights[open] = openWeight;
                        }
                        open = first;
                        openSum = planeSums[first];
                        openWeight = planeWeights[first];
                    }
                    openSum += value;
                    openWeight += 1;
                    r = first;
                } else {
                    // each corner's trilinear weight (1 − fx or fx)·(1 − fy or fy)·(1 − fz or fz), added to its
                    // region in corner order; the open region and one other (a cell on a region's boundary has corners
                    // in two, mostly) held in locals across the corners, any further region added in its array: each
                    // region's sums take the same additions in the same order
                    double gx0 = 1 - fx, gy0 = 1 - fy, gz0 = 1 - fz;
                    double p00 = gx0 * gy0, p10 = fx * gy0, p01 = gx0 * fy, p11 = fx * fy;
                    int lower = region[corner], upper = region[corner + dz];
                    if (layered
                            && lower != upper
                            && lower == region[corner + dx]
                            && lower == region[corner + dy]
                            && lower == region[corner + dx + dy]
                            && upper == region[corner + dz + dx]
                            && upper == region[corner + dz + dy]
                            && upper == region[corner + dz + dy + dx]) {
                        // a cell across a boundary between two planes of voxels (each plane's four corners in one
                        // region): corners 0–3 to the lower one, 4–7 to the upper, without a test per corner
                        if (open == lower || open == upper) {
                            int rest = open == lower ? upper : lower;
                            double openZ = open == lower ? gz0 : fz, restZ = open == lower ? fz : gz0;
                            openSum = corners(openSum, p00, p10, p01, p11, openZ, value);
                            openWeight = corners(openWeight, p00, p10, p01, p11, openZ, 1);
                            planeSums[rest] = corners(planeSums[rest], p00, p10, p01, p11, restZ, value);
                            planeWeights[rest] = corners(planeWeights[rest], p00, p10, p01, p11, restZ, 1);
                        } else {
                            planeSums[lower] = corners(planeSums[lower], p00, p10, p01, p11, gz0, value);
                            planeWeights[lower] = corners(planeWeights[lower], p00, p10, p01, p11, gz0, 1);
                            planeSums[upper] = corners(planeSums[upper], p00, p10, p01, p11, fz, value);
                            planeWeights[upper] = corners(planeWeights[upper], p00, p10, p01, p11, fz, 1);
                        }
                        r = region[(int) (x + 0.5) + gx * (int) (y + 0.5) + plane * (int) (z + 0.5)];
                        if (r != background) {
                            variance += (fx * (1 - fx) * h0 + fy * (1 - fy) * h1 + fz * (1 - fz) * h2) / 3;
                            varianceCount++;
                        }
                        split(p, r, x, y, z, value);
                        continue;
                    }
                    int other = -1;
                    double otherSum = 0;
                    double otherWeight = 0;
                    for (int c = 0; c < 8; c++) {
                        double xy =
                                switch (c & 3) {
                                    case 0 -> p00;
                                    case 1 -> p10;
                                    case 2 -> p01;
                                    default -> p11;
                                };
                        double w = xy * ((c & 4) == 0 ? gz0 : fz);
                        int rc = region[corner + cornerOffset[c]];
                        if (rc == open) {
                            openSum += w * value;
                            openWeight += w;
                        } else if (rc == other) {
                            otherSum += w * value;
                            otherWeight += w;
                        } else if (open < 0) {
                            open = rc;
                            openSum = planeSums[rc] + w * value;
                            openWeight = planeWeights[rc] + w;
                        } else if (other < 0) {
                            other = rc;
                            otherSum = planeSums[rc] + w * value;
                            otherWeight = planeWeights[rc] + w;
                        } else {
                            planeSums[rc] += w * value;
                            planeWeights[rc] += w;
                        }
                    }
                    if (other >= 0) {
                        planeSums[other] = otherSum;
                        planeWeights[other] = otherWeight;
                    }
                    r = region[(int) (x + 0.5) + gx * (int) (y + 0.5) + plane * (int) (z + 0.5)];
                }
                if (r != background) {
                    variance += (fx * (1 - fx) * h0 + fy * (1 - fy) * h1 + fz * (1 - fz) * h2) / 3;
                    varianceCount++;
                }
                split(p, r, x, y, z, value);
            }
            p.open = open;
            p.openSum = openSum;
            p.openWeight = openWeight;
            p.variance = variance;
            p.varianceCount = varianceCount;
        }

        /**
         * s plus a plane of four corners' weights p·pz times v, corner by corner (((s + p00·pz·v) + p10·pz·v) + …), the
         * additions the corners one at a time make; v = 1 adds the weights themselves (w·1 is w).
         */
        private static double corners(double s, double p00, double p10, double p01, double p11, double pz, double v) {
            return s + p00 * pz * v + p10 * pz * v + p01 * pz * v + p11 * pz * v;
        }

        /** Adds a voxel's value to its split's part, for a voxel whose nearest voxel is in region r (stage 2). */
        private void split(PlaneSums p, int r, double x, double y, double z, double value) {
            for (int sp = 0; sp < splitParent.length; sp++) {
                if (r == splitParent[sp]) {
                    int nearest = (int) (x + 0.5) + gx * (int) (y + 0.5) + plane * (int) (z + 0.5);
                    int part = splitC[sp].contains(nearest) ? 0 : 1;
                    p.splitSums[sp][part] += value;
                    p.splitCounts[sp][part]++;
                }
            }
        }
    }

    /**
     * One axis of the affine map from a moved scan's voxel (i, j, k) to the reference grid's continuous index:
     * c + i·di + j·dj + k·dk, in that order of operations, so that each step rounds monotonically in i.
     */
    private record Axis(double c, double di, double dj, double dk) {
        double at(int i, int j, int k) {
            return c + i * di + j * dj + k * dk;
        }
    }

    /**
     * One plane's share of {@link #observe}'s sums; the region whose sums are held apart while its voxels continue
     * ({@link #open}, −1 for none) until {@link #close}.
     */
    private static final class PlaneSums {
        final double[] sums;
        final double[] weights;
        final double[][] splitSums;
        final long[][] splitCounts;
        double variance;
        long varianceCount;
        long backgroundRunVoxels;
        int open = -1;
        double openSum;
        double openWeight;

        PlaneSums(int regions, int splits) {
            sums = new double[regions];
            weights = new double[regions];
            splitSums = new double[splits][2];
            splitCounts = new long[splits][2];
        }

        /** Adds n scan values from q to region r's sums, in order, each with a weight of 1. */
        void addRun(float[] img, int q, int n, int r) {
            if (open != r) {
                close();
                open = r;
                openSum = sums[r];
                openWeight = weights[r];
            }
            double sum = openSum;
            for (int end = q + n; q < end; q++) {
                sum += img[q];
            }
            openSum = sum;
            openWeight += n;
        }

        /** Stores the open region's sums. */
        void close() {
            if (open >= 0) {
                sums[open] = openSum;
                weights[open] = openWeight;
                open = -1;
            }
        }
    }

    /** The reference grid's continuous index of a scan voxel's centre. */
    private static double[] referenceIndex(
            Geometry own, RigidTransform toReference, Geometry reference, int i, int j, int k) {
        double[] world = new double[3];
        own.indexToWorld(i, j, k, world);
        double[] moved = new double[3];
        toReference.apply(world[0], world[1], world[2], moved);
        double[] out = new double[3];
        reference.worldToIndex(moved[0], moved[1], moved[2], out);
        return out;
    }

    private static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    /**
     * The transfer matrices both solutions need: one per PSF (the FWHM, and the FWHM plus its uncertainty for the
     * SD) and per moved scan's widened PSF ({@link Observed#fwhmMm}). Each exact matrix is a blur of every region's
     * box, most of the correction's work. Up to {@link #EXACT_MATRICES} PSFs all are made exactly; beyond that only
     * the camera's PSFs and, for each, its widest widened one are, side by side, and the others (each moved scan's
     * widening lies between its camera PSF's and the widest) are interpolated in the PSF's variance through them
     * ({@link GeometricTransferMatrix#interpolatedInVariance}). PartialVolumeCorrectionTest holds every
     * interpolated matrix to its exact one (each entry within 1e-4, each recovery coefficient within 0.1 %).
     */
    static Map<Double, GeometricTransferMatrix> matrices(
            GeometricTransferMatrix.RegionSet regions, List<Double> widenings, double fwhmMm, double fwhmSdMm) {
        List<Double> cameras = fwhmSdMm > 0 ? List.of(fwhmMm, fwhmMm + fwhmSdMm) : List.of(fwhmMm);
        java.util.SortedSet<Double> needed = new java.util.TreeSet<>();
        java.util.SortedSet<Double> exact = new java.util.TreeSet<>();
        for (double camera : cameras) {
            double widest = camera;
            for (double addedVarianceMm2 : widenings) {
                double f = widened(camera, addedVarianceMm2);
                needed.add(f);
                widest = Math.max(widest, f);
            }
            needed.add(camera);
            exact.add(camera);
            exact.add(widest);
        }
        if (needed.size() <= EXACT_MATRICES) {
            exact = needed;
        }
        java.util.SortedMap<Double, GeometricTransferMatrix> nodes = new java.util.concurrent.ConcurrentSkipListMap<>();
        exact.parallelStream().forEach(f -> nodes.put(f, new GeometricTransferMatrix(regions, f)));
        Map<Double, GeometricTransferMatrix> out = new java.util.HashMap<>(nodes);
        // nodes closer than a hundredth of their span in variance would make the interpolating polynomial swing
        // between them: each is still used exactly where it is needed, only one of them interpolates the rest
        double span = nodes.lastKey() * nodes.lastKey() - nodes.firstKey() * nodes.firstKey();
        java.util.SortedMap<Double, GeometricTransferMatrix> spread = new java.util.TreeMap<>();
        double last = Double.NEGATIVE_INFINITY;
        for (var e : nodes.entrySet()) {
            double variance = e.getKey() * e.getKey();
            if (variance - last >= 0.01 * span || e.getKey().equals(nodes.lastKey())) {
                if (variance - last < 0.01 * span) {
                    spread.remove(spread.lastKey());
                }
                spread.put(e.getKey(), e.getValue());
                last = variance;
            }
        }
        for (double f : needed) {
            out.computeIfAbsent(f, g -> GeometricTransferMatrix.interpolatedInVariance(g, spread));
        }
        return out;
    }

    /** Up to this many PSFs a cycle's matrices are all made exactly ({@link #matrices}). */
    static final int EXACT_MATRICES = 4;

    private static double widened(double psfFwhmMm, double addedVarianceMm2) {
        double sigma = psfFwhmMm / GaussianBlur.FWHM_PER_SIGMA;
        return GaussianBlur.FWHM_PER_SIGMA * Math.sqrt(sigma * sigma + addedVarianceMm2);
    }

    private static Solution solve(
            Regions regions,
            List<Mask> vois,
            List<Split> splits,
            List<Observed> observed,
            double fwhmMm,
            Map<Double, GeometricTransferMatrix> matrices) {
        List<Mask> masks = regions.masks();
        GeometricTransferMatrix gtm = matrices.get(fwhmMm);
        int nv = vois.size();
        int nr = masks.size();
        Geometry grid = masks.get(0).geometry();
        double voxelMl = grid.voxelVolume().inMl();
        String[] nestedIn = new String[nv];
        List<SplitRows> rows = new ArrayList<>();
        for (Split sp : splits) {
            // against the regions (by their labels), then C and R
            List<Mask> parts = List.of(sp.c(), sp.r());
            rows.add(new SplitRows(
                    GeometricTransferMatrix.row(sp.c(), regions.transfer(), parts, fwhmMm),
                    GeometricTransferMatrix.row(sp.r(), regions.transfer(), parts, fwhmMm)));
            nestedIn[sp.voi()] = masks.get(sp.parent()).name();
        }
        int n = observed.size();
        double[][] corrected = new double[nv][n];
        for (int t = 0; t < n; t++) {
            Observed o = observed.get(t);
            double[] truth = matrices.get(o.fwhmMm(fwhmMm)).correct(o.regionMeans());
            for (int k = 0; k < nv; k++) {
                double s = 0;
                for (int r = 0; r < nr; r++) {
                    s += truth[r] * regions.overlap()[k][r];
                }
                corrected[k][t] = s * voxelMl / 1e6;
            }
            for (int i = 0; i < splits.size(); i++) {
                Split sp = splits.get(i);
                double a = splitConcentration(sp, rows.get(i), truth, o.splitC()[i], o.splitR()[i], nr);
                // the VOI's voxels in its parent at a instead of the parent's mean
                long inParent = regions.overlap()[sp.voi()][sp.parent()];
                corrected[sp.voi()][t] += (a - truth[sp.parent()]) * inParent * voxelMl / 1e6;
            }
        }
        return new Solution(gtm, corrected, nestedIn);
    }

    /**
     * The concentration a of C (stage 2): least squares over C's and R's observed means, the other regions at
     * their stage-1 concentrations, b = (T − a|C|)/|R| with T the parent's stage-1 content, a and b ≥ 0.
     */
    static double splitConcentration(
            Split sp, SplitRows rows, double[] truth, double observedC, double observedR, int nr) {
        double nc = sp.c().voxelCount();
        double nrest = sp.r().voxelCount();
        double total = truth[sp.parent()] * (nc + nrest);
        double[] row0 = rows.rowC();
        double[] row1 = rows.rowR();
        double kC = 0;
        double kR = 0;
        for (int j = 0; j < nr; j++) {
            if (j != sp.parent()) {
                kC += row0[j] * truth[j];
                kR += row1[j] * truth[j];
            }
        }
        // e(a) = α·a + β for each of the two means
        double alphaC = row0[nr] - row0[nr + 1] * nc / nrest;
        double betaC = row0[nr + 1] * total / nrest + kC - observedC;
        double alphaR = row1[nr] - row1[nr + 1] * nc / nrest;
        double betaR = row1[nr + 1] * total / nrest + kR - observedR;
        double denominator = alphaC * alphaC + alphaR * alphaR;
        double a = denominator > 0 ? -(alphaC * betaC + alphaR * betaR) / denominator : truth[sp.parent()];
        return Math.max(0, Math.min(total / nc, a));
    }

    private static int dominantRegion(Regions regions, int k, Mask voi) {
        long[] counts = regions.overlap()[k];
        int best = -1;
        for (int r = 0; r < counts.length; r++) {
            if (best < 0 || counts[r] > counts[best]) {
                best = r;
            }
        }
        return best >= 0 && counts[best] >= NESTED_SHARE * voi.voxelCount() ? best : -1;
    }

    private static double sum(Mask m, float[] img) {
        double sum = 0;
        for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
            sum += img[v];
        }
        return sum;
    }
}

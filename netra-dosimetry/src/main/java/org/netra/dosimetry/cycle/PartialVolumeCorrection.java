package org.netra.dosimetry.cycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.dosimetry.radiobiology.Bed;
import org.netra.dosimetry.recovery.GeometricTransferMatrix;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;
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

    /**
     * With the default regions and a PSF uncertainty of 1 mm.
     *
     * @param result of {@link CycleDosimetry#run} on {@code timePoints} and {@code vois}
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
        requireFwhm(fwhmMm);
        if (!(fwhmSdMm >= 0) || fwhmSdMm >= fwhmMm) {
            throw new CycleInputException(
                    "the PSF FWHM's uncertainty must be ≥ 0 mm and below the FWHM, not " + fwhmSdMm);
        }
        if (vois.size() != result.vois().size()) {
            throw new CycleInputException("give the same VOIs as the dosimetry ran on");
        }
        List<String> names = vois.stream().map(Mask::name).toList();
        for (String name : regionNames) {
            if (!names.contains(name)) {
                throw new CycleInputException("GTM region '" + name + "' is not one of the VOIs " + names);
            }
        }
        List<TimePointImage> tps = new ArrayList<>(timePoints);
        tps.sort(Comparator.comparing(TimePointImage::acquisition));
        Regions regions = Regions.of(vois, regionNames);
        Solution at = solve(regions, vois, tps, fwhmMm);
        double[][] shifted =
                fwhmSdMm > 0 ? solve(regions, vois, tps, fwhmMm + fwhmSdMm).correctedMbq() : at.correctedMbq();
        double[] hours = result.hoursAfterInjection();
        int n = tps.size();
        double[] weights =
                Kinetics.trapezoidWeights(hours, result.settings().kinetics().physicalRatePerHour());
        List<CycleResult.Voi> out = new ArrayList<>();
        List<VoiRecovery> rec = new ArrayList<>();
        for (int k = 0; k < vois.size(); k++) {
            CycleResult.Voi v = result.vois().get(k);
            double[] observed =
                    v.activity().stream().mapToDouble(Activity::inMBq).toArray();
            double[] factor = new double[n];
            List<Activity> corrected = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                factor[t] = at.correctedMbq()[k][t] / observed[t];
                // the GTM's concentrations are ≥ 0; the clamp only removes rounding below zero
                corrected.add(Activity.ofMBq(Math.max(0, at.correctedMbq()[k][t])));
            }
            double s = tiaFactor(weights, observed, at.correctedMbq()[k]);
            double sShifted = tiaFactor(weights, observed, shifted[k]);
            TimeIntegratedActivity before = v.tia().timeIntegratedActivity();
            TiaResult tia = scaled(v.tia(), s);
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
                hours,
                out,
                result.tiaMap(),
                result.doseMap(),
                result.voxelFits());
        return new Corrected(corrected, fwhmMm, fwhmSdMm, rec);
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
     * The disjoint regions: {@code label[v]} the VOI index owning voxel v (nv for the background), the region
     * masks, each VOI's region index (−1 if not a region) and each label's region index.
     */
    private record Regions(int[] label, List<Mask> masks, int[] regionOf, long[][] overlap) {
        static Regions of(List<Mask> vois, List<String> regionNames) {
            Geometry grid = vois.get(0).geometry();
            int nv = vois.size();
            Integer[] bySize = new Integer[nv];
            for (int k = 0; k < nv; k++) {
                bySize[k] = k;
            }
            Arrays.sort(bySize, Comparator.comparingInt(k -> -vois.get(k).voxelCount()));
            int[] label = new int[grid.voxelCount()];
            Arrays.fill(label, nv);
            for (int k : bySize) {
                if (!regionNames.contains(vois.get(k).name())) {
                    continue;
                }
                Mask m = vois.get(k);
                for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                    label[v] = k;
                }
            }
            List<Mask> masks = new ArrayList<>();
            int[] regionOf = new int[nv + 1];
            Arrays.fill(regionOf, -1);
            boolean[][] in = new boolean[nv + 1][];
            for (int v = 0; v < label.length; v++) {
                int k = label[v];
                if (in[k] == null) {
                    in[k] = new boolean[label.length];
                }
                in[k][v] = true;
            }
            for (int k = 0; k <= nv; k++) {
                if (in[k] != null) {
                    regionOf[k] = masks.size();
                    masks.add(Mask.of(k < nv ? vois.get(k).name() : "background", grid, in[k]));
                }
            }
            long[][] overlap = new long[nv][masks.size()];
            for (int k = 0; k < nv; k++) {
                Mask m = vois.get(k);
                for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                    overlap[k][regionOf[label[v]]]++;
                }
            }
            return new Regions(label, masks, regionOf, overlap);
        }
    }

    /** Corrected activities (MBq) per VOI and time point; the nested VOIs' parent region names. */
    private record Solution(GeometricTransferMatrix gtm, double[][] correctedMbq, String[] nestedIn) {}

    /** A nested VOI's part C inside its parent region P and the rest R of P, with their transfer rows. */
    private record Split(int voi, int parent, Mask c, Mask r, double[] rowC, double[] rowR) {}

    private static Solution solve(Regions regions, List<Mask> vois, List<TimePointImage> tps, double fwhmMm) {
        List<Mask> masks = regions.masks();
        GeometricTransferMatrix gtm = new GeometricTransferMatrix(masks, fwhmMm);
        int nv = vois.size();
        int nr = masks.size();
        Geometry grid = masks.get(0).geometry();
        double voxelMl = grid.voxelVolume().inMl();
        String[] nestedIn = new String[nv];
        List<Split> splits = new ArrayList<>();
        for (int k = 0; k < nv; k++) {
            if (regions.regionOf()[k] >= 0) {
                continue;
            }
            int parent = dominantRegion(regions, k, vois.get(k));
            if (parent < 0 || masks.get(parent).name().equals("background")) {
                continue;
            }
            boolean[] inC = new boolean[grid.voxelCount()];
            boolean[] inR = new boolean[grid.voxelCount()];
            Mask p = masks.get(parent);
            Mask voi = vois.get(k);
            boolean anyR = false;
            for (int v = p.next(0); v >= 0; v = p.next(v + 1)) {
                if (voi.contains(v)) {
                    inC[v] = true;
                } else {
                    inR[v] = true;
                    anyR = true;
                }
            }
            if (!anyR) {
                continue;
            }
            Mask c = Mask.of(voi.name() + " in " + p.name(), grid, inC);
            Mask r = Mask.of(p.name() + " without " + voi.name(), grid, inR);
            List<Mask> columns = new ArrayList<>(masks);
            columns.add(c);
            columns.add(r);
            splits.add(new Split(
                    k,
                    parent,
                    c,
                    r,
                    GeometricTransferMatrix.row(c, columns, fwhmMm),
                    GeometricTransferMatrix.row(r, columns, fwhmMm)));
            nestedIn[k] = p.name();
        }
        int n = tps.size();
        double[][] corrected = new double[nv][n];
        for (int t = 0; t < n; t++) {
            float[] img = tps.get(t).activity().voxels();
            double[] means = new double[nr];
            for (int r = 0; r < nr; r++) {
                means[r] = mean(masks.get(r), img);
            }
            double[] truth = gtm.correct(means);
            for (int k = 0; k < nv; k++) {
                double s = 0;
                for (int r = 0; r < nr; r++) {
                    s += truth[r] * regions.overlap()[k][r];
                }
                corrected[k][t] = s * voxelMl / 1e6;
            }
            for (Split sp : splits) {
                double a = splitConcentration(sp, truth, mean(sp.c(), img), mean(sp.r(), img), nr);
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
    static double splitConcentration(Split sp, double[] truth, double observedC, double observedR, int nr) {
        double nc = sp.c().voxelCount();
        double nrest = sp.r().voxelCount();
        double total = truth[sp.parent()] * (nc + nrest);
        double[] row0 = sp.rowC();
        double[] row1 = sp.rowR();
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

    private static double mean(Mask m, float[] img) {
        double sum = 0;
        for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
            sum += img[v];
        }
        return sum / m.voxelCount();
    }
}

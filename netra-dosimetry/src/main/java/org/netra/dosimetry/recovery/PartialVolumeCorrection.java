package org.netra.dosimetry.recovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.cycle.TimePointImage;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.dosimetry.kinetics.TimeActivityData;
import org.netra.dosimetry.kinetics.TimePoint;
import org.netra.dosimetry.radiobiology.Bed;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/**
 * GTM partial-volume correction of a cycle's VOI figures. The VOIs chosen as GTM regions (all by default) are
 * made disjoint (a voxel belongs to the smallest of them that holds it, so a tumour inside the liver leaves the liver, and "Body" becomes the rest of the
 * body) plus a background region of the voxels in no VOI; the GTM of these regions gives, at each time point,
 * their true mean concentrations, and a VOI's corrected activity is the sum over the regions it covers (so a
 * VOI left out of the regions, such as a kidney cortex inside its kidney, takes the concentration of the
 * regions it lies in: thin nested regions make the matrix ill-conditioned on a coarse grid). The
 * region-level TIA is refitted on the corrected activities and the dose (its SD and DVH figures) scaled by
 * corrected over uncorrected TIA, as the uniform-region assumption of the GTM implies.
 */
public final class PartialVolumeCorrection {
    /** A corrected activity below this (MBq) is kept at it: a fit needs positive points. */
    private static final double FLOOR_MBQ = 1e-9;

    private PartialVolumeCorrection() {}

    /**
     * One VOI's correction.
     *
     * @param recoveryCoefficient the share of its own (disjoint part's) activity the VOI's mean keeps under the PSF,
     *     empty for a VOI that is not a GTM region
     * @param activityFactor corrected over observed activity at each time point
     * @param tiaFactor corrected over uncorrected region TIA: what the dose was multiplied by
     * @param uncorrectedDoseGy the dose before correction
     */
    public record VoiRecovery(
            String name,
            java.util.OptionalDouble recoveryCoefficient,
            double[] activityFactor,
            double tiaFactor,
            double uncorrectedTiaMBqH,
            double uncorrectedDoseGy) {}

    public record Corrected(CycleResult result, double fwhmMm, List<VoiRecovery> vois) {}

    /**
     * @param result of {@link org.netra.dosimetry.cycle.CycleDosimetry#run} on {@code timePoints} and {@code vois}
     * @param fwhmMm the camera's measured spatial resolution (FWHM, mm) for this nuclide and reconstruction
     */
    public static Corrected gtm(CycleResult result, List<TimePointImage> timePoints, List<Mask> vois, double fwhmMm) {
        return gtm(result, timePoints, vois, vois.stream().map(Mask::name).toList(), fwhmMm);
    }

    /** @param regionNames the VOIs (by name) that form the GTM's regions; the rest of the image is the background */
    public static Corrected gtm(
            CycleResult result,
            List<TimePointImage> timePoints,
            List<Mask> vois,
            List<String> regionNames,
            double fwhmMm) {
        if (!(fwhmMm > 0) || Double.isInfinite(fwhmMm)) {
            throw new CycleInputException("the PSF FWHM must be a measured resolution in mm > 0, not " + fwhmMm
                    + "; measure it for the camera, collimator and reconstruction (e.g. a line or sphere source)");
        }
        if (vois.size() != result.vois().size()) {
            throw new CycleInputException("give the same VOIs as the dosimetry ran on");
        }
        List<TimePointImage> tps = new ArrayList<>(timePoints);
        tps.sort(Comparator.comparing(TimePointImage::acquisition));
        Geometry grid = vois.get(0).geometry();
        int nv = vois.size();
        List<String> names = vois.stream().map(Mask::name).toList();
        for (String name : regionNames) {
            if (!names.contains(name)) {
                throw new CycleInputException("GTM region '" + name + "' is not one of the VOIs " + names);
            }
        }
        // disjoint regions: each voxel to its smallest VOI, the rest to the background (label nv)
        Integer[] bySize = new Integer[nv];
        for (int k = 0; k < nv; k++) {
            bySize[k] = k;
        }
        java.util.Arrays.sort(bySize, Comparator.comparingInt(k -> -vois.get(k).voxelCount()));
        int[] label = new int[grid.voxelCount()];
        java.util.Arrays.fill(label, nv);
        for (int k : bySize) {
            if (!regionNames.contains(names.get(k))) {
                continue;
            }
            Mask m = vois.get(k);
            for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                label[v] = k;
            }
        }
        List<Mask> regions = new ArrayList<>();
        int[] regionOf = new int[nv + 1];
        java.util.Arrays.fill(regionOf, -1);
        for (int k = 0; k <= nv; k++) {
            boolean[] in = new boolean[label.length];
            boolean any = false;
            for (int v = 0; v < label.length; v++) {
                if (label[v] == k) {
                    in[v] = true;
                    any = true;
                }
            }
            if (any) {
                regionOf[k] = regions.size();
                regions.add(Mask.of(k < nv ? vois.get(k).name() : "background", grid, in));
            }
        }
        GeometricTransferMatrix gtm = new GeometricTransferMatrix(regions, fwhmMm);
        int nr = regions.size();
        // voxels of each region inside each VOI
        long[][] overlap = new long[nv][nr];
        for (int k = 0; k < nv; k++) {
            Mask m = vois.get(k);
            for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                overlap[k][regionOf[label[v]]]++;
            }
        }
        double voxelMl = grid.voxelVolume().inMl();
        int n = tps.size();
        double[][] correctedMbq = new double[nv][n];
        for (int t = 0; t < n; t++) {
            float[] c = tps.get(t).activity().voxels();
            double[] means = new double[nr];
            for (int r = 0; r < nr; r++) {
                Mask m = regions.get(r);
                double sum = 0;
                for (int v = m.next(0); v >= 0; v = m.next(v + 1)) {
                    sum += c[v];
                }
                means[r] = sum / m.voxelCount();
            }
            double[] truth = gtm.correct(means);
            for (int k = 0; k < nv; k++) {
                double s = 0;
                for (int r = 0; r < nr; r++) {
                    s += truth[r] * overlap[k][r];
                }
                correctedMbq[k][t] = s * voxelMl / 1e6;
            }
        }
        double[] hours = result.hoursAfterInjection();
        List<CycleResult.Voi> out = new ArrayList<>();
        List<VoiRecovery> rec = new ArrayList<>();
        for (int k = 0; k < nv; k++) {
            CycleResult.Voi v = result.vois().get(k);
            double[] factor = new double[n];
            List<TimePoint> points = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                factor[t] = correctedMbq[k][t] / v.activityMBq()[t];
                points.add(
                        TimePoint.of(Times.ofHours(hours[t]), Activity.ofMBq(Math.max(FLOOR_MBQ, correctedMbq[k][t]))));
            }
            TiaResult tia = Kinetics.integrate(
                    new TimeActivityData(points), result.settings().kinetics());
            double before = v.tia().timeIntegratedActivity().inMBqHours();
            double s = tia.timeIntegratedActivity().inMBqHours() / before;
            AbsorbedDose dose = AbsorbedDose.ofGy(v.doseGy() * s);
            double bed = Bed.forResult(dose, tia, result.settings().bedTissue()).inGy();
            Optional<CycleResult.Dvh> dvh = v.dvh()
                    .map(d -> new CycleResult.Dvh(
                            d.meanGy() * s, d.maxGy() * s, d.d2Gy() * s, d.d50Gy() * s, d.d98Gy() * s));
            out.add(new CycleResult.Voi(
                    v.name(),
                    v.voxelCount(),
                    v.volumeMl(),
                    v.massG(),
                    correctedMbq[k],
                    tia,
                    v.voxelTiaMBqH(),
                    dose.inGy(),
                    v.doseSdGy() * s,
                    bed,
                    dvh,
                    v.doseHow()
                            + String.format(
                                    Locale.ROOT,
                                    "; × %.4f for partial volume (GTM, PSF FWHM %.3g mm: region TIA %.4g → %.4g MBq·h)",
                                    s,
                                    fwhmMm,
                                    before,
                                    tia.timeIntegratedActivity().inMBqHours())));
            rec.add(new VoiRecovery(
                    v.name(),
                    k < nv && regionOf[k] >= 0
                            ? java.util.OptionalDouble.of(gtm.recovery(regionOf[k]))
                            : java.util.OptionalDouble.empty(),
                    factor,
                    s,
                    before,
                    v.doseGy()));
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
        return new Corrected(corrected, fwhmMm, rec);
    }
}

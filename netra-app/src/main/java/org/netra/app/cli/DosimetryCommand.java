package org.netra.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netra.dosimetry.cycle.Alignment;
import org.netra.dosimetry.cycle.CycleDosimetry;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.cycle.CycleSettings;
import org.netra.dosimetry.cycle.DoseMethod;
import org.netra.dosimetry.cycle.MissingCtException;
import org.netra.dosimetry.cycle.TimePointImage;
import org.netra.dosimetry.organ.Phantom;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.dosimetry.recovery.PartialVolumeCorrection;
import org.netra.dosimetry.uncertainty.UncertaintyBudget;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.io.Nifti;
import org.netra.imaging.quant.AcquisitionFacts;
import org.netra.imaging.quant.QuantitativeImage;
import org.netra.imaging.quant.Radiopharmaceutical;
import org.netra.imaging.quant.RealWorldValues;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.Volume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.material.CtDensity;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Times;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra dosimetry --timepoint DIR --timepoint DIR … (--rtstruct FILE | --labels FILE)}: one cycle's
 * absorbed doses per VOI from quantitative SPECT (or PET) time points.
 */
@Command(
        name = "dosimetry",
        mixinStandardHelpOptions = true,
        description = "One therapy cycle's dosimetry: time points registered to the first, per-VOI time–activity"
                + " fit and time-integrated activity, voxel-wise TIA, absorbed dose by voxel kernel, local deposition"
                + " or organ S-values, ± 1 SD (EANM), BED and DVH figures; the dose map as NIfTI.")
final class DosimetryCommand implements Callable<Integer> {
    @Option(
            names = "--timepoint",
            required = true,
            paramLabel = "DIR",
            description = "a quantitative scan (Bq/mL) of the cycle; repeat for each time point")
    List<Path> timepoints;

    @Option(
            names = "--ct",
            paramLabel = "DIR",
            description = "CT on the first scan's frame: density by Schneider (with --registration ct, default the"
                    + " first scan's own CT)")
    Path ct;

    @Option(
            names = "--timepoint-ct",
            paramLabel = "DIR",
            description = "the CT taken with each --timepoint (SPECT/CT), in the same order; for --registration ct")
    List<Path> timepointCts;

    static final class Vois {
        @Option(names = "--rtstruct", paramLabel = "FILE", description = "an RT Structure Set on the first scan")
        Path rtstruct;

        @Option(names = "--labels", paramLabel = "FILE", description = "a NIfTI label map (.nii, .nii.gz)")
        Path labels;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Vois vois;

    @Option(
            names = "--method",
            defaultValue = "voxel-kernel",
            paramLabel = "METHOD",
            description = "voxel-kernel (default), local-deposition or organ-s")
    String method;

    @Option(
            names = "--registration",
            defaultValue = "rigid",
            paramLabel = "MODE",
            description = "rigid (default: NMI registration of each scan onto the first), ct (each scan's own CT"
                    + " registered onto the first scan's CT, the transform applied to the scan; needs --timepoint-ct)"
                    + " or none")
    String registration;

    @Option(names = "--phantom", defaultValue = "am", paramLabel = "am|af", description = "organ-s phantom")
    String phantom;

    @Option(
            names = "--alpha-beta",
            defaultValue = "2.6",
            paramLabel = "GY",
            description = "α/β for BED (default kidney, 2.6 Gy)")
    double alphaBeta;

    @Option(
            names = "--repair-half-time",
            defaultValue = "2.8",
            paramLabel = "H",
            description = "repair half-time for BED in hours (default kidney, 2.8 h)")
    double repairHours;

    @Option(
            names = "--u-calibration",
            defaultValue = "0.05",
            paramLabel = "FRACTION",
            description = "relative SD of the calibration (default 0.05)")
    double uCalibration;

    @Option(
            names = "--u-voi-activity",
            defaultValue = "0.10",
            paramLabel = "FRACTION",
            description = "relative SD of the VOI activity (default 0.10)")
    double uVoiActivity;

    @Option(
            names = "--u-voi-mass",
            defaultValue = "0.10",
            paramLabel = "FRACTION",
            description = "relative SD of the VOI mass (default 0.10)")
    double uVoiMass;

    @Option(
            names = "--recovery",
            defaultValue = "none",
            paramLabel = "none|gtm",
            description = "partial-volume correction of the VOI activities: none (default) or gtm (geometric"
                    + " transfer matrix, Rousset 1998; needs --psf-fwhm-mm)")
    String recovery;

    @Option(
            names = "--psf-fwhm-mm",
            paramLabel = "MM",
            description = "the camera's measured spatial resolution (FWHM, mm) for --recovery gtm")
    Double psfFwhmMm;

    @Option(
            names = "--gtm-regions",
            split = ",",
            paramLabel = "NAME",
            description = "the VOIs that form the GTM's regions (default all); leave out thin VOIs nested in"
                    + " another, such as a kidney cortex: they take the concentration of the regions they lie in")
    List<String> gtmRegions;

    @Option(names = "--dose-out", paramLabel = "FILE.nii", description = "write the dose map (Gy) as NIfTI")
    Path doseOut;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record TimePointOut(String source, String acquisition, double hoursAfterInjection, String realWorldValues) {}

    record RegistrationOut(
            String source,
            double[] rotationDeg,
            double[] translationMm,
            double nmi,
            double initialNmi,
            double ncc,
            double overlap) {}

    record DvhOut(double meanGy, double maxGy, double d2Gy, double d50Gy, double d98Gy) {}

    record RoiOut(
            String name,
            int voxelCount,
            double volumeMl,
            double massG,
            double[] activityMBq,
            String fitModel,
            String fitRule,
            String fitWhy,
            double effectiveHalfLifeH,
            double timeIntegratedActivityMBqH,
            Double timeIntegratedActivitySdMBqH,
            Double voxelTimeIntegratedActivityMBqH,
            double absorbedDoseGy,
            double absorbedDoseSdGy,
            double bedGy,
            DvhOut dvh,
            String doseHow,
            RecoveryOut recovery) {}

    /** The GTM correction of one ROI: its recovery coefficient and what its figures were multiplied by. */
    record RecoveryOut(
            Double recoveryCoefficient,
            double[] activityFactor,
            double tiaFactor,
            double uncorrectedTimeIntegratedActivityMBqH,
            double uncorrectedAbsorbedDoseGy) {}

    record BudgetOut(double calibration, double voiActivity, double voiMass) {}

    record VoxelFitsOut(long fitted, long fallBack, long singlePoint, long zero) {}

    record Report(
            String patientId,
            String nuclide,
            String injection,
            double injectedMBq,
            String method,
            String registration,
            String recovery,
            List<TimePointOut> timePoints,
            List<RegistrationOut> registrations,
            String bedTissue,
            BudgetOut uncertaintyBudget,
            VoxelFitsOut voxelFits,
            List<RoiOut> rois,
            String doseOut) {}

    private record Scan(TimePointImage image, Radiopharmaceutical pharm, String patientId, String how) {}

    @Override
    public Integer call() throws IOException {
        DoseMethod doseMethod = doseMethod();
        boolean gtm =
                switch (recovery.toLowerCase(Locale.ROOT)) {
                    case "none" -> false;
                    case "gtm" -> true;
                    default ->
                        throw new IllegalArgumentException("--recovery must be none or gtm, got '" + recovery + "'");
                };
        if (gtm && psfFwhmMm == null) {
            throw new IllegalArgumentException("--recovery gtm needs --psf-fwhm-mm: the camera's spatial resolution"
                    + " (FWHM, mm) measured for this nuclide, collimator and reconstruction");
        }
        if (!gtm && (psfFwhmMm != null || gtmRegions != null)) {
            throw new IllegalArgumentException("--psf-fwhm-mm and --gtm-regions are only used with --recovery gtm");
        }
        Alignment.Mode mode =
                switch (registration.toLowerCase(Locale.ROOT)) {
                    case "rigid" -> Alignment.Mode.RIGID;
                    case "none" -> Alignment.Mode.NONE;
                    case "ct" -> Alignment.Mode.CT;
                    default ->
                        throw new IllegalArgumentException(
                                "--registration must be rigid, ct or none, got '" + registration + "'");
                };
        if (mode != Alignment.Mode.CT && timepointCts != null) {
            throw new IllegalArgumentException("--timepoint-ct is only used with --registration ct");
        }
        if (doseOut != null && doseMethod instanceof DoseMethod.OrganS) {
            throw new IllegalArgumentException("--dose-out needs a voxel method (voxel-kernel or local-deposition);"
                    + " organ-s gives one dose per VOI and no map");
        }
        List<Scan> scans = new ArrayList<>();
        for (Path p : timepoints) {
            scans.add(read(p));
        }
        Scan first = scans.get(0);
        for (Scan s : scans.subList(1, scans.size())) {
            sameCycle(first, s);
        }
        Nuclide nuclide = nuclide(first);
        List<TimePointImage> images = scans.stream().map(Scan::image).toList();
        var aligned =
                mode == Alignment.Mode.CT ? Alignment.alignByCt(images, timePointCts()) : Alignment.align(images, mode);
        TimePointImage reference = aligned.timePoints().get(0);
        Geometry grid = reference.activity().geometry();
        List<Mask> masks = VoiFiles.read(vois.rtstruct, vois.labels, grid, reference.source());
        Path densityCt = ct;
        if (densityCt == null && mode == Alignment.Mode.CT) {
            // the reference scan's own CT is on its frame
            densityCt = timepointCts.get(images.indexOf(reference));
        }
        Optional<Volume> density = density(densityCt, grid);
        TissueParameters tissue = new TissueParameters(
                "BED tissue",
                AbsorbedDose.ofGy(alphaBeta),
                Times.ofHours(repairHours),
                alphaBeta == 2.6 && repairHours == 2.8
                        ? TissueParameters.KIDNEY.source()
                        : "α/β and repair half-time as given");
        UncertaintyBudget budget = new UncertaintyBudget(uCalibration, uVoiActivity, uVoiMass, 0);
        CycleSettings settings =
                CycleSettings.of(nuclide).withUncertainty(budget).withBedTissue(tissue);
        LocalDateTime injection = first.pharm().injection();
        CycleResult r =
                CycleDosimetry.run(nuclide, injection, aligned.timePoints(), masks, density, doseMethod, settings);
        Optional<PartialVolumeCorrection.Corrected> corrected = gtm
                ? Optional.of(PartialVolumeCorrection.gtm(
                        r,
                        aligned.timePoints(),
                        masks,
                        gtmRegions == null ? masks.stream().map(Mask::name).toList() : gtmRegions,
                        psfFwhmMm))
                : Optional.empty();
        if (doseOut != null) {
            // the voxel map as computed: the GTM corrects region means, not voxels
            Nifti.write(doseOut, r.doseMap().orElseThrow());
        }
        print(report(first, nuclide, mode, scans, aligned, r, corrected, tissue, budget));
        return 0;
    }

    private DoseMethod doseMethod() {
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "voxel-kernel" -> new DoseMethod.VoxelKernel(KernelMedium.SOFT_TISSUE);
            case "local-deposition" -> new DoseMethod.LocalDeposition();
            case "organ-s" ->
                new DoseMethod.OrganS(
                        switch (phantom.toLowerCase(Locale.ROOT)) {
                            case "am" -> Phantom.ADULT_MALE;
                            case "af" -> Phantom.ADULT_FEMALE;
                            default ->
                                throw new IllegalArgumentException("--phantom must be am or af, got '" + phantom + "'");
                        });
            default ->
                throw new IllegalArgumentException(
                        "--method must be voxel-kernel, local-deposition or organ-s, got '" + method + "'");
        };
    }

    private static Scan read(Path path) throws IOException {
        AssembledSeries s = SeriesAssembler.assemble(path, Optional.empty());
        AcquisitionFacts facts = AcquisitionFacts.of(s);
        Radiopharmaceutical pharm = facts.radiopharmaceutical()
                .orElseThrow(() -> new CycleInputException("time point " + path + " has no usable injection: "
                        + facts.radiopharmaceuticalProblem().orElse("the radiopharmaceutical is missing")
                        + "; dosimetry needs the injection date-time (0018,1078) and the activity (0018,1074)"));
        QuantitativeImage q = RealWorldValues.bqPerMlAtScanStart(s);
        TimePointImage tp = new TimePointImage(path.toString(), q.image(), q.referenceTime());
        return new Scan(tp, pharm, s.header().string(Tag.PATIENT_ID).orElse(""), q.how());
    }

    /** The time points must be one patient's, one nuclide's, one injection's. */
    private static void sameCycle(Scan a, Scan b) {
        String sa = a.image().source(), sb = b.image().source();
        if (!a.patientId().equals(b.patientId())) {
            throw new CycleInputException("time points " + sa + " (patient ID '" + a.patientId() + "') and " + sb
                    + " (patient ID '" + b.patientId() + "') are of different patients; give one patient's scans");
        }
        String na = a.pharm().nuclide().orElse("?"), nb = b.pharm().nuclide().orElse("?");
        if (!na.equals(nb)) {
            throw new CycleInputException("time points " + sa + " (" + na + ") and " + sb + " (" + nb
                    + ") are of different nuclides; a cycle's scans share one radiopharmaceutical");
        }
        if (!a.pharm().injection().equals(b.pharm().injection())) {
            throw new CycleInputException("time points " + sa + " (injected "
                    + a.pharm().injection() + ") and " + sb
                    + " (injected " + b.pharm().injection() + ") belong to different injections; dose each cycle"
                    + " on its own, or correct the injection date-time (0018,1078)");
        }
    }

    private static Nuclide nuclide(Scan s) {
        String name = s.pharm()
                .nuclide()
                .orElseThrow(
                        () -> new CycleInputException("time point " + s.image().source()
                                + " does not name its radionuclide (Radionuclide Code Sequence (0054,0300));"
                                + " dosimetry needs it for the decay data and kernels"));
        return NuclideCatalog.icrp107().get(name);
    }

    /** The CT of each time point, in --timepoint order; every time point must have one. */
    private List<Volume> timePointCts() throws IOException {
        List<Path> given = timepointCts == null ? List.of() : timepointCts;
        if (given.size() < timepoints.size()) {
            throw new MissingCtException("time point " + timepoints.get(given.size()) + " has no CT: --registration ct"
                    + " needs one --timepoint-ct per --timepoint, in the same order (the CT taken with that scan)");
        }
        if (given.size() > timepoints.size()) {
            throw new MissingCtException("--timepoint-ct " + given.get(timepoints.size()) + " has no --timepoint:"
                    + " give one CT per time point, in the same order");
        }
        List<Volume> out = new ArrayList<>();
        for (Path p : given) {
            out.add(SeriesAssembler.assemble(p, Optional.empty())
                    .volume()
                    .requireUnit(VoxelUnit.HU, "--timepoint-ct " + p));
        }
        return out;
    }

    private static Optional<Volume> density(Path ct, Geometry grid) throws IOException {
        if (ct == null) {
            return Optional.empty();
        }
        Volume hu = SeriesAssembler.assemble(ct, Optional.empty()).volume().requireUnit(VoxelUnit.HU, "--ct " + ct);
        // outside the CT's field of view: water
        Volume onGrid = Resampling.trilinear(hu, grid, RigidTransform.identity(), 0f);
        float[] rho = CtDensity.schneider2000().gramsPerMl(onGrid.voxels());
        return Optional.of(Volume.wrap(grid, VoxelUnit.G_PER_ML, rho));
    }

    private Report report(
            Scan first,
            Nuclide nuclide,
            Alignment.Mode mode,
            List<Scan> scans,
            Alignment.Aligned aligned,
            CycleResult uncorrected,
            Optional<PartialVolumeCorrection.Corrected> corrected,
            TissueParameters tissue,
            UncertaintyBudget budget) {
        CycleResult r = corrected.map(PartialVolumeCorrection.Corrected::result).orElse(uncorrected);
        List<TimePointOut> tps = new ArrayList<>();
        for (int i = 0; i < r.sources().size(); i++) {
            String src = r.sources().get(i);
            Scan s = scans.stream()
                    .filter(x -> x.image().source().equals(src))
                    .findFirst()
                    .orElseThrow();
            tps.add(new TimePointOut(src, s.image().acquisition().toString(), r.hoursAfterInjection()[i], s.how()));
        }
        List<RegistrationOut> regs = new ArrayList<>();
        for (int i = 0; i < aligned.timePoints().size(); i++) {
            String src = aligned.timePoints().get(i).source();
            aligned.registrations().get(i).ifPresent(g -> {
                double[] p = g.parameters();
                regs.add(new RegistrationOut(
                        src,
                        new double[] {Math.toDegrees(p[0]), Math.toDegrees(p[1]), Math.toDegrees(p[2])},
                        new double[] {p[3], p[4], p[5]},
                        g.nmi(),
                        g.initialNmi(),
                        g.ncc(),
                        g.overlap()));
            });
        }
        List<RoiOut> rois = new ArrayList<>();
        for (int k = 0; k < r.vois().size(); k++) {
            CycleResult.Voi v = r.vois().get(k);
            int idx = k;
            RecoveryOut rec = corrected
                    .map(c -> c.vois().get(idx))
                    .map(x -> new RecoveryOut(
                            x.recoveryCoefficient().isPresent()
                                    ? x.recoveryCoefficient().getAsDouble()
                                    : null,
                            x.activityFactor(),
                            x.tiaFactor(),
                            x.uncorrectedTiaMBqH(),
                            x.uncorrectedDoseGy()))
                    .orElse(null);
            rois.add(new RoiOut(
                    v.name(),
                    v.voxelCount(),
                    v.volumeMl(),
                    v.massG(),
                    v.activityMBq(),
                    v.tia().method().describe(),
                    v.tia().rule().name(),
                    v.tia().why(),
                    Times.hours(v.tia().effectiveHalfLife()),
                    v.tia().timeIntegratedActivity().inMBqHours(),
                    v.tia().standardDeviation().map(s -> s.inMBqHours()).orElse(null),
                    v.voxelTiaMBqH().orElse(null),
                    v.doseGy(),
                    v.doseSdGy(),
                    v.bedGy(),
                    v.dvh()
                            .map(d -> new DvhOut(d.meanGy(), d.maxGy(), d.d2Gy(), d.d50Gy(), d.d98Gy()))
                            .orElse(null),
                    v.doseHow(),
                    rec));
        }
        var c = r.voxelFits();
        return new Report(
                first.patientId(),
                nuclide.name(),
                first.pharm().injection().toString(),
                first.pharm().injected().inMBq(),
                r.method().label(),
                mode.name().toLowerCase(Locale.ROOT),
                corrected
                        .map(pvc -> String.format(
                                Locale.ROOT,
                                "GTM (Rousset et al., J Nucl Med 1998;39:904), PSF FWHM %.3g mm",
                                pvc.fwhmMm()))
                        .orElse("none"),
                tps,
                regs,
                String.format(
                        Locale.ROOT,
                        "α/β %.3g Gy, repair half-time %.3g h (%s)",
                        tissue.alphaBeta().inGy(),
                        Times.hours(tissue.repairHalfTime()),
                        tissue.source()),
                new BudgetOut(budget.calibration(), budget.voiActivity(), budget.voiMass()),
                new VoxelFitsOut(c.fitted(), c.fallBack(), c.singlePoint(), c.zero()),
                rois,
                doseOut == null ? null : doseOut.toString());
    }

    private void print(Report r) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r));
            out.flush();
            return;
        }
        out.printf(
                Locale.ROOT,
                "%s, %.1f MBq injected %s; method %s, registration %s, partial-volume correction %s%n",
                r.nuclide(),
                r.injectedMBq(),
                r.injection(),
                r.method(),
                r.registration(),
                r.recovery());
        for (TimePointOut t : r.timePoints()) {
            out.printf(Locale.ROOT, "  time point %.3f h after injection: %s%n", t.hoursAfterInjection(), t.source());
        }
        for (RegistrationOut g : r.registrations()) {
            out.printf(
                    Locale.ROOT,
                    "  registered %s: rotation (%.2f°, %.2f°, %.2f°), translation (%.1f, %.1f, %.1f) mm,"
                            + " NMI %.4f (start %.4f), NCC %.4f%n",
                    g.source(),
                    g.rotationDeg()[0],
                    g.rotationDeg()[1],
                    g.rotationDeg()[2],
                    g.translationMm()[0],
                    g.translationMm()[1],
                    g.translationMm()[2],
                    g.nmi(),
                    g.initialNmi(),
                    g.ncc());
        }
        out.println("  BED with " + r.bedTissue());
        for (RoiOut v : r.rois()) {
            out.printf(
                    Locale.ROOT,
                    "  %s: %.2f mL, %.1f g; %s; T_eff %.1f h; TIA %.4g MBq·h; dose %.3f ± %.3f Gy; BED %.3f Gy%n",
                    v.name(),
                    v.volumeMl(),
                    v.massG(),
                    v.fitModel(),
                    v.effectiveHalfLifeH(),
                    v.timeIntegratedActivityMBqH(),
                    v.absorbedDoseGy(),
                    v.absorbedDoseSdGy(),
                    v.bedGy());
            out.println("    why: " + v.fitWhy());
            if (v.voxelTimeIntegratedActivityMBqH() != null) {
                out.printf(
                        Locale.ROOT,
                        "    voxel-wise TIA summed over the VOI: %.4g MBq·h%n",
                        v.voxelTimeIntegratedActivityMBqH());
            }
            if (v.dvh() != null) {
                out.printf(
                        Locale.ROOT,
                        "    DVH: mean %.3f, max %.3f, D2 %.3f, D50 %.3f, D98 %.3f Gy%n",
                        v.dvh().meanGy(),
                        v.dvh().maxGy(),
                        v.dvh().d2Gy(),
                        v.dvh().d50Gy(),
                        v.dvh().d98Gy());
            }
            if (v.recovery() != null) {
                var rec = v.recovery();
                out.printf(
                        Locale.ROOT,
                        "    partial-volume recovery applied: recovery coefficient %s, activity ×%s, dose ×%.4f"
                                + " (uncorrected %.3f Gy)%n",
                        rec.recoveryCoefficient() == null
                                ? "- (not a GTM region)"
                                : String.format(Locale.ROOT, "%.3f", rec.recoveryCoefficient()),
                        java.util.Arrays.stream(rec.activityFactor())
                                .mapToObj(f -> String.format(Locale.ROOT, "%.3f", f))
                                .collect(java.util.stream.Collectors.joining("/")),
                        rec.tiaFactor(),
                        rec.uncorrectedAbsorbedDoseGy());
            }
            out.println("    dose: " + v.doseHow());
        }
        if (r.doseOut() != null) {
            out.println("  dose map written to " + r.doseOut());
        }
        out.flush();
    }
}

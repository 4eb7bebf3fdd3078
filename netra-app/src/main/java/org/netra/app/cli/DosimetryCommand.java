package org.netra.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netra.app.dosimetry.CameraSettings;
import org.netra.app.dosimetry.CycleJson;
import org.netra.app.dosimetry.MonteCarloChoices;
import org.netra.dosimetry.cycle.CycleInput;
import org.netra.dosimetry.cycle.CycleOptions;
import org.netra.dosimetry.cycle.CyclePipeline;
import org.netra.dosimetry.cycle.CycleReport;
import org.netra.dosimetry.cycle.DoseMethod;
import org.netra.dosimetry.cycle.MissingCtException;
import org.netra.dosimetry.cycle.RoleRules;
import org.netra.dosimetry.cycle.VoiSource;
import org.netra.dosimetry.organ.ReferencePhantom;
import org.netra.dosimetry.population.SinglePointEvidence;
import org.netra.dosimetry.radiobiology.TissueParameters;
import org.netra.dosimetry.uncertainty.UncertaintyBudget;
import org.netra.imaging.io.Nifti;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Times;
import org.netra.store.Store;
import org.netra.store.clinical.SinglePointEvidenceBook;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra dosimetry --timepoint DIR --timepoint DIR … (--rtstruct FILE | --labels FILE)}: one cycle's
 * absorbed doses per VOI from quantitative SPECT (or PET) time points, by netra-dosimetry's {@link CyclePipeline}
 * (the same the web's jobs run); this class turns arguments into its input and options and prints its report.
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
        @Option(
                names = "--rtstruct",
                paramLabel = "FILE",
                description =
                        "the VOIs: an RT Structure Set, a DICOM SEG, or a NIfTI label map (.nii, .nii.gz) with its"
                                + " label-name sidecar (same base name, .json/.tsv/.txt), on the first scan")
        Path rtstruct;

        @Option(
                names = "--labels",
                paramLabel = "FILE",
                description = "a NIfTI label map (.nii, .nii.gz) with its label-name sidecar; same as --rtstruct")
        Path labels;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Vois vois;

    @Option(
            names = "--method",
            defaultValue = "voxel-kernel",
            paramLabel = "METHOD",
            description =
                    "voxel-kernel (default), local-deposition, organ-s or monte-carlo (photons and electrons transported"
                            + " through the CT, beside the voxel kernel: regions differing > 5 %% flagged)")
    String method;

    @Option(
            names = "--mc-seed",
            paramLabel = "N",
            description = "monte-carlo: the generator's seed (default 20260101); the same seed gives the same map on"
                    + " any number of threads")
    String mcSeed;

    @Option(
            names = "--mc-target-uncertainty",
            paramLabel = "PERCENT",
            description = "monte-carlo: stop when every kidney and tumour VOI's dose is known to this relative SD"
                    + " (1 SD, %%; default 2, from 0.01 to 10); every VOI when there are none")
    String mcTarget;

    @Option(
            names = "--mc-time-limit",
            paramLabel = "SECONDS",
            description = "monte-carlo: stop after this wall time (90, 90s, 5m; default 5m) at the end of a round; the"
                    + " report states the uncertainty reached")
    String mcTimeLimit;

    @Option(
            names = "--mc-threads",
            paramLabel = "N",
            description = "monte-carlo: worker threads (default all processors; the result does not depend on it)")
    String mcThreads;

    @Option(
            names = "--registration",
            defaultValue = "auto",
            paramLabel = "MODE",
            description = "auto (default: ct when every time point has its --timepoint-ct, else rigid), ct (each"
                    + " scan's own CT registered onto the first scan's CT, the transform applied to the scan), rigid"
                    + " (NMI registration of each scan onto the first) or none")
    String registration;

    @Option(names = "--phantom", defaultValue = "am", paramLabel = "am|af", description = "organ-s phantom")
    String phantom;

    @Option(
            names = "--alpha-beta",
            paramLabel = "GY",
            description = "α/β for every VOI's BED (default: each VOI's tissue: kidney 2.6 Gy, tumour 10 Gy; no BED"
                    + " for tissues without sourced values); with --repair-half-time")
    Double alphaBeta;

    @Option(
            names = "--repair-half-time",
            paramLabel = "H",
            description = "repair half-time for every VOI's BED in hours (default each VOI's tissue: kidney 2.8 h,"
                    + " tumour 1.5 h); with --alpha-beta")
    Double repairHours;

    @Option(
            names = "--role",
            split = ",",
            paramLabel = "NAME=ROLE",
            description = "give a VOI a role whatever its name says (kidney, kidney_cortex, marrow, tumour, body,"
                    + " organ); the roles decide BED tissue, nested partial-volume handling and warnings")
    List<String> roles;

    @Option(
            names = "--u-extrapolation",
            defaultValue = "0.20",
            paramLabel = "FRACTION",
            description = "relative SD of the TIA's part after the last scan (default 0.20)")
    double uExtrapolation;

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
            defaultValue = "gtm",
            paramLabel = "gtm|none",
            description = "partial-volume correction of the VOI activities: gtm (default; geometric transfer matrix,"
                    + " Rousset 1998) or none")
    String recovery;

    @Option(
            names = "--psf-fwhm-mm",
            paramLabel = "MM",
            description = "the camera's measured spatial resolution (FWHM, mm) for the GTM; default: the series'"
                    + " Spatial Resolution (0018,1050), else NETRA_CAMERA_PSF_FWHM_MM, else 12 mm for SPECT")
    Double psfFwhmMm;

    @Option(
            names = "--gtm-regions",
            split = ",",
            paramLabel = "NAME",
            description = "the VOIs that form the GTM's regions (default all but nested parts such as a kidney"
                    + " cortex, which are split out of their region afterwards)")
    List<String> gtmRegions;

    @Option(
            names = "--stp",
            defaultValue = "population",
            paramLabel = "population|hanscheid|madsen",
            description = "how a single --timepoint is integrated: population (default; each region kind's"
                    + " effective-half-life prior in force, narrowed by the patient's earlier cycles with --patient"
                    + " and --cycle, TIA with a 90 %% credible interval), hanscheid"
                    + " (A·2t/ln 2, Hänscheid 2018) or madsen (kidney typical T_eff 50 h, Madsen 2018)")
    String stp;

    @Option(
            names = "--patient",
            paramLabel = "ID",
            description = "the patient (netra's id) whose course these scans are a cycle of, with --cycle: a single"
                    + " --timepoint's population prior is narrowed by the patient's earlier cycles in netra's database")
    String patient;

    @Option(
            names = "--cycle",
            paramLabel = "N",
            description = "the cycle of --patient's course these scans are of (earlier cycles 1 … N−1 are read)")
    Integer cycle;

    @Option(names = "--dose-out", paramLabel = "FILE.nii", description = "write the dose map (Gy) as NIfTI")
    Path doseOut;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @picocli.CommandLine.Mixin
    CalibrationOptions calibrations = new CalibrationOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PhaseTimeline.mark("arguments parsed");
        CycleOptions options = options();
        if (doseOut != null && options.method() instanceof DoseMethod.OrganS) {
            throw new IllegalArgumentException(
                    "--dose-out needs a voxel method (voxel-kernel, local-deposition or monte-carlo);"
                            + " organ-s gives one dose per VOI and no map");
        }
        CycleReport report = CyclePipeline.run(
                input(),
                options.withCalibrations(calibrations.resolve(timepoints))
                        .withSinglePointEvidence(singlePointEvidence()),
                (percent, what) -> PhaseTimeline.mark("before: " + what));
        PhaseTimeline.mark("cycle computed");
        if (doseOut != null) {
            // the voxel map as computed: the GTM corrects region means, not voxels
            Nifti.write(doseOut, report.result().doseMap().orElseThrow());
        }
        print(report);
        PhaseTimeline.mark("report printed");
        return 0;
    }

    /**
     * What a single scan's population method knows: with --patient and --cycle, or a database named (--db-url,
     * --data-dir, NETRA_DB_URL, NETRA_DATA), netra's store read as the web's jobs read it (the department's priors in
     * force and the patient's earlier cycles); else netra's published priors.
     */
    SinglePointEvidence singlePointEvidence() {
        DatabaseOptions db = calibrations.db;
        if (patient == null && cycle == null && !db.named()) {
            return SinglePointEvidence.PUBLISHED;
        }
        try (var store = Store.open(db.config())) {
            return new SinglePointEvidenceBook(store.records())
                    .evidence(Optional.ofNullable(patient), Optional.ofNullable(cycle));
        }
    }

    /** The pipeline's input from the arguments: each --timepoint with its --timepoint-ct, the VOI file. */
    CycleInput.Series input() throws java.io.IOException {
        List<Path> cts = timepointCts == null ? List.of() : timepointCts;
        if (cts.size() > timepoints.size()) {
            throw new MissingCtException("--timepoint-ct " + cts.get(timepoints.size()) + " has no --timepoint:"
                    + " give one CT per time point, in the same order");
        }
        if (!cts.isEmpty() && cts.size() < timepoints.size()) {
            throw new MissingCtException("time point " + timepoints.get(cts.size()) + " has no CT: give one"
                    + " --timepoint-ct per --timepoint, in the same order (the CT taken with that scan)");
        }
        List<CycleInput.Scan> scans = new ArrayList<>();
        for (int i = 0; i < timepoints.size(); i++) {
            scans.add(
                    new CycleInput.Scan(timepoints.get(i), cts.isEmpty() ? Optional.empty() : Optional.of(cts.get(i))));
        }
        VoiSource source = VoiSource.of(vois.rtstruct != null ? vois.rtstruct : vois.labels);
        return new CycleInput.Series(scans, Optional.ofNullable(ct), source, Optional.empty());
    }

    CycleOptions options() {
        ReferencePhantom ph =
                switch (phantom.toLowerCase(Locale.ROOT)) {
                    case "am" -> ReferencePhantom.ADULT_MALE;
                    case "af" -> ReferencePhantom.ADULT_FEMALE;
                    default -> throw new IllegalArgumentException("--phantom must be am or af, got '" + phantom + "'");
                };
        if ((alphaBeta == null) != (repairHours == null)) {
            throw new IllegalArgumentException(
                    "give --alpha-beta and --repair-half-time together: the BED of one" + " tissue needs both");
        }
        Optional<TissueParameters> bed = alphaBeta == null
                ? Optional.empty()
                : Optional.of(
                        alphaBeta == 2.6 && repairHours == 2.8
                                ? TissueParameters.KIDNEY
                                : new TissueParameters(
                                        "as given",
                                        AbsorbedDose.ofGy(alphaBeta),
                                        Times.ofHours(repairHours),
                                        "α/β and repair half-time as given"));
        DoseMethod dose = DoseMethod.parse(method, ph);
        MonteCarloChoices mc = new MonteCarloChoices(mcSeed, mcTarget, mcTimeLimit, mcThreads);
        if (dose instanceof DoseMethod.MonteCarlo) {
            dose = new DoseMethod.MonteCarlo(mc.settings(MonteCarloChoices.Names.CLI));
        } else if (mc.anyGiven()) {
            throw new IllegalArgumentException("the --mc-* options set the Monte Carlo; give --method monte-carlo"
                    + " with them (the method is " + dose.label() + ")");
        }
        return CycleOptions.DEFAULTS
                .withMethod(dose)
                .withRegistration(CycleOptions.Registration.parse(registration))
                .withRecovery(recovery, Optional.ofNullable(psfFwhmMm), Optional.ofNullable(gtmRegions))
                .withDepartmentPsf(CameraSettings.departmentPsfFwhmMm())
                .withUncertainty(new UncertaintyBudget(uCalibration, uVoiActivity, uVoiMass, 0))
                .withExtrapolation(uExtrapolation)
                .withBedOverride(bed)
                .withRoles(RoleRules.DEFAULT.withOverrides(roles == null ? List.of() : roles))
                .withSinglePoint(CycleOptions.SinglePointChoice.parse(stp));
    }

    private void print(CycleReport report) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(CycleJson.write(report));
            out.flush();
            return;
        }
        CycleJson.Report r = CycleJson.of(report);
        out.printf(
                Locale.ROOT,
                "%s %s, %.1f MBq injected %s; method %s, registration %s, partial-volume correction %s%n",
                r.patientId(),
                r.nuclide(),
                r.injectedMBq(),
                r.injection(),
                r.method(),
                r.registration(),
                r.recovery());
        for (CycleJson.TimePointOut t : r.timePoints()) {
            out.printf(
                    Locale.ROOT,
                    "  time point %.3f h after injection: %s%s%n",
                    t.hoursAfterInjection(),
                    t.source(),
                    t.ct().map(ct -> " (CT " + ct + ")").orElse(""));
        }
        for (CycleJson.RegistrationOut g : r.registrations()) {
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
        r.monteCarlo().ifPresent(mc -> {
            out.printf(
                    Locale.ROOT,
                    "  Monte Carlo: %d histories in %d batches (%s, %.1f s, seed %d, %d thread(s)); target ±%.2f %%"
                            + " in %s, reached ±%.2f %%%s; %s; %s%n",
                    mc.histories(),
                    mc.batches(),
                    mc.stop(),
                    mc.seconds(),
                    mc.seed(),
                    mc.threads(),
                    mc.targetPercent(),
                    String.join(", ", mc.watched()),
                    mc.reachedPercent(),
                    mc.reachedPercent() > mc.targetPercent() ? " (TARGET NOT REACHED)" : "",
                    mc.geometry(),
                    mc.electrons());
            boolean interfaceHeader = false;
            for (CycleJson.MonteCarloRowOut row : mc.rows()) {
                if (row.adjoining().isPresent() && !interfaceHeader) {
                    interfaceHeader = true;
                    out.printf(
                            Locale.ROOT,
                            "  Automatic regions (not VOIs, compared only): the voxels of each tissue class within"
                                    + " one voxel outside each tumour and kidney; flagged beyond %.0f %% by more than"
                                    + " %.0f SD%n",
                            mc.flagAbovePercent(),
                            mc.interfaceSdsBeyond());
                }
                out.printf(
                        Locale.ROOT,
                        "    %s%s: Monte Carlo %.3f ± %.3f Gy (± %.2f %%), voxel kernel %s, difference %s%s%n",
                        row.voi(),
                        row.adjoining()
                                .map(a -> String.format(Locale.ROOT, " (automatic, %d voxels)", a.voxels()))
                                .orElse(""),
                        row.monteCarloGy(),
                        row.monteCarloSdGy(),
                        row.monteCarloSdPercent(),
                        row.kernelGy()
                                .map(k -> String.format(Locale.ROOT, "%.3f Gy", k))
                                .orElse("-"),
                        row.differencePercent()
                                .map(d -> String.format(Locale.ROOT, "%+.1f %%", d))
                                .orElse("- (no kernel for this nuclide)"),
                        row.flagged()
                                ? row.adjoining().isPresent()
                                        ? String.format(
                                                Locale.ROOT,
                                                "  FLAGGED (> %.0f %% by more than %.0f SD)",
                                                mc.flagAbovePercent(),
                                                mc.interfaceSdsBeyond())
                                        : String.format(Locale.ROOT, "  FLAGGED (> %.0f %%)", mc.flagAbovePercent())
                                : row.uncertain()
                                        ? String.format(
                                                Locale.ROOT,
                                                "  uncertain (± 1 SD reaches beyond %.0f %%)",
                                                mc.flagAbovePercent())
                                        : "");
            }
        });
        for (CycleJson.RoiOut v : r.rois()) {
            out.printf(
                    Locale.ROOT,
                    "  %s (%s): %.2f mL, %.1f g; %s; T_eff %.1f h; TIA %.4g MBq·h (%.0f %% extrapolated);"
                            + " dose %.3f ± %.3f Gy; BED %s%n",
                    v.name(),
                    v.role(),
                    v.volumeMl(),
                    v.massG(),
                    v.fitModel(),
                    v.effectiveHalfLifeH(),
                    v.timeIntegratedActivityMBqH(),
                    100 * v.extrapolatedFraction(),
                    v.absorbedDoseGy(),
                    v.absorbedDoseSdGy(),
                    v.bedGy()
                            .map(bed -> String.format(
                                    Locale.ROOT,
                                    "%.3f Gy with %s",
                                    bed,
                                    v.bedTissue().orElse("")))
                            .orElse("not computed (no sourced α/β for this tissue; give --alpha-beta)"));
            out.println("    why: " + v.fitWhy());
            v.singlePoint()
                    .ifPresent(sp -> out.printf(
                            Locale.ROOT,
                            "    single time point: %s%s%n",
                            sp.method().equals("population") ? "population (" + sp.basis() + ")" : sp.method(),
                            sp.lower90MBqH().isPresent()
                                    ? String.format(
                                            Locale.ROOT,
                                            ", TIA 90 %% credible interval %.4g–%.4g MBq·h, recommended scan %.0f h",
                                            sp.lower90MBqH().get(),
                                            sp.upper90MBqH().orElseThrow(),
                                            sp.recommendedScanH().orElseThrow())
                                    : " (no interval)"));
            out.printf(
                    Locale.ROOT,
                    "    SD parts (relative): fit and budget %.3f, extrapolation %.3f, partial volume %.3f%n",
                    v.absorbedDoseSd().fitAndBudget(),
                    v.absorbedDoseSd().extrapolation(),
                    v.absorbedDoseSd().partialVolume());
            v.voxelTimeIntegratedActivityMBqH()
                    .ifPresent(tia ->
                            out.printf(Locale.ROOT, "    voxel-wise TIA summed over the VOI: %.4g MBq·h%n", tia));
            v.dvh()
                    .ifPresent(dvh -> out.printf(
                            Locale.ROOT,
                            "    DVH: mean %.3f, max %.3f, D2 %.3f, D50 %.3f, D98 %.3f Gy%n",
                            dvh.meanGy(),
                            dvh.maxGy(),
                            dvh.d2Gy(),
                            dvh.d50Gy(),
                            dvh.d98Gy()));
            if (v.recovery().isPresent()) {
                var rec = v.recovery().get();
                out.printf(
                        Locale.ROOT,
                        "    partial-volume recovery applied: recovery coefficient %s, activity ×%s, dose ×%.4f"
                                + " (uncorrected %.3f Gy)%n",
                        rec.recoveryCoefficient()
                                .map(rc -> String.format(Locale.ROOT, "%.3f", rc))
                                .orElseGet(() -> "- (not a GTM region"
                                        + rec.nestedIn()
                                                .map(p -> "; split out of " + p)
                                                .orElse("")
                                        + ")"),
                        java.util.Arrays.stream(rec.activityFactor())
                                .mapToObj(f -> String.format(Locale.ROOT, "%.3f", f))
                                .collect(java.util.stream.Collectors.joining("/")),
                        rec.tiaFactor(),
                        rec.uncorrectedAbsorbedDoseGy());
            }
            out.println("    dose: " + v.doseHow());
            // a VOI's warnings under its dose, where the physicist reads the number (the bladder's unmeasured
            // filling, an implausible half-life); the cycle's own after the VOIs
            for (CycleJson.WarningOut w : r.warnings()) {
                if (w.voi().equals(v.name())) {
                    out.println("    WARNING " + w.code() + ": " + w.message());
                }
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        r.rois().forEach(v -> names.add(v.name()));
        for (CycleJson.WarningOut w : r.warnings()) {
            if (!names.contains(w.voi())) {
                out.println("  WARNING " + w.code() + ": " + w.message());
            }
        }
        if (doseOut != null) {
            out.println("  dose map written to " + doseOut);
        }
        out.flush();
    }
}

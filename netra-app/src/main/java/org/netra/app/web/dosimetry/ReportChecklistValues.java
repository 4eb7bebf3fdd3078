package org.netra.app.web.dosimetry;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.netra.app.config.BuildVersions;
import org.netra.app.dosimetry.CycleJson;
import org.netra.app.report.EanmChecklist;
import org.netra.app.report.EanmChecklist.Item;
import org.netra.clinical.therapy.KidneyRadiobiology;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.Times;
import org.netra.physics.quantity.Volume;
import org.netra.store.clinical.AcquisitionProtocol;
import org.netra.store.clinical.AdministrationRecord;
import org.netra.store.clinical.DispensingRecord;
import org.netra.store.clinical.DosimetryWarning;
import org.netra.store.clinical.RegionCurves;

/**
 * Fills the EANM checklist of a cycle's report from what netra holds: the cycle's dosimetry (method text, stored
 * curves and volumes), the radiopharmacist's dispensing, the nurse's administration record, and the camera,
 * reconstruction and corrections the images' headers stated (kept with the result since issue 21). What netra does
 * not hold (the calibration used at the time, a header without those attributes) stays "not recorded" rather than
 * being guessed.
 */
final class ReportChecklistValues {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private ReportChecklistValues() {}

    static EanmChecklist of(
            CycleDosimetryView view,
            Optional<DispensingRecord> dispensing,
            Optional<AdministrationRecord> administration,
            Optional<AcquisitionProtocol> acquisition,
            KidneyRadiobiology kidney) {
        var c = acquired(EanmChecklist.empty(), acquisition)
                .with(Item.ADMINISTERED_ACTIVITY, String.format(Locale.ROOT, "%.2f GBq 177Lu", view.administeredGBq()))
                .with(
                        Item.ADMINISTRATION_TIME,
                        administration
                                .map(a -> MINUTE.format(a.administered()) + " (nurse's administration record)")
                                .orElse(null))
                .with(
                        Item.RESIDUAL_ACTIVITY,
                        dispensing
                                .map(d -> String.format(
                                        Locale.ROOT,
                                        "%.1f MBq at %s; calibrated %.2f GBq at %s (batch %s)",
                                        d.dispensing().residual().inMBq(),
                                        minute(d.dispensing().residualMeasuredAt()),
                                        d.dispensing().calibrated().inGBq(),
                                        minute(d.dispensing().calibratedAt()),
                                        d.dispensing().batch()))
                                .orElse(null))
                .with(Item.PARTIAL_VOLUME, partOf(view.method(), "gtm", "recovery", "psf", "partial"))
                .with(Item.CALIBRATION, partOf(view.method(), "calibration", "sensitivity", "cps/mbq"))
                .with(Item.TIME_POINTS, timePoints(view.regionCurves()))
                .with(Item.SEGMENTATION, segmentation(view.regionCurves()))
                .with(Item.MASSES, masses(view.regionCurves()))
                .with(Item.FIT_MODELS, fits(view))
                .with(Item.INTEGRATION, integration(view.regionCurves()))
                .with(Item.DOSE_METHOD, view.method())
                .with(Item.SOFTWARE, "netra " + version() + " (netra-dosimetry cycle pipeline)")
                .with(
                        Item.CUMULATIVE_DOSES,
                        String.format(
                                Locale.ROOT,
                                "this cycle in the dose table; cumulative kidney BED %.2f Gy over %d cycle(s) of the"
                                        + " %.0f Gy limit",
                                view.cumulativeKidneyBedGy(),
                                view.kidneyBedPerCycleGy().size(),
                                view.kidneyBedLimitGy()))
                .with(
                        Item.BED_MODEL,
                        String.format(
                                Locale.ROOT,
                                "kidneys: linear-quadratic, alpha/beta %.1f Gy, repair half-time %.1f h,"
                                        + " mono-exponential clearance (T_eff %.1f h); other tissues: no BED computed",
                                kidney.alphaBeta().inGy(),
                                Times.hours(kidney.repairHalfTime()),
                                view.kidneyEffectiveHalfLifeHours()))
                .with(Item.UNCERTAINTY, uncertainty(view))
                .with(Item.WARNINGS, warnings(view));
        return c;
    }

    /**
     * The checklist of a dosimetry job's own report (before it is attached to a course): what the job's result
     * holds — injection time and activity, the time points, each VOI's model and volume, the partial-volume
     * correction, the pipeline's warnings.
     */
    static EanmChecklist ofJob(DosimetryJobs.Job job, DosimetryJobs.Result r) {
        List<String> fits = new ArrayList<>();
        List<String> volumes = new ArrayList<>();
        for (var v : r.vois()) {
            List<RegionCurves.CurvePoint> points = new ArrayList<>();
            for (int i = 0; i < r.hours().length; i++) {
                points.add(RegionCurves.CurvePoint.atHours(
                        r.hours()[i], v.activity().get(i)));
            }
            fits.add(v.name() + ": " + v.model() + ", " + terminalHalfLife(points));
            volumes.add(massAndVolume(v.name(), v.mass(), v.volume()));
        }
        return acquired(EanmChecklist.empty(), r.acquisition())
                .with(
                        Item.ADMINISTERED_ACTIVITY,
                        String.format(
                                Locale.ROOT, "%.2f GBq 177Lu", r.injected().inGBq()))
                .with(Item.ADMINISTRATION_TIME, minute(r.injection()) + " (the images' DICOM header)")
                .with(Item.PARTIAL_VOLUME, r.correction())
                .with(
                        Item.TIME_POINTS,
                        Arrays.stream(r.hours())
                                        .mapToObj(h -> String.format(Locale.ROOT, "%.1f", h))
                                        .collect(Collectors.joining(", "))
                                + " h after administration (" + r.hours().length + " time points)")
                .with(Item.SEGMENTATION, r.vois().size() + " VOIs from the uploaded RTSTRUCT or label map")
                .with(Item.MASSES, volumes.isEmpty() ? null : MASS_BASIS + String.join(", ", volumes))
                .with(Item.FIT_MODELS, String.join("; ", fits))
                .with(Item.DOSE_METHOD, job.method())
                .with(
                        Item.UNCERTAINTY,
                        "1 SD per VOI (dose table), propagated from the activity calibration, the VOI volumes and the"
                                + " fit; the components' sizes: not recorded")
                .with(Item.SOFTWARE, "netra " + version() + " (netra-dosimetry cycle pipeline)")
                .with(
                        Item.WARNINGS,
                        r.warnings().map(ReportChecklistValues::warningList).orElse(null));
    }

    /** Camera, reconstruction and corrections as the images' header stated them (a part it lacked stays unset). */
    private static EanmChecklist acquired(EanmChecklist c, Optional<AcquisitionProtocol> acquisition) {
        if (acquisition.isEmpty()) {
            return c;
        }
        var a = acquisition.get();
        return c.with(Item.CAMERA, a.camera().isEmpty() ? null : a.camera() + " (DICOM header)")
                .with(Item.RECONSTRUCTION, a.reconstruction().isEmpty() ? null : a.reconstruction() + " (DICOM header)")
                .with(Item.CORRECTIONS, a.corrections().isEmpty() ? null : a.corrections() + " (DICOM header)");
    }

    private static String minute(LocalDateTime t) {
        return MINUTE.format(t);
    }

    /** The clauses of the method text that mention one of {@code words} (the job wrote them), or null. */
    static String partOf(String method, String... words) {
        String found = clauses(method).stream()
                .filter(part -> Arrays.stream(words)
                        .anyMatch(w -> part.toLowerCase(Locale.ROOT).contains(w)))
                .collect(Collectors.joining("; "));
        return found.isEmpty() ? null : found;
    }

    /**
     * The method text split at "; " and ", " outside parentheses and brackets, so a clause like "PSF FWHM 10.0 mm (stated by the
     * series (Spatial Resolution, 0018,1050))" stays whole instead of ending inside its parenthesis.
     */
    static List<String> clauses(String method) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < method.length(); i++) {
            char ch = method.charAt(i);
            if (ch == '(' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == ']') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0
                    && (ch == ';' || ch == ',')
                    && i + 1 < method.length()
                    && method.charAt(i + 1) == ' ') {
                out.add(method.substring(start, i));
                start = i + 2;
            }
        }
        out.add(method.substring(start));
        return out;
    }

    private static String timePoints(List<RegionCurves> curves) {
        var hours = new TreeSet<Double>();
        curves.forEach(c -> c.measured().forEach(p -> hours.add(p.hours())));
        if (hours.isEmpty()) {
            return null;
        }
        return hours.stream().map(h -> String.format(Locale.ROOT, "%.1f", h)).collect(Collectors.joining(", "))
                + " h after administration (" + hours.size() + " time points)";
    }

    private static String segmentation(List<RegionCurves> curves) {
        if (curves.isEmpty()) {
            return null;
        }
        return curves.size() + " VOIs: "
                + curves.stream().map(RegionCurves::region).collect(Collectors.joining(", "))
                + "; how they were drawn: not recorded";
    }

    /** Each VOI's mass as the dose used it, with its volume; figures stored before masses were kept say so. */
    private static String masses(List<RegionCurves> curves) {
        List<String> each = curves.stream()
                .filter(c -> c.volume().isPresent())
                .map(c -> massAndVolume(c.region(), c.mass(), c.volume().get()))
                .toList();
        if (each.isEmpty()) {
            return null;
        }
        return MASS_BASIS + String.join(", ", each);
    }

    /** How the masses were obtained: the dose's own mass, from the voxels' densities. */
    private static final String MASS_BASIS =
            "mass = VOI volume × mean voxel density (the CT's, or soft tissue's 1.04 g/mL without a CT): ";

    /** "Kidney_L 152 g (146.2 mL)", or the volume alone with "mass not kept" for figures stored before it was. */
    private static String massAndVolume(String voi, Optional<Mass> mass, Volume volume) {
        return mass.map(m -> String.format(Locale.ROOT, "%s %.0f g (%.1f mL)", voi, m.inGrams(), volume.inMl()))
                .orElseGet(() -> String.format(Locale.ROOT, "%s %.1f mL, mass not kept", voi, volume.inMl()));
    }

    private static String fits(CycleDosimetryView view) {
        List<String> out = new ArrayList<>();
        for (RegionCurves c : view.regionCurves()) {
            out.add(c.region() + ": " + (c.model().isEmpty() ? "model not recorded" : c.model())
                    + (c.why().isEmpty() ? "" : " (" + c.why() + ")") + ", " + terminalHalfLife(c.measured()));
        }
        return out.isEmpty() ? null : String.join("; ", out);
    }

    /**
     * The effective half-life between the last two measured points, ln 2 · Δt / ln(A₁/A₂): what the
     * stored points say about the clearance at the end, whatever model was fitted.
     */
    static String terminalHalfLife(List<RegionCurves.CurvePoint> measured) {
        if (measured.size() < 2) {
            return "effective half-life not recorded (one time point)";
        }
        var a = measured.get(measured.size() - 2);
        var b = measured.get(measured.size() - 1);
        double ratio = a.activity().inMBq() / b.activity().inMBq();
        double dt = b.hours() - a.hours();
        if (!(ratio > 1) || !(dt > 0)) {
            return "activity not decreasing between the last two time points (no effective half-life)";
        }
        return String.format(
                Locale.ROOT, "effective half-life %.1f h (last two time points)", Math.log(2) * dt / Math.log(ratio));
    }

    private static String integration(List<RegionCurves> curves) {
        if (curves.isEmpty()) {
            return null;
        }
        return "per region as its model states: a fit is integrated analytically, a trapezoid rule runs from"
                + " administration to the last point with physical decay after it";
    }

    private static String uncertainty(CycleDosimetryView view) {
        long withSd = view.doses().stream().filter(r -> r.sd().isPresent()).count();
        return String.format(
                Locale.ROOT,
                "1 SD on %d of %d doses (dose table), propagated from the activity calibration, the VOI volumes and"
                        + " the fit; the components' sizes: not recorded",
                withSd,
                view.doses().size());
    }

    private static String warnings(CycleDosimetryView view) {
        String jobs = view.recordedWarnings()
                .map(ws -> "job warnings ["
                        + (ws.isEmpty()
                                ? "none raised"
                                : ws.stream().map(DosimetryWarning::text).collect(Collectors.joining("; ")))
                        + "]")
                .orElse(null);
        // the clauses that name an assumption, and an older record's warnings (kept in its method text)
        String clauses = partOf(view.method(), "warning", "assumed", "uncertain", "older than");
        return jobs == null ? clauses : clauses == null ? jobs : clauses + "; " + jobs;
    }

    /** A job's warnings as one line, each prefixed by its VOI when it has one; "none raised" for none. */
    static String warningList(List<CycleJson.WarningOut> ws) {
        return ws.isEmpty()
                ? "none raised"
                : ws.stream()
                        .map(w -> new DosimetryWarning(w.code(), w.voi(), w.message()).text())
                        .collect(Collectors.joining("; "));
    }

    /** netra's version, written into the build by Maven resource filtering. */
    static String version() {
        return BuildVersions.property("version").orElse("version not recorded");
    }
}

package org.netra.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netra.imaging.quant.AcquisitionFacts;
import org.netra.imaging.quant.CameraCalibrations;
import org.netra.imaging.quant.QuantificationException;
import org.netra.imaging.quant.QuantitativeImage;
import org.netra.imaging.quant.RealWorldValues;
import org.netra.imaging.quant.RoiStatistics;
import org.netra.imaging.quant.Suv;
import org.netra.imaging.quant.SuvFactor;
import org.netra.imaging.quant.SuvNormalisation;
import org.netra.imaging.quant.VendorSuv;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.AssemblyWarning;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.quantity.Times;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netra quantify --series DIR [--rtstruct FILE | --labels FILE]}: Bq/mL, SUV and ROI statistics. */
@Command(
        name = "quantify",
        mixinStandardHelpOptions = true,
        description = "Activity concentration at scan start (any decay correction undone), SUV where defined, and"
                + " per-ROI volume, activity, mean, max and peak (1 mL sphere).")
final class QuantifyCommand implements Callable<Integer> {
    @Option(names = "--series", required = true, paramLabel = "DIR", description = "the image series (folder or file)")
    Path series;

    @Option(names = "--series-uid", paramLabel = "UID", description = "which series, when the folder holds several")
    String seriesUid;

    static final class Vois {
        @Option(
                names = "--rtstruct",
                paramLabel = "FILE",
                description =
                        "the VOIs: an RT Structure Set, a DICOM SEG, or a NIfTI label map (.nii, .nii.gz) with its"
                                + " label-name sidecar (same base name, .json/.tsv/.txt), on this series")
        Path rtstruct;

        @Option(
                names = "--labels",
                paramLabel = "FILE",
                description = "a NIfTI label map (.nii, .nii.gz) with its label-name sidecar; same as --rtstruct")
        Path labels;
    }

    @ArgGroup(exclusive = true)
    Vois vois;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @picocli.CommandLine.Mixin
    CalibrationOptions calibrations = new CalibrationOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record SeriesFacts(
            String seriesInstanceUid,
            String modality,
            String units,
            String decayCorrection,
            int[] dimensions,
            double[] spacingMm,
            String scanStart,
            String injectionDateTime,
            Double hoursAfterInjection,
            Double injectedMBq,
            Double halfLifeHours,
            String halfLifeSource,
            String realWorldValues,
            Double suvBwFactor,
            Map<String, Double> suvFactors,
            Map<String, List<String>> suvUndefined,
            Double philipsSuvBwFactor,
            Double geNetInjectedMBq,
            List<String> warnings) {}

    record Roi(
            String name,
            int voxelCount,
            double volumeMl,
            double activityMBq,
            double meanBqPerMl,
            double maxBqPerMl,
            double peakBqPerMl,
            Double suvMean,
            Double suvMax,
            Double suvPeak) {}

    record Report(SeriesFacts series, List<Roi> rois) {}

    @Override
    public Integer call() throws IOException {
        AssembledSeries s = SeriesAssembler.assemble(series, Optional.ofNullable(seriesUid));
        AcquisitionFacts facts = AcquisitionFacts.of(s);
        QuantitativeImage q = null;
        String how;
        List<String> warnings = new ArrayList<>(
                s.warnings().stream().map(AssemblyWarning::message).toList());
        if (s.volume().unit() == VoxelUnit.COUNTS) {
            // counts need the department's factor for this camera set-up; none is a refusal, not a guess
            CameraCalibrations.Converted c =
                    calibrations.resolve(List.of(series)).convert(s);
            q = c.image();
            how = q.how();
            warnings.addAll(c.match().assumed());
            if (c.match().old()) {
                warnings.add("calibration " + c.match().calibration().id() + " measured "
                        + c.match().calibration().measuredOn() + " is older than the department allows; re-measure it");
            }
        } else {
            try {
                q = RealWorldValues.bqPerMlAtScanStart(s);
                how = q.how();
            } catch (QuantificationException e) {
                how = "unavailable: " + e.getMessage();
            }
        }
        Map<String, Double> factors = new LinkedHashMap<>();
        Map<String, List<String>> undefined = new LinkedHashMap<>();
        for (SuvNormalisation n : List.of(
                new SuvNormalisation.BodyWeight(),
                new SuvNormalisation.LeanBodyMassJames(),
                new SuvNormalisation.LeanBodyMassJanmahasatian(),
                new SuvNormalisation.BodySurfaceArea())) {
            switch (Suv.factor(facts, n)) {
                case SuvFactor.Defined d -> factors.put(n.label(), d.factor());
                case SuvFactor.Undefined u -> undefined.put(n.label(), u.reasons());
            }
        }
        Double bw = factors.get("SUVbw");
        var pharm = facts.radiopharmaceutical();
        var g = s.volume().geometry();
        SeriesFacts sf = new SeriesFacts(
                s.seriesInstanceUid(),
                s.modality(),
                s.unitsCode(),
                facts.decayCorrection().map(Enum::name).orElse(null),
                new int[] {g.nx(), g.ny(), g.nz()},
                g.spacing(),
                facts.scanStart().map(Object::toString).orElse(null),
                pharm.map(r -> r.injection().toString()).orElse(null),
                facts.timeSinceInjection().map(Times::hours).orElse(null),
                pharm.map(r -> r.injected().inMBq()).orElse(null),
                pharm.map(r -> Times.hours(r.halfLife())).orElse(null),
                pharm.map(r -> r.halfLifeSource())
                        .orElse(facts.radiopharmaceuticalProblem().orElse(null)),
                how,
                bw,
                factors,
                undefined,
                boxed(VendorSuv.philipsSuvBwFactor(s.header())),
                VendorSuv.geDose(s.header())
                        .map(d -> d.netAtAdministration().inMBq())
                        .orElse(null),
                warnings);
        List<Roi> rois = new ArrayList<>();
        List<Mask> masks = masks(s);
        if (!masks.isEmpty() && q == null) {
            throw new QuantificationException(s.source(), "(0054,1001) Units", how, "ROI statistics need Bq/mL");
        }
        for (Mask m : masks) {
            RoiStatistics r = RoiStatistics.of(q.image(), m);
            rois.add(new Roi(
                    r.name(),
                    r.voxelCount(),
                    r.volume().inMl(),
                    r.activity().inMBq(),
                    r.mean().inBqPerMl(),
                    r.max().inBqPerMl(),
                    r.peak().inBqPerMl(),
                    bw == null ? null : r.mean().inBqPerMl() * bw,
                    bw == null ? null : r.max().inBqPerMl() * bw,
                    bw == null ? null : r.peak().inBqPerMl() * bw));
        }
        print(new Report(sf, rois));
        return 0;
    }

    private List<Mask> masks(AssembledSeries s) throws IOException {
        if (vois == null) {
            return List.of();
        }
        var source = org.netra.dosimetry.cycle.VoiSource.of(vois.rtstruct != null ? vois.rtstruct : vois.labels);
        return source.read(s.volume().geometry(), s.source());
    }

    private static Double boxed(java.util.OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }

    private void print(Report report) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
            out.flush();
            return;
        }
        SeriesFacts f = report.series();
        out.printf(
                Locale.ROOT,
                "%s %s %d×%d×%d at %.4g×%.4g×%.4g mm, units %s, decay correction %s%n",
                f.modality(),
                f.seriesInstanceUid(),
                f.dimensions()[0],
                f.dimensions()[1],
                f.dimensions()[2],
                f.spacingMm()[0],
                f.spacingMm()[1],
                f.spacingMm()[2],
                f.units(),
                f.decayCorrection());
        out.printf(
                Locale.ROOT,
                "  injected %s MBq at %s, scan start %s (%s h after injection)%n",
                f.injectedMBq() == null ? "-" : String.format(Locale.ROOT, "%.1f", f.injectedMBq()),
                f.injectionDateTime(),
                f.scanStart(),
                f.hoursAfterInjection() == null ? "-" : String.format(Locale.ROOT, "%.3f", f.hoursAfterInjection()));
        out.println("  values: " + f.realWorldValues());
        f.suvFactors().forEach((k, v) -> out.printf(Locale.ROOT, "  %s factor %.6g per Bq/mL%n", k, v));
        f.suvUndefined().forEach((k, v) -> out.println("  " + k + " undefined: " + String.join("; ", v)));
        f.warnings().forEach(w -> out.println("  warning: " + w));
        for (Roi r : report.rois()) {
            out.printf(
                    Locale.ROOT,
                    "  %s: %d voxels, %.3f mL, %.4f MBq, mean %.1f, max %.1f, peak %.1f Bq/mL%s%n",
                    r.name(),
                    r.voxelCount(),
                    r.volumeMl(),
                    r.activityMBq(),
                    r.meanBqPerMl(),
                    r.maxBqPerMl(),
                    r.peakBqPerMl(),
                    r.suvMax() == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "; SUVbw mean %.3f, max %.3f, peak %.3f",
                                    r.suvMean(),
                                    r.suvMax(),
                                    r.suvPeak()));
        }
        out.flush();
    }
}

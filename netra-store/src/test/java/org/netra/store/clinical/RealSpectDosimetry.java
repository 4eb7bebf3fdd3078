package org.netra.store.clinical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.netra.clinical.therapy.TumourDose;
import org.netra.dosimetry.cycle.Alignment;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.cycle.CycleSettings;
import org.netra.dosimetry.cycle.DoseMethod;
import org.netra.dosimetry.cycle.TimePointImage;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.quant.AcquisitionFacts;
import org.netra.imaging.quant.RealWorldValues;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.testkit.TestData;

/**
 * The tumour dosimetry of the real 177Lu-DOTATATE patient in shared/data (quantitative SPECT 3.7 h and 27.7 h
 * after 7210 MBq, an RTSTRUCT of two liver lesions) by netra-dosimetry's cycle: Bq/mL at scan start, rigid
 * registration of the second scan onto the first, the first scan's contours, voxel-wise kinetics, dose-voxel
 * kernel in soft tissue, dose ± SD by EANM propagation (docs/dosimetry.md). Run once per test JVM.
 */
final class RealSpectDosimetry {
    record Result(Activity administered, CycleResult cycle) {
        /** The tumour doses of a cycle of {@code activity}, scaled linearly from this cycle's Gy/GBq. */
        List<TumourDose> scaledTo(Activity activity) {
            double f = activity.inGBq() / administered.inGBq();
            return cycle.vois().stream()
                    .map(v -> new TumourDose(
                            v.name(),
                            AbsorbedDose.ofGy(v.dose().inGy() * f),
                            AbsorbedDose.ofGy(v.doseSd().inGy() * f),
                            v.volume()))
                    .toList();
        }
    }

    private static Result result;

    private RealSpectDosimetry() {}

    static synchronized Result run() {
        if (result == null) {
            result = compute();
        }
        return result;
    }

    private static Result compute() {
        Path root = TestData.path("dicom/lu177-dotatate-spect");
        var lu = NuclideCatalog.icrp107().get("Lu-177");
        try {
            List<TimePointImage> scans = new ArrayList<>();
            AcquisitionFacts facts = null;
            for (String scan : List.of("SCAN_001", "SCAN_002")) {
                AssembledSeries s = SeriesAssembler.assemble(root.resolve(scan).resolve("image"), Optional.empty());
                facts = AcquisitionFacts.of(s);
                var q = RealWorldValues.bqPerMlAtScanStart(s);
                scans.add(new TimePointImage(scan, q.image(), q.referenceTime()));
            }
            var aligned = Alignment.align(scans, Alignment.Mode.RIGID);
            var grid = aligned.timePoints().get(0).activity().geometry();
            var vois = RtStruct.read(only(root.resolve("SCAN_001").resolve("mask")))
                    .rasterise(grid);
            var pharmaceutical = facts.radiopharmaceutical().orElseThrow();
            CycleResult cycle = org.netra.dosimetry.cycle.DoseComputation.run(
                    lu,
                    pharmaceutical.injection(),
                    aligned.timePoints(),
                    vois,
                    Optional.empty(),
                    new DoseMethod.VoxelKernel(KernelMedium.SOFT_TISSUE),
                    CycleSettings.of(lu));
            return new Result(pharmaceutical.injected(), cycle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path only(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".dcm")).toList();
            if (all.size() != 1) {
                throw new IllegalStateException(folder + " should hold one RTSTRUCT, holds " + all.size());
            }
            return all.get(0);
        }
    }
}

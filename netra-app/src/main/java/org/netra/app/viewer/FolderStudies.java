package org.netra.app.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.netra.dosimetry.kinetics.SinglePointMethod;
import org.netra.dosimetry.voxel.LocalDeposition;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.quant.QuantitativeImage;
import org.netra.imaging.quant.RealWorldValues;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.Volume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Density;

/**
 * Studies found in a folder tree by convention: a folder with an {@code image/} folder (a PET or SPECT
 * series in Bq/mL) is a study; its {@code mask/} folder may hold an RTSTRUCT with the VOIs, and a
 * sibling {@code ct/image} folder a CT in the same frame of reference for fusion. Scenes load on first
 * use and stay in memory (a few studies per server).
 */
public final class FolderStudies implements Studies {
    /**
     * 177Lu images this long after injection or later get a single-time-point dose map (Hänscheid 2018 is
     * meant for about 4 days; earlier it under-estimates slowly clearing tissue): shown as an illustration.
     */
    static final double DOSE_MAP_MIN_HOURS = 20;

    private final Map<String, Path> folders = new LinkedHashMap<>();
    private final Map<String, Study> studies = new LinkedHashMap<>();
    private final Map<String, Scene> loaded = new ConcurrentHashMap<>();

    private FolderStudies() {}

    /** The studies below {@code root} (none when it does not exist). */
    public static FolderStudies scan(Path root) {
        var s = new FolderStudies();
        if (!Files.isDirectory(root)) {
            return s;
        }
        try (Stream<Path> walk = Files.walk(root, 4)) {
            walk.filter(p -> p.getFileName().toString().equals("image") && Files.isDirectory(p))
                    .map(Path::getParent)
                    .filter(p -> !p.getFileName().toString().equals("ct"))
                    .sorted()
                    .forEach(study -> {
                        String id = root.relativize(study)
                                .toString()
                                .replace('/', '-')
                                .replace('\\', '-')
                                .toLowerCase(Locale.ROOT);
                        s.folders.put(id, study);
                        s.studies.put(
                                id,
                                new Study(
                                        id,
                                        root.relativize(study).toString(),
                                        Files.isDirectory(ctOf(study)),
                                        rtstruct(study).isPresent(),
                                        false));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list imaging studies in " + root, e);
        }
        return s;
    }

    @Override
    public List<Study> list() {
        List<Study> out = new ArrayList<>();
        for (var e : studies.entrySet()) {
            Scene sc = loaded.get(e.getKey());
            out.add(sc == null ? e.getValue() : withDose(e.getValue(), sc.dose().isPresent()));
        }
        return out;
    }

    private static Study withDose(Study s, boolean dose) {
        return new Study(s.id(), s.title(), s.hasCt(), s.hasVois(), dose);
    }

    @Override
    public Optional<Scene> scene(String id) {
        Path folder = folders.get(id);
        if (folder == null) {
            return Optional.empty();
        }
        return Optional.of(loaded.computeIfAbsent(id, k -> load(studies.get(k).title(), folder)));
    }

    private static Path ctOf(Path study) {
        return study.resolveSibling("ct").resolve("image");
    }

    private static Optional<Path> rtstruct(Path study) {
        Path mask = study.resolve("mask");
        if (!Files.isDirectory(mask)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(mask)) {
            return s.filter(Files::isRegularFile).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + mask, e);
        }
    }

    private static Scene load(String title, Path folder) {
        try {
            var series = SeriesAssembler.assemble(folder.resolve("image"));
            QuantitativeImage q = RealWorldValues.bqPerMlAtScanStart(series);
            Volume emission = q.image();
            Optional<Volume> ct = Files.isDirectory(ctOf(folder))
                    ? Optional.of(SeriesAssembler.assemble(ctOf(folder)).volume())
                    : Optional.empty();
            List<Mask> vois = rtstruct(folder).isPresent()
                    ? RtStruct.read(rtstruct(folder).get()).rasterise(emission.geometry())
                    : List.of();
            Optional<Volume> dose = Optional.empty();
            String note = "";
            var hours = q.facts().timeSinceInjection().map(d -> d.toSeconds() / 3600.0);
            boolean lutetium = q.facts()
                    .radiopharmaceutical()
                    .flatMap(r -> r.nuclide())
                    .filter(NuclideCatalog.icrp107().lutetium177().name()::equals)
                    .isPresent();
            if (lutetium && hours.isPresent() && hours.get() >= DOSE_MAP_MIN_HOURS) {
                dose = Optional.of(singlePointDose(emission, hours.get()));
                note = String.format(
                        Locale.ROOT,
                        "illustrative dose map: single time point at %.1f h (Hänscheid 2018), local deposition"
                                + " in soft tissue; not for decisions",
                        hours.get());
            }
            return new Scene(
                    title,
                    emission,
                    ct,
                    vois,
                    dose,
                    note,
                    Optional.of(new Scene.Acquisition(series.seriesInstanceUid(), q.facts())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the imaging study in " + folder, e);
        }
    }

    /** Voxel TIA from one time point (Hänscheid), then local deposition of 177Lu's non-penetrating energy. */
    static Volume singlePointDose(Volume bqPerMl, double hours) {
        double ml = bqPerMl.geometry().voxelVolume().inMl();
        double secondsPerBq = new SinglePointMethod.Haenscheid().tiaMBqHours(hours, 1) * 3600;
        float[] c = bqPerMl.voxels();
        float[] tia = new float[c.length];
        for (int v = 0; v < c.length; v++) {
            tia[v] = (float) (Math.max(0, c[v]) * ml * secondsPerBq);
        }
        var lu = NuclideCatalog.icrp107().lutetium177();
        return LocalDeposition.dose(
                Volume.wrap(bqPerMl.geometry(), VoxelUnit.BQ_S, tia),
                EnergyPartition.of(lu),
                Density.ofGramsPerMl(1.04));
    }
}

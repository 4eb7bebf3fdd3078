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
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
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
    public static final double DOSE_MAP_MIN_HOURS = 20;

    private final Path root;
    /** By id, in the order of their paths; changed only by {@link #refresh}. */
    private final Map<String, Path> folders = new LinkedHashMap<>();

    private final Map<String, Study> studies = new LinkedHashMap<>();
    private final Map<String, Scene> loaded = new ConcurrentHashMap<>();

    private FolderStudies(Path root) {
        this.root = root;
    }

    /** The studies below {@code root} (none when it does not exist). */
    public static FolderStudies scan(Path root) {
        var s = new FolderStudies(root);
        s.refresh();
        return s;
    }

    /**
     * Adds the studies that appeared below the root since the last look (a patient CD's series imported on the
     * study list); those already known, loaded or not, stay as they are.
     */
    @Override
    public synchronized void refresh() {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>(folders.values());
        try (Stream<Path> walk = Files.walk(root, 4)) {
            walk.filter(p -> p.getFileName().toString().equals("image") && Files.isDirectory(p))
                    .map(Path::getParent)
                    .filter(p -> !p.getFileName().toString().equals("ct"))
                    .filter(p -> !folders.containsValue(p))
                    .forEach(paths::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list imaging studies in " + root, e);
        }
        paths.sort(null);
        folders.clear();
        paths.forEach(study -> folders.put(idOf(study), study));
        for (var e : folders.entrySet()) {
            Path study = e.getValue();
            studies.computeIfAbsent(e.getKey(), id -> {
                var header = firstHeader(study.resolve("image"));
                return new Study(
                        id,
                        title(header, root.relativize(study).toString()),
                        Files.isDirectory(ctOf(study)),
                        rtstruct(study).isPresent(),
                        // from the first image's header, as the scene will decide when it loads
                        hasDoseMap(header.map(h -> org.netra.imaging.quant.AcquisitionFacts.of(h, Optional.empty()))));
            });
        }
    }

    /**
     * A study's title as a reader looks for it: the patient's name and the study date from the series' header
     * ("DOE JOHN · 2018-11-15"), then the folder it is in, which tells two series of one study apart (a patient CD's
     * import folder and series, the reference data's scan); the folder alone when the header names neither.
     */
    static String title(Optional<org.netra.imaging.dicom.Attributes> header, String folder) {
        if (header.isEmpty()) {
            return folder;
        }
        var h = header.get();
        String name = h.string(org.netra.imaging.dicom.Tag.PATIENT_NAME)
                .map(n -> n.replace('^', ' ').replaceAll("\\s+", " ").strip())
                .orElse("");
        String date = h.string(org.netra.imaging.dicom.Tag.STUDY_DATE)
                .map(String::strip)
                .filter(d -> d.matches("\\d{8}"))
                .map(d -> d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6))
                .orElse("");
        String known = java.util.stream.Stream.of(name, date.isEmpty() ? "" : "study of " + date)
                .filter(x -> !x.isEmpty())
                .collect(java.util.stream.Collectors.joining(" · "));
        return known.isEmpty() ? folder : known + " · " + folder;
    }

    private String idOf(Path study) {
        return root.relativize(study)
                .toString()
                .replace('/', '-')
                .replace('\\', '-')
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Starts loading every study's scene on one background thread (lowest priority), so that the first opening
     * of a study does not wait for its reading; for a server's few studies, not for hundreds. Returns this.
     */
    public FolderStudies preloading() {
        List<String> ids;
        synchronized (this) {
            ids = List.copyOf(folders.keySet());
        }
        Thread t = new Thread(
                () -> {
                    for (String id : ids) {
                        try {
                            // and the page's projection, the one view that reads the whole volume
                            SceneRenderer.render(
                                    scene(id).orElseThrow(),
                                    new SceneRenderer.View(Plane.CORONAL, -1, true, true, false, 384));
                        } catch (RuntimeException e) {
                            // the study's page says what is wrong with it when someone opens it
                        }
                    }
                },
                "netra-viewer-preload");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return this;
    }

    @Override
    public synchronized List<Study> list() {
        List<Study> out = new ArrayList<>();
        for (String id : folders.keySet()) {
            var e = java.util.Map.entry(id, studies.get(id));
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
        Path folder;
        String title;
        synchronized (this) {
            folder = folders.get(id);
            if (folder == null) {
                return Optional.empty();
            }
            title = studies.get(id).title();
        }
        return Optional.of(loaded.computeIfAbsent(id, k -> load(title, folder)));
    }

    /** The first DICOM file's header in {@code series} (empty when it has none readable). */
    private static Optional<org.netra.imaging.dicom.Attributes> firstHeader(Path series) {
        try (Stream<Path> files = Files.list(series)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    return Optional.of(
                            org.netra.imaging.dicom.DicomFile.read(f, org.netra.imaging.dicom.DicomFile.Extent.HEADER)
                                    .dataset());
                } catch (IOException e) {
                    // not DICOM (a README, a thumbnail): try the next file
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + series, e);
        }
        return Optional.empty();
    }

    /**
     * Whether a study gets the illustrative dose map: 177Lu, imaged {@link #DOSE_MAP_MIN_HOURS} or more after the
     * injection. One rule for the list (from a header) and the scene (from the series).
     */
    public static boolean hasDoseMap(Optional<org.netra.imaging.quant.AcquisitionFacts> facts) {
        return facts.map(FolderStudies::hasDoseMap).orElse(false);
    }

    static boolean hasDoseMap(org.netra.imaging.quant.AcquisitionFacts facts) {
        boolean lutetium = facts.radiopharmaceutical()
                .flatMap(r -> r.nuclide())
                .filter(NuclideCatalog.icrp107().lutetium177().name()::equals)
                .isPresent();
        return lutetium
                && facts.timeSinceInjection()
                        .map(d -> d.toSeconds() / 3600.0 >= DOSE_MAP_MIN_HOURS)
                        .orElse(false);
    }

    /** SUV (body weight) per Bq/mL at scan start, when the series gives weight and injected activity. */
    public static java.util.OptionalDouble suvPerBqMl(org.netra.imaging.quant.AcquisitionFacts facts) {
        return switch (org.netra.imaging.quant.Suv.factor(
                facts, new org.netra.imaging.quant.SuvNormalisation.BodyWeight())) {
            case org.netra.imaging.quant.SuvFactor.Defined d -> java.util.OptionalDouble.of(d.factor());
            case org.netra.imaging.quant.SuvFactor.Undefined u -> java.util.OptionalDouble.empty();
        };
    }

    /** The illustrative note beside a single-time-point dose map made {@code hours} after injection. */
    public static String doseNote(double hours) {
        return String.format(
                Locale.ROOT,
                "illustrative dose map: single time point at %.1f h (Hänscheid 2018), local deposition"
                        + " in soft tissue; not for decisions",
                hours);
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
            ImageVolume emission = q.image();
            Optional<ImageVolume> ct = Files.isDirectory(ctOf(folder))
                    ? Optional.of(SeriesAssembler.assemble(ctOf(folder)).volume())
                    : Optional.empty();
            List<Mask> vois = rtstruct(folder).isPresent()
                    ? RtStruct.read(rtstruct(folder).get()).rasterise(emission.geometry())
                    : List.of();
            Optional<ImageVolume> dose = Optional.empty();
            String note = "";
            var hours = q.facts().timeSinceInjection().map(d -> d.toSeconds() / 3600.0);
            if (hasDoseMap(q.facts())) {
                dose = Optional.of(singlePointDose(emission, hours.orElseThrow()));
                note = doseNote(hours.get());
            }
            return new Scene(
                    title,
                    emission,
                    ct,
                    vois,
                    dose,
                    note,
                    Optional.of(new Scene.Acquisition(series.seriesInstanceUid(), q.facts())),
                    suvPerBqMl(q.facts()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the imaging study in " + folder, e);
        }
    }

    /** Voxel TIA from one time point (Hänscheid), then local deposition of 177Lu's non-penetrating energy. */
    public static ImageVolume singlePointDose(ImageVolume bqPerMl, double hours) {
        double ml = bqPerMl.geometry().voxelVolume().inMl();
        double secondsPerBq = new SinglePointMethod.Haenscheid().tiaMBqHours(hours, 1) * 3600;
        float[] c = bqPerMl.voxels();
        float[] tia = new float[c.length];
        for (int v = 0; v < c.length; v++) {
            tia[v] = (float) (Math.max(0, c[v]) * ml * secondsPerBq);
        }
        var lu = NuclideCatalog.icrp107().lutetium177();
        return LocalDeposition.dose(
                ImageVolume.wrap(bqPerMl.geometry(), VoxelUnit.BQ_S, tia),
                EnergyPartition.of(lu),
                Density.ofGramsPerMl(1.04));
    }
}

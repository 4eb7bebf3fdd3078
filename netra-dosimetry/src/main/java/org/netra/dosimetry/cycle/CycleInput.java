package org.netra.dosimetry.cycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.volume.ImageVolume;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.quantity.Activity;

/** What one cycle's dosimetry is computed from: {@link CyclePipeline#run} reads and validates it. */
public sealed interface CycleInput {
    /** Where the VOIs come from. */
    VoiSource vois();

    /**
     * One time point on disk: its quantitative SPECT (or PET) series and, for SPECT/CT, the CT taken with it
     * (in the same Frame of Reference).
     */
    record Scan(Path series, Optional<Path> ct) {
        public Scan {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(ct, "ct of " + series);
        }
    }

    /**
     * Series folders (or files) as a user gives them: the CLI's arguments, a web upload unpacked, a PACS pull.
     *
     * @param densityCt a CT on the first scan's frame for the density map; empty for the reference scan's own CT
     *     when it has one, else soft tissue everywhere
     * @param selectedVois the VOIs to compute (by name); empty for all
     */
    record Series(List<Scan> scans, Optional<Path> densityCt, VoiSource vois, Optional<List<String>> selectedVois)
            implements CycleInput {
        public Series {
            scans = List.copyOf(scans);
            if (scans.isEmpty()) {
                throw new CycleInputException("give at least one time point (a quantitative SPECT or PET series)");
            }
            Objects.requireNonNull(densityCt, "densityCt");
            Objects.requireNonNull(vois, "vois");
            selectedVois = selectedVois.map(List::copyOf);
        }
    }

    /**
     * Images already in memory with what their headers would say (the demo's digital twins): the same
     * pipeline from alignment on.
     *
     * @param cts each time point's CT (HU) in its frame, or none at all
     * @param density g/mL on the reference grid, or empty for soft tissue
     * @param seriesPsfFwhmMm the resolution the images state, as (0018,1050) would
     */
    record Images(
            String patientId,
            Nuclide nuclide,
            LocalDateTime injection,
            Activity injected,
            List<TimePointImage> timePoints,
            List<ImageVolume> cts,
            Optional<ImageVolume> density,
            VoiSource vois,
            OptionalDouble seriesPsfFwhmMm)
            implements CycleInput {
        public Images {
            timePoints = List.copyOf(timePoints);
            cts = List.copyOf(cts);
            if (timePoints.isEmpty()) {
                throw new CycleInputException("give at least one time point");
            }
            if (!cts.isEmpty() && cts.size() != timePoints.size()) {
                throw new MissingCtException("give a CT for every time point or none (" + cts.size() + " CTs for "
                        + timePoints.size() + " time points)");
            }
        }
    }

    /**
     * Each emission series with the CT of its SPECT/CT session: a CT with the same Frame of Reference UID acquired
     * within an hour of it, the nearest in time; a series without one gets none. The web's uploads are paired so.
     */
    static List<Scan> pairByFrameOfReference(List<Path> emission, List<Path> cts) throws IOException {
        List<Header> ctHeaders = new ArrayList<>();
        for (Path c : cts) {
            ctHeaders.add(header(c));
        }
        List<Scan> out = new ArrayList<>();
        List<Path> used = new ArrayList<>();
        for (Path e : emission) {
            Header h = header(e);
            Optional<Header> best = ctHeaders.stream()
                    .filter(c -> !used.contains(c.path())
                            && c.frame().equals(h.frame())
                            && !h.frame().isEmpty())
                    .filter(c -> minutesApart(c.acquired(), h.acquired()) <= 60)
                    .min(java.util.Comparator.comparingLong(c -> minutesApart(c.acquired(), h.acquired())));
            best.ifPresent(c -> used.add(c.path()));
            out.add(new Scan(e, best.map(Header::path)));
        }
        return out;
    }

    private static long minutesApart(Optional<LocalDateTime> a, Optional<LocalDateTime> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.abs(Duration.between(a.get(), b.get()).toMinutes());
    }

    private static Header header(Path seriesPath) throws IOException {
        Path first = seriesPath;
        if (Files.isDirectory(seriesPath)) {
            try (Stream<Path> files = Files.list(seriesPath)) {
                first = files.filter(Files::isRegularFile).sorted().findFirst().orElse(seriesPath);
            }
        }
        var h = DicomFile.read(first, DicomFile.Extent.HEADER).dataset();
        Optional<LocalDateTime> at = Optional.empty();
        Optional<String> da = h.string(Tag.ACQUISITION_DATE).or(() -> h.string(Tag.SERIES_DATE));
        Optional<String> tm = h.string(Tag.ACQUISITION_TIME).or(() -> h.string(Tag.SERIES_TIME));
        if (da.isPresent()
                && tm.isPresent()
                && da.get().length() == 8
                && tm.get().length() >= 6) {
            try {
                at = Optional.of(LocalDateTime.of(
                        Integer.parseInt(da.get().substring(0, 4)),
                        Integer.parseInt(da.get().substring(4, 6)),
                        Integer.parseInt(da.get().substring(6, 8)),
                        Integer.parseInt(tm.get().substring(0, 2)),
                        Integer.parseInt(tm.get().substring(2, 4)),
                        Integer.parseInt(tm.get().substring(4, 6))));
            } catch (RuntimeException e) {
                at = Optional.empty(); // unpaired by time
            }
        }
        return new Header(seriesPath, h.string(Tag.FRAME_OF_REFERENCE_UID).orElse(""), at);
    }

    /** A series' Frame of Reference UID and acquisition, for pairing. */
    record Header(Path path, String frame, Optional<LocalDateTime> acquired) {}
}

package org.netra.imaging.quant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.PlanarView;
import org.netra.physics.nuclide.EmissionLine;
import org.netra.physics.nuclide.Nuclide;

/**
 * The photopeak window of a multi-window NM acquisition and its frames. Cameras record a main window around
 * the nuclide's gamma line and scatter windows beside it (dual- or triple-energy-window scatter correction);
 * quantities are read from the main window only. The window is chosen by the physics, not by its name (names
 * are free text: "EM", "Lu177_208", "PEAK1"): the nuclide's most intense gamma line that a window holds, and of
 * the windows holding it the narrowest.
 */
public final class PhotopeakWindow {
    /** Lines below this yield per decay are not photopeaks anyone images. */
    private static final double MIN_YIELD = 0.01;

    /** One Energy Window Information Sequence item (PS3.3 C.8.4.10), numbered from 1 as the vectors count. */
    public record EnergyWindow(int number, String name, double lowerKeV, double upperKeV) {
        public boolean holds(double keV) {
            return keV >= lowerKeV && keV <= upperKeV;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "window %d%s %.1f–%.1f keV",
                    number,
                    name.isEmpty() ? "" : " '" + name + "'",
                    lowerKeV,
                    upperKeV);
        }
    }

    /**
     * The photopeak window, the line it holds, its views (frames) and the windows left out; {@link #how} says
     * which, for the page and the report.
     */
    public record Selection(EnergyWindow window, double lineKeV, List<PlanarView> views, List<EnergyWindow> leftOut) {
        public Selection {
            views = List.copyOf(views);
            leftOut = List.copyOf(leftOut);
        }

        public String how() {
            return String.format(
                            Locale.ROOT,
                            "%s holds the %.1f keV line: its %d frames (%s) are used",
                            window,
                            lineKeV,
                            views.size(),
                            String.join(
                                    ", ", views.stream().map(PlanarView::name).toList()))
                    + (leftOut.isEmpty() ? "" : "; left out: " + leftOut);
        }
    }

    private PhotopeakWindow() {}

    /** The energy windows an NM data set describes, in order; a window without a range is left out. */
    public static List<EnergyWindow> windows(Attributes ds) {
        List<EnergyWindow> out = new ArrayList<>();
        List<Attributes> items = ds.sequence(Tag.ENERGY_WINDOW_INFORMATION_SEQUENCE);
        for (int i = 0; i < items.size(); i++) {
            Attributes w = items.get(i);
            Optional<Attributes> range =
                    w.sequence(Tag.ENERGY_WINDOW_RANGE_SEQUENCE).stream().findFirst();
            if (range.isEmpty()) {
                continue;
            }
            var lower = range.get().decimal(Tag.ENERGY_WINDOW_LOWER_LIMIT);
            var upper = range.get().decimal(Tag.ENERGY_WINDOW_UPPER_LIMIT);
            if (lower.isPresent() && upper.isPresent()) {
                out.add(new EnergyWindow(
                        i + 1, w.string(Tag.ENERGY_WINDOW_NAME).orElse(""), lower.getAsDouble(), upper.getAsDouble()));
            }
        }
        return out;
    }

    /**
     * The photopeak window of a planar NM series acquired with {@code nuclide}, and its views; a typed error
     * naming the windows and lines when no window holds a line of the nuclide, or the series has no windows.
     */
    public static Selection of(AssembledSeries planar, Nuclide nuclide) {
        List<EnergyWindow> windows = windows(planar.header());
        if (windows.isEmpty()) {
            throw new QuantificationException(
                    planar.source(),
                    "(0054,0012) EnergyWindowInformationSequence",
                    "no energy window with a range is described, so the photopeak frames cannot be told apart",
                    "re-export the acquisition with its energy windows");
        }
        List<EmissionLine> lines = nuclide.gammaLines(MIN_YIELD);
        for (EmissionLine line : lines) {
            double keV = line.energy().inKeV();
            Optional<EnergyWindow> peak = windows.stream()
                    .filter(w -> w.holds(keV))
                    .min(Comparator.comparingDouble(w -> w.upperKeV() - w.lowerKeV()));
            if (peak.isPresent()) {
                int number = peak.get().number();
                List<PlanarView> views = planar.views().stream()
                        .filter(v -> v.energyWindow() == number)
                        .toList();
                if (views.isEmpty()) {
                    throw new QuantificationException(
                            planar.source(),
                            "(0054,0010) EnergyWindowVector",
                            "no frame is of the photopeak " + peak.get(),
                            "re-export the acquisition with its Energy Window Vector");
                }
                List<EnergyWindow> leftOut =
                        windows.stream().filter(w -> w.number() != number).toList();
                return new Selection(peak.get(), keV, views, leftOut);
            }
        }
        throw new QuantificationException(
                planar.source(),
                "(0054,0012) EnergyWindowInformationSequence",
                "no window " + windows + " holds a gamma line of " + nuclide.name() + " ("
                        + String.join(
                                ", ",
                                lines.stream()
                                        .map(l -> String.format(
                                                Locale.ROOT,
                                                "%.1f keV",
                                                l.energy().inKeV()))
                                        .toList())
                        + ")",
                "check the nuclide: the acquisition was set up for another");
    }
}

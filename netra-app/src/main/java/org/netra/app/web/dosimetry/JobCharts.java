package org.netra.app.web.dosimetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.dosimetry.dvh.DoseVolumeHistogram;

/**
 * Time–activity and DVH charts as the page's chart script reads them (xy points on linear axes), for a finished
 * job and for a stored cycle's dosimetry.
 */
public final class JobCharts {
    /** Twelve distinguishable colours: a cycle's VOIs (kidneys, organs, marrow, five tumours) each get their own. */
    private static final String[] COLORS = {
        "#1d5c7a", "#c2571a", "#3b8a3e", "#7a3b8a", "#b8860b", "#d1495b", "#2a9d8f", "#6c757d", "#8d5524", "#264653",
        "#e76f51", "#5e60ce"
    };

    private JobCharts() {}

    /** One region's data to draw; {@code curve} and {@code dvh} are null where there are none. */
    record Region(
            String name,
            double[] hours,
            double[] mBq,
            Optional<ModelCurve> curve,
            Optional<DoseVolumeHistogram.Curve> dvh) {}

    /** Measured activities (markers) and the curve the TIA integrates (line) per VOI, MBq against hours. */
    public static String timeActivity(DosimetryJobs.Result r) {
        return timeActivity(regions(r));
    }

    /** Cumulative DVH per VOI (volume % receiving at least the dose); empty when no VOI has one. */
    public static String dvh(DosimetryJobs.Result r) {
        return dvh(regions(r));
    }

    private static List<Region> regions(DosimetryJobs.Result r) {
        return r.vois().stream()
                .map(v -> new Region(v.name(), r.hours(), v.activityMBq(), v.curve(), v.dvh()))
                .toList();
    }

    static String timeActivity(List<Region> regions) {
        List<String> sets = new ArrayList<>();
        int c = 0;
        for (var v : regions) {
            String color = COLORS[c++ % COLORS.length];
            sets.add(set("scatter", v.name() + " measured", color, false, 5, v.hours(), v.mBq()));
            v.curve()
                    .ifPresent(curve -> sets.add(
                            set("line", v.name() + " integrated", color, false, 0, curve.hours(), curve.mBq())));
        }
        // organs and tumours differ by orders of magnitude in MBq: a log axis shows every curve's shape
        return chart("time after injection (h)", "activity (MBq)", true, sets);
    }

    static String dvh(List<Region> regions) {
        List<String> sets = new ArrayList<>();
        int c = 0;
        for (var v : regions) {
            String color = COLORS[c++ % COLORS.length];
            if (v.dvh().isPresent()) {
                var dvh = v.dvh().get();
                double[] percent = new double[dvh.fraction().length];
                for (int i = 0; i < percent.length; i++) {
                    percent[i] = 100 * dvh.fraction()[i];
                }
                sets.add(set("line", v.name(), color, true, 0, dvh.gy(), percent));
            }
        }
        return sets.isEmpty() ? "" : chart("absorbed dose (Gy)", "volume (%)", false, sets);
    }

    /** @param yLog a logarithmic activity axis: organs and tumours differ by orders of magnitude in MBq */
    private static String chart(String x, String y, boolean yLog, List<String> sets) {
        return "{\"xLabel\":\"" + x + "\",\"yLabel\":\"" + y + "\",\"yLog\":" + yLog + ",\"datasets\":" + sets + "}";
    }

    private static String set(
            String type, String label, String color, boolean stepped, int radius, double[] x, double[] y) {
        var points = new StringBuilder("[");
        for (int i = 0; i < x.length; i++) {
            points.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"x\":%.6g,\"y\":%.6g}", x[i], y[i]));
        }
        return "{\"type\":\"" + type + "\",\"label\":\"" + label.replace("\"", "'") + "\",\"color\":\"" + color
                + "\",\"stepped\":" + stepped + ",\"radius\":" + radius + ",\"points\":" + points + "]}";
    }
}

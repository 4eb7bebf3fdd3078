package org.netra.app.web.dosimetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netra.dosimetry.dvh.DoseVolumeHistogram;

/**
 * Time–activity and DVH charts as the page's chart script reads them (xy points on linear axes), for a finished
 * job and for a stored cycle's dosimetry.
 */
public final class JobCharts {
    private static final String[] COLORS = {"#1d5c7a", "#c2571a", "#3b8a3e", "#7a3b8a"};

    private JobCharts() {}

    /** One region's data to draw; {@code curve} and {@code dvh} are null where there are none. */
    record Region(String name, double[] hours, double[] mBq, ModelCurve curve, DoseVolumeHistogram.Curve dvh) {}

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
            if (v.curve() != null) {
                sets.add(set(
                        "line",
                        v.name() + " integrated",
                        color,
                        false,
                        0,
                        v.curve().hours(),
                        v.curve().mBq()));
            }
        }
        return chart("time after injection (h)", "activity (MBq)", sets);
    }

    static String dvh(List<Region> regions) {
        List<String> sets = new ArrayList<>();
        int c = 0;
        for (var v : regions) {
            String color = COLORS[c++ % COLORS.length];
            if (v.dvh() != null) {
                double[] percent = new double[v.dvh().fraction().length];
                for (int i = 0; i < percent.length; i++) {
                    percent[i] = 100 * v.dvh().fraction()[i];
                }
                sets.add(set("line", v.name(), color, true, 0, v.dvh().gy(), percent));
            }
        }
        return sets.isEmpty() ? "" : chart("absorbed dose (Gy)", "volume (%)", sets);
    }

    private static String chart(String x, String y, List<String> sets) {
        return "{\"xLabel\":\"" + x + "\",\"yLabel\":\"" + y + "\",\"datasets\":" + sets + "}";
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

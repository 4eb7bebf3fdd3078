package org.netra.app.web.dosimetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A finished job's charts as the page's chart script reads them (xy points on linear axes). */
public final class JobCharts {
    private static final String[] COLORS = {"#1d5c7a", "#c2571a", "#3b8a3e", "#7a3b8a"};

    private JobCharts() {}

    /** Measured activities (markers) and the curve the TIA integrates (line) per VOI, MBq against hours. */
    public static String timeActivity(DosimetryJobs.Result r) {
        List<String> sets = new ArrayList<>();
        int c = 0;
        for (var v : r.vois()) {
            String color = COLORS[c++ % COLORS.length];
            sets.add(set("scatter", v.name() + " measured", color, false, 5, r.hours(), v.activityMBq()));
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

    /** Cumulative DVH per VOI (volume % receiving at least the dose); empty when no VOI has one. */
    public static String dvh(DosimetryJobs.Result r) {
        List<String> sets = new ArrayList<>();
        int c = 0;
        for (var v : r.vois()) {
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

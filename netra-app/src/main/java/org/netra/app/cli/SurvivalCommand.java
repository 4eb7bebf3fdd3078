package org.netra.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.netra.clinical.followup.ConfidenceType;
import org.netra.clinical.followup.KaplanMeier;
import org.netra.clinical.followup.LogRank;
import org.netra.clinical.followup.SurvivalObservation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netra survival --csv FILE --time COL --event COL [--group COL]}: Kaplan–Meier and log-rank. */
@Command(
        name = "survival",
        mixinStandardHelpOptions = true,
        description = "Kaplan–Meier curves with Greenwood intervals and the log-rank test, as R's survival package.")
final class SurvivalCommand implements Runnable {
    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "comma-separated, with a header row")
    Path csv;

    @Option(names = "--time", required = true, paramLabel = "COL", description = "column of follow-up times")
    String timeColumn;

    @Option(
            names = "--event",
            required = true,
            paramLabel = "COL",
            description = "column of event indicators: 1/0 or true/false; with --event-coding 1/2, 2/1 as R's Surv")
    String eventColumn;

    @Option(
            names = "--event-coding",
            paramLabel = "CODING",
            description = "0/1 (1 or true = event; the default) or 1/2 (R's Surv: 2 = event, 1 = censored);"
                    + " required when the column holds 2s or only 1s")
    String eventCoding;

    /** How the event column says event or censored. */
    enum EventCoding {
        /** 1 or true = event, 0 or false = censored. */
        ZERO_ONE("0/1", Set.of("0", "1", "true", "false"), Set.of("1", "true")),
        /** R's Surv with 1/2 status: 2 = event, 1 = censored. */
        ONE_TWO("1/2", Set.of("1", "2"), Set.of("2"));

        final String label;
        final Set<String> values;
        final Set<String> events;

        EventCoding(String label, Set<String> values, Set<String> events) {
            this.label = label;
            this.values = values;
            this.events = events;
        }

        static EventCoding parse(String text) {
            for (EventCoding c : values()) {
                if (c.label.equals(text.strip())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("--event-coding is '" + text + "'; use 0/1 or 1/2");
        }
    }

    @Option(names = "--group", paramLabel = "COL", description = "column to split curves by and to test")
    String groupColumn;

    @Option(names = "--conf-type", description = "log (R's default), log-log or plain", defaultValue = "log")
    String confType;

    @Option(names = "--conf-level", description = "confidence level (default 0.95)", defaultValue = "0.95")
    double confLevel;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record Row(double time, int atRisk, int events, int censored, double survival, Double lower, Double upper) {}

    record Curve(
            String group,
            int subjects,
            int events,
            Double median,
            Double medianLower,
            Double medianUpper,
            List<Row> table) {}

    record Test(double chiSquare, int degreesOfFreedom, double pValue, List<LogRank.GroupCount> groups) {}

    record Report(String confType, double confLevel, List<Curve> curves, Test logRank) {}

    @Override
    public void run() {
        ConfidenceType type =
                switch (confType) {
                    case "log" -> ConfidenceType.LOG;
                    case "log-log" -> ConfidenceType.LOG_LOG;
                    case "plain" -> ConfidenceType.PLAIN;
                    default ->
                        throw new IllegalArgumentException(
                                "--conf-type must be log, log-log or plain, got " + confType);
                };
        List<SurvivalObservation> data = read();
        Map<String, List<SurvivalObservation>> groups = new TreeMap<>();
        for (SurvivalObservation o : data) {
            groups.computeIfAbsent(o.group(), g -> new ArrayList<>()).add(o);
        }
        List<Curve> curves = new ArrayList<>();
        groups.forEach((g, list) -> curves.add(curve(KaplanMeier.fit(g, list, confLevel, type))));
        Test test = null;
        if (groupColumn != null) {
            var r = LogRank.test(data);
            test = new Test(r.chiSquare(), r.degreesOfFreedom(), r.pValue(), r.groups());
        }
        var report = new Report(confType, confLevel, curves, test);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            for (Curve c : curves) {
                out.printf(
                        Locale.ROOT,
                        "%s n=%d events=%d median=%s (%s–%s)%n",
                        c.group().isEmpty() ? "all" : c.group(),
                        c.subjects(),
                        c.events(),
                        fmt(c.median()),
                        fmt(c.medianLower()),
                        fmt(c.medianUpper()));
                out.println("      time  at risk  events  survival     lower     upper");
                for (Row r : c.table()) {
                    out.printf(
                            Locale.ROOT,
                            "%10.4g %8d %7d %9.4f %9s %9s%n",
                            r.time(),
                            r.atRisk(),
                            r.events(),
                            r.survival(),
                            fmt(r.lower()),
                            fmt(r.upper()));
                }
            }
            if (test != null) {
                out.printf(
                        Locale.ROOT,
                        "log-rank: chi-square %.4f on %d df, p = %.4g%n",
                        test.chiSquare(),
                        test.degreesOfFreedom(),
                        test.pValue());
            }
        }
        out.flush();
    }

    private static Curve curve(KaplanMeier.Curve k) {
        var rows = k.rows().stream()
                .map(r -> new Row(
                        r.time(),
                        r.atRisk(),
                        r.events(),
                        r.censored(),
                        r.survival(),
                        r.lower().orElse(null),
                        r.upper().orElse(null)))
                .toList();
        return new Curve(
                k.group(),
                k.subjects(),
                k.events(),
                k.median().orElse(null),
                k.medianLower().orElse(null),
                k.medianUpper().orElse(null),
                rows);
    }

    private static String fmt(Double v) {
        return v == null ? "NA" : String.format(Locale.ROOT, "%.4g", v);
    }

    private List<SurvivalObservation> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + csv + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + " is empty; it needs a header row and data");
        }
        List<String> header = cells(lines.get(0));
        int ti = column(header, timeColumn, "--time");
        int ei = column(header, eventColumn, "--event");
        int gi = groupColumn == null ? -1 : column(header, groupColumn, "--group");
        List<String[]> rows = new ArrayList<>();
        Set<String> eventValues = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> c = cells(lines.get(i));
            if (c.size() != header.size()) {
                throw new IllegalArgumentException(
                        csv + " line " + (i + 1) + ": " + c.size() + " cells, the header has " + header.size());
            }
            String t = c.get(ti);
            String e = c.get(ei);
            if (t.isEmpty() || t.equals("NA") || e.isEmpty() || e.equals("NA")) {
                continue; // R's survfit drops missing values too
            }
            String g = gi < 0 ? "" : c.get(gi);
            if (gi >= 0 && (g.isEmpty() || g.equals("NA"))) {
                continue;
            }
            rows.add(new String[] {t, e.toLowerCase(Locale.ROOT), g, String.valueOf(i + 1)});
            eventValues.add(e.toLowerCase(Locale.ROOT));
        }
        EventCoding coding = coding(eventValues);
        List<SurvivalObservation> out = new ArrayList<>();
        for (String[] r : rows) {
            double time;
            try {
                time = Double.parseDouble(r[0]);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        csv + " line " + r[3] + ": time '" + r[0] + "' in column " + timeColumn + " is not a number");
            }
            if (!coding.values.contains(r[1])) {
                throw new IllegalArgumentException(csv + " line " + r[3] + ": event '" + r[1] + "' in column "
                        + eventColumn + " is not " + coding.label + " coding ("
                        + coding.values.stream().sorted().toList() + ")"
                        + (eventCoding == null ? "; give --event-coding if the column uses another" : ""));
            }
            boolean event = coding.events.contains(r[1]);
            out.add(new SurvivalObservation(time, event, r[2]));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(csv + " has no complete rows");
        }
        return out;
    }

    /**
     * The coding named by --event-coding; without it 0/1, unless the column holds a 2 or nothing but 1s:
     * then 0/1 and R's 1/2 would read it differently (every 1 an event, or every 1 censored), so the user
     * must say which rather than netra guessing.
     */
    private EventCoding coding(Set<String> present) {
        if (eventCoding != null) {
            return EventCoding.parse(eventCoding);
        }
        if (present.contains("2") || present.equals(Set.of("1"))) {
            throw new IllegalArgumentException("column " + eventColumn + " of " + csv + " holds "
                    + present.stream().sorted().toList() + ": is 1 an event (0/1 coding) or censored (R's 1/2"
                    + " coding, 2 = event)? Say which with --event-coding 0/1 or --event-coding 1/2");
        }
        return EventCoding.ZERO_ONE;
    }

    private int column(List<String> header, String name, String option) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(
                    option + " column '" + name + "' is not in " + csv + "; columns: " + header);
        }
        return i;
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.split(",", -1)) {
            String t = c.trim();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            out.add(t);
        }
        return out;
    }
}

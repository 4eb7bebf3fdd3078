package org.netra.app.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.TimeIntegratedActivity;

/**
 * What a per-cycle dosimetry report shows, independent of where it came from (the store, the dosimetry
 * pipeline, a test): the report computes only what follows from these values (Gy/GBq, cumulative BED,
 * the share of the limit), so any source that can fill this record gets the same report.
 */
public record DosimetryReport(
        ReportPatient patient,
        int cycle,
        LocalDate treatmentDate,
        Activity administered,
        String method,
        List<Curve> curves,
        List<DoseRow> doses,
        List<BedCycle> kidneyBed,
        AbsorbedDose kidneyBedLimit,
        Decision decision,
        Instant generated,
        EanmChecklist checklist,
        ZoneId zone,
        Optional<ReportSignature> signature,
        Optional<MonteCarloTable> monteCarlo) {

    /** A draft report without checklist values, its times in UTC. */
    public DosimetryReport(
            ReportPatient patient,
            int cycle,
            LocalDate treatmentDate,
            Activity administered,
            String method,
            List<Curve> curves,
            List<DoseRow> doses,
            List<BedCycle> kidneyBed,
            AbsorbedDose kidneyBedLimit,
            Decision decision,
            Instant generated) {
        this(
                patient,
                cycle,
                treatmentDate,
                administered,
                method,
                curves,
                doses,
                kidneyBed,
                kidneyBedLimit,
                decision,
                generated,
                EanmChecklist.empty(),
                ZoneOffset.UTC,
                Optional.empty(),
                Optional.empty());
    }

    public DosimetryReport {
        Objects.requireNonNull(checklist, "checklist");
        Objects.requireNonNull(zone, "the department's zone");
        signature = signature == null ? Optional.empty() : signature;
        monteCarlo = monteCarlo == null ? Optional.empty() : monteCarlo;
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(treatmentDate, "treatment date");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(generated, "generated");
        if (cycle < 1) {
            throw new IllegalArgumentException("cycle number must be 1 or more, got " + cycle);
        }
        if (!(administered.inGBq() > 0)) {
            throw new IllegalArgumentException("administered activity must be above zero, got " + administered);
        }
        if (!(kidneyBedLimit.inGy() > 0)) {
            throw new IllegalArgumentException("kidney BED limit must be above zero, got " + kidneyBedLimit);
        }
        curves = List.copyOf(curves);
        doses = List.copyOf(doses);
        kidneyBed = List.copyOf(kidneyBed);
        for (int i = 0; i < kidneyBed.size(); i++) {
            if (kidneyBed.get(i).cycle() != i + 1) {
                throw new IllegalArgumentException(
                        "kidney BED must list cycles 1.." + kidneyBed.size() + " in order; entry " + (i + 1)
                                + " is cycle " + kidneyBed.get(i).cycle());
            }
        }
    }

    /**
     * The zone as a reader expects it beside a time: "UTC" for the UTC offset (Java names it "Z"), else its region
     * id such as "Europe/Berlin".
     */
    public static String zoneName(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** Who the report is about. */
    public record ReportPatient(String id, String name, LocalDate birthDate) {
        public ReportPatient {
            Objects.requireNonNull(id, "patient id");
            Objects.requireNonNull(name, "patient name");
        }
    }

    /** One measured time point of a time–activity curve. */
    public record Sample(double hours, Activity activity) {}

    /**
     * A VOI's time–activity curve: the measured points and the fitted model sampled densely enough to
     * draw ({@code model} names it, e.g. "bi-exponential"; {@code fitted} may be empty).
     */
    public record Curve(String voi, String model, List<Sample> measured, List<Sample> fitted) {
        public Curve {
            Objects.requireNonNull(voi, "VOI name");
            measured = List.copyOf(measured);
            fitted = List.copyOf(fitted);
        }
    }

    /**
     * One line of the dose table: a VOI's absorbed dose with its standard deviation.
     *
     * @param mass empty where the source kept none (shown as a dash)
     * @param tia empty where the source kept none (a course's kidney mean, the marrow)
     * @param sd empty where the source gave none: shown as missing, never as ± 0
     */
    public record DoseRow(
            String voi,
            Optional<Mass> mass,
            Optional<TimeIntegratedActivity> tia,
            AbsorbedDose dose,
            Optional<AbsorbedDose> sd) {
        public DoseRow {
            Objects.requireNonNull(voi, "VOI name");
            Objects.requireNonNull(dose, "dose of " + voi);
            mass = mass == null ? Optional.empty() : mass;
            tia = tia == null ? Optional.empty() : tia;
            sd = sd == null ? Optional.empty() : sd;
        }

        /** Relative standard deviation in per cent, where there is an SD and a dose above zero. */
        public OptionalDouble relativeSdPercent() {
            return sd.isPresent() && dose.inGy() > 0
                    ? OptionalDouble.of(100 * sd.get().inGy() / dose.inGy())
                    : OptionalDouble.empty();
        }
    }

    /** The kidney BED of one cycle (this one or an earlier one). */
    public record BedCycle(int cycle, AbsorbedDose bed) {}

    /** What was decided for the next cycle, by whom, and why. */
    public record Decision(String verdict, List<String> reasons, String decidedBy) {
        public Decision {
            Objects.requireNonNull(verdict, "verdict");
            reasons = List.copyOf(reasons);
        }
    }

    /** This report with the checklist's values, its times shown in {@code zone}. */
    public DosimetryReport withChecklist(EanmChecklist values, ZoneId inZone) {
        return copy(values, inZone, signature, monteCarlo);
    }

    /** This report signed (the signature block printed at its end). */
    public DosimetryReport signed(ReportSignature by) {
        return copy(checklist, zone, Optional.of(by), monteCarlo);
    }

    /** This report with the cycle's Monte Carlo run beside the kernel (its table printed after the doses). */
    public DosimetryReport withMonteCarlo(MonteCarloTable table) {
        return copy(checklist, zone, signature, Optional.of(table));
    }

    private DosimetryReport copy(
            EanmChecklist checklist,
            ZoneId zone,
            Optional<ReportSignature> signature,
            Optional<MonteCarloTable> monteCarlo) {
        return new DosimetryReport(
                patient,
                cycle,
                treatmentDate,
                administered,
                method,
                curves,
                doses,
                kidneyBed,
                kidneyBedLimit,
                decision,
                generated,
                checklist,
                zone,
                signature,
                monteCarlo);
    }

    /**
     * The Monte Carlo beside the voxel kernel, per VOI, as the cycle's page shows it.
     *
     * @param run how far the run went, in words (histories, stop, seed, target and reached uncertainty)
     * @param geometry how the media were assigned, and how the electrons were handled
     * @param flagAbove the relative difference beyond which a VOI is flagged
     * @param rows the VOIs, then the automatic regions around tumours and kidneys
     * @param interfaceHeading what the automatic regions are and how they are flagged, printed above them
     */
    public record MonteCarloTable(
            String run, String geometry, double flagAbove, List<MonteCarloRow> rows, String interfaceHeading) {
        public MonteCarloTable {
            rows = List.copyOf(rows);
        }

        /** The user's VOIs. */
        public List<MonteCarloRow> vois() {
            return rows.stream().filter(r -> !r.automatic()).toList();
        }

        /** The regions netra drew around the tumours and kidneys (not VOIs; compared only). */
        public List<MonteCarloRow> interfaces() {
            return rows.stream().filter(MonteCarloRow::automatic).toList();
        }
    }

    /**
     * One VOI, or an automatic region around one: the Monte Carlo dose with its statistical SD, the kernel's dose
     * (empty without a kernel of the nuclide) and their difference.
     *
     * @param uncertain an automatic region not flagged whose difference ± 1 SD reaches beyond the threshold
     * @param automatic true for a region netra drew around a tumour or kidney, not a user's VOI
     */
    public record MonteCarloRow(
            String voi,
            AbsorbedDose monteCarlo,
            AbsorbedDose monteCarloSd,
            Optional<AbsorbedDose> kernel,
            Optional<Double> difference,
            boolean flagged,
            boolean uncertain,
            boolean automatic) {}

    /**
     * The figures a signature vouches for, by name: each dose row's mean (Gy) and the cumulative kidney BED, in
     * the report's order. An amendment lists the ones that differ from the version it replaces.
     */
    public Map<String, Double> figures() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("administered activity (GBq)", administered.inGBq());
        for (DoseRow row : doses) {
            out.put(row.voi() + " dose (Gy)", row.dose().inGy());
        }
        if (!kidneyBed.isEmpty()) {
            out.put("cumulative kidney BED (Gy)", cumulativeKidneyBed().inGy());
        }
        return out;
    }

    /**
     * The figures that differ between a previous version's and this one's ("kidneys dose (Gy): 3.12 to 3.30"),
     * at the two decimals the report prints; added and removed figures too.
     */
    public static List<String> changes(Map<String, Double> before, Map<String, Double> after) {
        List<String> out = new java.util.ArrayList<>();
        for (var e : after.entrySet()) {
            Double old = before.get(e.getKey());
            String now = String.format(java.util.Locale.ROOT, "%.2f", e.getValue());
            if (old == null) {
                out.add(e.getKey() + ": new, " + now);
            } else if (!String.format(java.util.Locale.ROOT, "%.2f", old).equals(now)) {
                // "to", not an arrow: the PDF's base-14 Helvetica has no arrow glyph
                out.add(e.getKey() + ": " + String.format(java.util.Locale.ROOT, "%.2f", old) + " to " + now);
            }
        }
        for (var e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                out.add(e.getKey() + ": removed (was " + String.format(java.util.Locale.ROOT, "%.2f", e.getValue())
                        + ")");
            }
        }
        return out;
    }

    /** Absorbed dose per administered activity for a dose row. */
    public double gyPerGBq(DoseRow row) {
        return row.dose().inGy() / administered.inGBq();
    }

    /** Kidney BED summed over the cycles given so far. */
    public AbsorbedDose cumulativeKidneyBed() {
        return AbsorbedDose.ofGy(
                kidneyBed.stream().mapToDouble(b -> b.bed().inGy()).sum());
    }

    /** The cumulative kidney BED as a share of the limit, in per cent. */
    public double kidneyBedPercentOfLimit() {
        return 100 * cumulativeKidneyBed().inGy() / kidneyBedLimit.inGy();
    }
}

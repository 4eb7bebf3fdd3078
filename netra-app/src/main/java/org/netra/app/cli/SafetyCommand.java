package org.netra.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.netra.clinical.safety.ContactScenario;
import org.netra.clinical.safety.DoseRate;
import org.netra.clinical.safety.InstructionSheet;
import org.netra.clinical.safety.RadiationProtection;
import org.netra.clinical.safety.ReleaseCriterion;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.physics.quantity.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra safety --administered T --measured T --dose-rate µSv/h --teff-hours H}: the release check and
 * the contact restrictions after a therapy, and the sheet the patient takes home.
 */
@Command(
        name = "safety",
        mixinStandardHelpOptions = true,
        description = "Release check after the 24 h isolation, and restriction periods for partner, children,"
                + " colleagues and public from the dose rate at 1 m and the effective half-life; prints the"
                + " patient's instruction sheet.")
final class SafetyCommand implements Runnable {
    @Option(names = "--patient", paramLabel = "ID", description = "patient id for the sheet", defaultValue = "")
    String patient;

    @Option(
            names = "--administered",
            required = true,
            paramLabel = "DATETIME",
            description = "administration, ISO (2024-05-02T09:30)")
    String administered;

    @Option(
            names = "--measured",
            required = true,
            paramLabel = "DATETIME",
            description = "when the dose rate was measured, ISO")
    String measured;

    @Option(names = "--dose-rate", required = true, paramLabel = "µSv/h", description = "dose rate at 1 m")
    double doseRate;

    @Option(
            names = "--teff-hours",
            required = true,
            paramLabel = "H",
            description = "whole-body effective half-life from the measurement on, hours")
    double teffHours;

    @Option(
            names = "--radiopharmaceutical",
            description = "lu177_dotatate (default), lu177_dotatoc, y90_dotatoc, in111_pentetreotide",
            defaultValue = "lu177_dotatate")
    String radiopharmaceutical;

    @Option(
            names = "--release",
            description = "us-nrc (projected dose ≤ 5 mSv, default) or australia (< 25 µSv/h at 1 m)",
            defaultValue = "us-nrc")
    String release;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record Release(
            boolean releasable, boolean writtenInstructions, double projectedDoseMilliSv, List<String> reasons) {}

    record Restriction(
            String contact,
            String restriction,
            double occupancy,
            double constraintMilliSv,
            long days,
            String until,
            double doseWithoutMilliSv,
            double doseWithMilliSv,
            String source) {}

    record Report(
            String patientId,
            String radiopharmaceutical,
            String administered,
            String measured,
            double doseRateMicroSvPerHour,
            double effectiveHalfLifeHours,
            Release release,
            List<Restriction> restrictions,
            String sheet) {}

    @Override
    public void run() {
        LocalDateTime given = dateTime(administered, "--administered");
        LocalDateTime at = dateTime(measured, "--measured");
        if (at.isBefore(given)) {
            throw new IllegalArgumentException("--measured " + at + " is before --administered " + given);
        }
        if (!(teffHours > 0) || Double.isInfinite(teffHours)) {
            throw new IllegalArgumentException("--teff-hours must be a positive number of hours, got " + teffHours);
        }
        Radiopharmaceutical rp = radiopharmaceutical();
        ReleaseCriterion criterion =
                switch (release.toLowerCase(Locale.ROOT)) {
                    case "us-nrc" -> ReleaseCriterion.ProjectedDose.usNrc();
                    case "australia" -> ReleaseCriterion.DoseRateAtOneMetre.australia();
                    default ->
                        throw new IllegalArgumentException("--release must be us-nrc or australia, got " + release);
                };
        var protection = new RadiationProtection(Duration.ofHours(24), criterion);
        DoseRate rate = DoseRate.ofMicroSvPerHour(doseRate);
        Duration teff = Times.ofHours(teffHours);
        var check = protection.releaseCheck(given, at, rate, teff);
        var restrictions = protection.restrictions(rate, teff, ContactScenario.defaults());
        String sheet = InstructionSheet.render(patient, rp.label(), given, at, rate, restrictions);
        var report = new Report(
                patient,
                rp.label(),
                given.toString(),
                at.toString(),
                doseRate,
                teffHours,
                new Release(
                        check.releasable(),
                        check.writtenInstructions(),
                        check.projectedDose().inMilliSv(),
                        check.reasons()),
                restrictions.stream()
                        .map(r -> new Restriction(
                                r.scenario().name(),
                                r.scenario().restriction(),
                                r.scenario().occupancy(),
                                r.scenario().constraintPerCycle().inMilliSv(),
                                r.days(),
                                r.days() == 0
                                        ? null
                                        : InstructionSheet.until(at, r).toString(),
                                r.withoutRestriction().inMilliSv(),
                                r.withRestriction().inMilliSv(),
                                r.scenario().source()))
                        .toList(),
                sheet);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            out.println(
                    (check.releasable() ? "RELEASABLE" : "NOT RELEASABLE") + ": " + String.join("; ", check.reasons()));
            out.println();
            out.print(sheet);
        }
        out.flush();
    }

    private Radiopharmaceutical radiopharmaceutical() {
        String want = radiopharmaceutical.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Radiopharmaceutical r : Radiopharmaceutical.values()) {
            if (r.name().equals(want)) {
                return r;
            }
        }
        throw new IllegalArgumentException("--radiopharmaceutical " + radiopharmaceutical
                + " is not one of lu177_dotatate, lu177_dotatoc, y90_dotatoc, in111_pentetreotide");
    }

    private static LocalDateTime dateTime(String text, String option) {
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option + " '" + text + "' is not an ISO date-time; write it as 2024-05-02T09:30");
        }
    }
}

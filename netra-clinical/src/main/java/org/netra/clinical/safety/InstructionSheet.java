package org.netra.clinical.safety;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The plain-text sheet the patient takes home: each restriction with the date it ends. Restriction periods
 * run from the dose-rate measurement they were computed from, not from the administration.
 */
public final class InstructionSheet {
    private InstructionSheet() {}

    public static String render(
            String patientId,
            String radiopharmaceutical,
            LocalDateTime administered,
            LocalDateTime measuredAt,
            DoseRate atOneMetre,
            List<RadiationProtection.Restriction> restrictions) {
        var sb = new StringBuilder();
        sb.append("RADIATION SAFETY AFTER YOUR TREATMENT\n");
        sb.append("=====================================\n\n");
        sb.append("Patient: ").append(patientId).append('\n');
        sb.append("Treatment: ")
                .append(radiopharmaceutical)
                .append(", given ")
                .append(administered.toLocalDate())
                .append(" at ")
                .append(administered.toLocalTime())
                .append('\n');
        sb.append(String.format(
                Locale.ROOT, "Dose rate at 1 m when measured: %.1f µSv/h%n%n", atOneMetre.inMicroSvPerHour()));
        sb.append("Your body gives off a little radiation for some days. To protect the people around you,\n");
        sb.append("please keep to these rules until the dates shown (the day after the date you are free):\n\n");
        for (var r : restrictions) {
            if (r.days() == 0) {
                sb.append(String.format(
                        Locale.ROOT,
                        "  - %-22s no restriction needed%n",
                        r.scenario().name() + ":"));
            } else {
                sb.append(String.format(
                        Locale.ROOT,
                        "  - %-22s %s, for %d day(s), until %s%n",
                        r.scenario().name() + ":",
                        r.scenario().restriction(),
                        r.days(),
                        until(measuredAt, r)));
            }
        }
        sb.append("\nAlways: drink plenty, sit down to pass urine and flush twice, wash your hands well.\n");
        sb.append("If you need hospital care in this time, show this sheet.\n");
        return sb.toString();
    }

    /** The last day of a restriction: the day its period, counted from the measurement, ends. */
    public static LocalDate until(LocalDateTime measuredAt, RadiationProtection.Restriction r) {
        return measuredAt.plus(r.kept()).toLocalDate();
    }
}

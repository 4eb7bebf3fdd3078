package org.netra.app.dosimetry;

import java.time.Duration;
import java.util.Locale;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.montecarlo.MonteCarloSettings;

/**
 * The Monte Carlo's settings a user may choose, as text (the CLI's {@code --mc-*} options, the job form's
 * {@code mc*} fields and a queued job's parameters), checked against safe bounds and laid over
 * {@link MonteCarloSettings#defaults()}. A blank choice keeps the default.
 *
 * @param seed the generator's seed (any integer)
 * @param targetPercent the relative SD (1 SD of the mean, %) each kidney and tumour VOI is to reach
 * @param timeLimit the wall time after which the run stops at the end of a round, as seconds or with a unit
 *     ("90", "90s", "5m")
 * @param threads worker threads (1 to the machine's processors)
 */
public record MonteCarloChoices(String seed, String targetPercent, String timeLimit, String threads) {
    /**
     * The smallest target. The electrons' part of the dose has no noise, so a tumour's total is often at 0.1 % after
     * one round; below 0.01 % the run would only ever stop at its time limit.
     */
    public static final double MIN_TARGET_PERCENT = 0.01;

    /** Above this the Monte Carlo is too noisy to judge a 5 % difference from the kernel. */
    public static final double MAX_TARGET_PERCENT = 10;

    /** A job holds a worker for at most this long. */
    public static final Duration MAX_TIME_LIMIT = Duration.ofHours(2);

    public static final MonteCarloChoices DEFAULTS = new MonteCarloChoices(null, null, null, null);

    /** How each choice is named to the user: the CLI's options or the form's fields. */
    public record Names(String seed, String targetPercent, String timeLimit, String threads) {
        public static final Names CLI =
                new Names("--mc-seed", "--mc-target-uncertainty", "--mc-time-limit", "--mc-threads");
        public static final Names FORM = new Names("mcSeed", "mcTargetUncertainty", "mcTimeLimit", "mcThreads");
    }

    /** A choice that cannot be used; {@link #option} names it as the user gave it. */
    public static final class InvalidChoiceException extends CycleInputException {
        private static final long serialVersionUID = 1L;
        private final String option;

        InvalidChoiceException(String option, String message) {
            super(option + ": " + message);
            this.option = option;
        }

        public String option() {
            return option;
        }

        /** The message without the option's name (a form shows it beside the field). */
        public String reason() {
            return getMessage().substring(option.length() + 2);
        }
    }

    /** The settings these choices give over the defaults; a choice out of its bounds is refused naming it. */
    public MonteCarloSettings settings(Names names) {
        MonteCarloSettings s = MonteCarloSettings.defaults();
        if (given(seed)) {
            try {
                s = s.withSeed(Long.parseLong(seed.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidChoiceException(
                        names.seed(), "the seed is a whole number, e.g. 42; got '" + seed + "'");
            }
        }
        double target = s.targetRelativeSd();
        if (given(targetPercent)) {
            double percent = number(targetPercent, names.targetPercent(), "a percentage, e.g. 2");
            if (!(percent >= MIN_TARGET_PERCENT && percent <= MAX_TARGET_PERCENT)) {
                throw new InvalidChoiceException(
                        names.targetPercent(),
                        String.format(
                                Locale.ROOT,
                                "the target uncertainty is a percentage from %.2f to %.0f (default %.0f); got '%s'",
                                MIN_TARGET_PERCENT,
                                MAX_TARGET_PERCENT,
                                100 * s.targetRelativeSd(),
                                targetPercent));
            }
            target = percent / 100;
        }
        Duration limit = s.timeLimit();
        if (given(timeLimit)) {
            limit = duration(timeLimit, names.timeLimit());
        }
        s = s.withTarget(target, limit);
        if (given(threads)) {
            int max = Runtime.getRuntime().availableProcessors();
            int t;
            try {
                t = Integer.parseInt(threads.strip());
            } catch (NumberFormatException e) {
                t = -1;
            }
            if (t < 1 || t > max) {
                throw new InvalidChoiceException(
                        names.threads(),
                        "the threads are a whole number from 1 to this machine's " + max + " processors; got '"
                                + threads + "'");
            }
            s = s.withThreads(t);
        }
        return s;
    }

    /** The choices that give {@code s} back (a queued job keeps them as text, as it keeps its other options). */
    public static MonteCarloChoices of(MonteCarloSettings s) {
        return new MonteCarloChoices(
                Long.toString(s.seed()),
                String.format(Locale.ROOT, "%s", 100 * s.targetRelativeSd()),
                s.timeLimit().toMillis() / 1000.0 + "s",
                // the machine's own count is not kept: another node may have other processors
                s.threads() == MonteCarloSettings.defaults().threads() ? null : Integer.toString(s.threads()));
    }

    /** True when any choice is made (the CLI refuses them without {@code --method monte-carlo}). */
    public boolean anyGiven() {
        return given(seed) || given(targetPercent) || given(timeLimit) || given(threads);
    }

    private static boolean given(String text) {
        return text != null && !text.isBlank();
    }

    private static double number(String text, String option, String what) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidChoiceException(option, "give " + what + "; got '" + text + "'");
        }
    }

    private static Duration duration(String text, String option) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        double scale = 1;
        if (t.endsWith("min")) {
            scale = 60;
            t = t.substring(0, t.length() - 3);
        } else if (t.endsWith("m")) {
            scale = 60;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        double seconds;
        try {
            seconds = Double.parseDouble(t.strip()) * scale;
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds >= 1 && seconds <= MAX_TIME_LIMIT.toSeconds())) {
            throw new InvalidChoiceException(
                    option,
                    "the time limit is from 1 s to " + MAX_TIME_LIMIT.toMinutes() + " min, as seconds or with a unit"
                            + " (90, 90s, 5m); got '" + text + "'");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}

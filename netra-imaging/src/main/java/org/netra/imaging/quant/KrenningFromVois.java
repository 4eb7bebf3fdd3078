package org.netra.imaging.quant;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;

/**
 * A suggested Krenning grade for a lesion VOI of a quantitative SPECT or PET: its mean uptake against the mean
 * uptake of liver and spleen reference VOIs on the same image, each measured by {@link RoiStatistics} (what
 * {@code netra quantify} prints). The scale (Kwekkeboom &amp; Krenning, Semin Nucl Med 2002;32:84–91; as
 * Radiopaedia's "Krenning score" summarises it): 1 uptake below normal liver, 2 equal to liver, 3 above liver,
 * 4 above spleen (or kidneys); graded by {@link KrenningScale}. The reader grades; this is a suggestion.
 *
 * <p>A reference VOI is recognised by its name alone: "liver" or "spleen", optionally with "normal" before or
 * "ref"/"reference"/"background" after (any case, separators ignored). A lesion VOI whose name merely mentions
 * the organ ("lesion1 liver R lobe") is not a reference — guessing one from a lesion's name would grade the
 * lesion against itself.
 */
public final class KrenningFromVois {
    private static final Pattern LIVER = reference("liver");
    private static final Pattern SPLEEN = reference("spleen");

    private KrenningFromVois() {}

    /** The suggestion, or why there is none. */
    public sealed interface Suggestion {
        /** Grade {@code grade.grade()} from these mean uptakes (Bq/mL). */
        record Suggested(KrenningScale.Grade grade, double tumourBqPerMl, double liverBqPerMl, double spleenBqPerMl)
                implements Suggestion {}

        record NotSuggested(String reason) implements Suggestion {}
    }

    /** Suggests a grade for the VOI named {@code lesionVoi} among {@code vois} on the Bq/mL image. */
    public static Suggestion suggest(ImageVolume bqPerMl, List<Mask> vois, String lesionVoi, KrenningScale scale) {
        Optional<Mask> lesion =
                vois.stream().filter(m -> m.name().equals(lesionVoi)).findFirst();
        if (lesion.isEmpty()) {
            return new Suggestion.NotSuggested(
                    "the study has no VOI named '" + lesionVoi + "' (it has: " + names(vois) + ")");
        }
        Optional<Mask> liver =
                vois.stream().filter(m -> isReference(LIVER, m.name())).findFirst();
        Optional<Mask> spleen =
                vois.stream().filter(m -> isReference(SPLEEN, m.name())).findFirst();
        if (liver.isEmpty() || spleen.isEmpty()) {
            String missing = liver.isEmpty() && spleen.isEmpty()
                    ? "no liver and no spleen VOI"
                    : liver.isEmpty() ? "no liver VOI" : "no spleen VOI";
            return new Suggestion.NotSuggested("cannot suggest a grade: the study has " + missing + " to compare with"
                    + " (its VOIs: " + names(vois) + "); draw a 'Liver' and a 'Spleen' VOI of normal tissue");
        }
        double tumour = RoiStatistics.of(bqPerMl, lesion.get()).mean().inBqPerMl();
        double liverMean = RoiStatistics.of(bqPerMl, liver.get()).mean().inBqPerMl();
        double spleenMean = RoiStatistics.of(bqPerMl, spleen.get()).mean().inBqPerMl();
        if (!(liverMean > 0) || !(spleenMean > 0) || tumour < 0) {
            return new Suggestion.NotSuggested(String.format(
                    Locale.ROOT,
                    "cannot suggest a grade: mean uptake tumour %.0f, liver %.0f, spleen %.0f Bq/mL (liver and spleen"
                            + " must be positive)",
                    tumour,
                    liverMean,
                    spleenMean));
        }
        return new Suggestion.Suggested(scale.grade(tumour, liverMean, spleenMean), tumour, liverMean, spleenMean);
    }

    /** Whether {@code name} names a liver (or spleen) reference VOI by the convention above. */
    static boolean isReference(Pattern organ, String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").strip();
        return organ.matcher(n).matches();
    }

    static boolean isLiverReference(String name) {
        return isReference(LIVER, name);
    }

    private static Pattern reference(String organ) {
        return Pattern.compile("(normal )?" + organ + "( (ref|reference|background|normal))?");
    }

    private static String names(List<Mask> vois) {
        return vois.isEmpty()
                ? "none"
                : String.join(", ", vois.stream().map(Mask::name).toList());
    }
}

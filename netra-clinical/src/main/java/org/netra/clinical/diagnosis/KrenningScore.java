package org.netra.clinical.diagnosis;

/**
 * Uptake of a lesion on somatostatin-receptor imaging relative to normal organs (Krenning et al.;
 * docs/DOMAIN.md §1).
 */
public enum KrenningScore {
    NONE(0, "no uptake"),
    BELOW_LIVER(1, "much lower than liver"),
    LIVER(2, "equal to or lower than liver"),
    ABOVE_LIVER(3, "higher than liver"),
    ABOVE_SPLEEN_KIDNEYS(4, "higher than spleen or kidneys");

    private final int score;
    private final String meaning;

    KrenningScore(int score, String meaning) {
        this.score = score;
        this.meaning = meaning;
    }

    public int score() {
        return score;
    }

    public String meaning() {
        return meaning;
    }

    public static KrenningScore of(int score) {
        for (var k : values()) {
            if (k.score == score) {
                return k;
            }
        }
        throw new IllegalArgumentException("a Krenning score is 0–4, got " + score);
    }
}

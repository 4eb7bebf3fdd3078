package org.netra.clinical.patient;

/**
 * General condition on the ECOG (0–5) or Karnofsky (0–100 in steps of 10) scale. The conversion is the
 * usual table (Oken et al., Am J Clin Oncol 1982;5:649; Buccheri et al., Eur J Cancer 1996;32A:1135):
 * ECOG 0 = KPS 100, 1 = 80–90, 2 = 60–70, 3 = 40–50, 4 = 10–30, 5 = 0 (death).
 */
public sealed interface PerformanceStatus {
    Ecog toEcog();

    /** The Karnofsky range this status corresponds to. */
    KarnofskyRange karnofskyRange();

    record Ecog(int grade) implements PerformanceStatus {
        public Ecog {
            if (grade < 0 || grade > 5) {
                throw new InvalidLabValueException("ECOG performance status is 0–5, got " + grade);
            }
        }

        @Override
        public Ecog toEcog() {
            return this;
        }

        @Override
        public KarnofskyRange karnofskyRange() {
            return switch (grade) {
                case 0 -> new KarnofskyRange(100, 100);
                case 1 -> new KarnofskyRange(80, 90);
                case 2 -> new KarnofskyRange(60, 70);
                case 3 -> new KarnofskyRange(40, 50);
                case 4 -> new KarnofskyRange(10, 30);
                default -> new KarnofskyRange(0, 0);
            };
        }
    }

    record Karnofsky(int score) implements PerformanceStatus {
        public Karnofsky {
            if (score < 0 || score > 100 || score % 10 != 0) {
                throw new InvalidLabValueException(
                        "Karnofsky performance status is 0–100 in steps of 10, got " + score);
            }
        }

        @Override
        public Ecog toEcog() {
            if (score == 100) {
                return new Ecog(0);
            } else if (score >= 80) {
                return new Ecog(1);
            } else if (score >= 60) {
                return new Ecog(2);
            } else if (score >= 40) {
                return new Ecog(3);
            } else if (score >= 10) {
                return new Ecog(4);
            }
            return new Ecog(5);
        }

        @Override
        public KarnofskyRange karnofskyRange() {
            return new KarnofskyRange(score, score);
        }
    }

    /** An inclusive range of Karnofsky scores. */
    record KarnofskyRange(int lowest, int highest) {}
}

package org.netra.imaging.quant;

/** What an SUV divides the injected activity by (DOMAIN.md §3). */
public sealed interface SuvNormalisation {
    /** The short name used in reports and JSON (SUVbw, SULjames, SULjanma, SUVbsa). */
    String label();

    /** Body weight: SUVbw = C·W / A (g/mL). */
    record BodyWeight() implements SuvNormalisation {
        @Override
        public String label() {
            return "SUVbw";
        }
    }

    /** Lean body mass, James (1976): M 1.10W − 128(W/H)², F 1.07W − 148(W/H)², H in cm. */
    record LeanBodyMassJames() implements SuvNormalisation {
        @Override
        public String label() {
            return "SULjames";
        }
    }

    /** Lean body mass, Janmahasatian (2005): 9270W/(6680+216·BMI) M, 9270W/(8780+244·BMI) F. */
    record LeanBodyMassJanmahasatian() implements SuvNormalisation {
        @Override
        public String label() {
            return "SULjanma";
        }
    }

    /** Body surface area, Du Bois &amp; Du Bois (1916): 0.007184·W^0.425·H^0.725 m² (cm²/mL). */
    record BodySurfaceArea() implements SuvNormalisation {
        @Override
        public String label() {
            return "SUVbsa";
        }
    }

    static java.util.List<SuvNormalisation> all() {
        return java.util.List.of(
                new BodyWeight(), new LeanBodyMassJames(), new LeanBodyMassJanmahasatian(), new BodySurfaceArea());
    }
}

package org.netra.clinical.followup;

import java.util.Locale;
import java.util.Set;

/**
 * Clinical adverse events a physician grades after PRRT, by their CTCAE v5.0 term (NCI, 27 Nov 2017), with the
 * grades that term has (a dash in CTCAE is a grade the term does not have). The laboratory terms graded
 * from values are {@link CtcaeTerm}; these are the ones a physician judges. The long-term toxicities of
 * PRRT the seeds name — myelodysplastic syndrome, acute myeloid leukaemia, renal failure — are here.
 */
public enum AdverseEventTerm {
    MYELODYSPLASTIC_SYNDROME("Myelodysplastic syndrome", Set.of(4, 5)),
    /** CTCAE v5.0 files therapy-related AML as "Leukemia secondary to oncology chemotherapy". */
    ACUTE_MYELOID_LEUKAEMIA("Acute myeloid leukaemia (Leukemia secondary to oncology chemotherapy)", Set.of(4, 5)),
    /** Acute renal failure: CTCAE v5.0 "Acute kidney injury", grades 3–5. */
    ACUTE_KIDNEY_INJURY("Acute kidney injury (renal failure)", Set.of(3, 4, 5)),
    CHRONIC_KIDNEY_DISEASE("Chronic kidney disease", Set.of(1, 2, 3, 4, 5)),
    NAUSEA("Nausea", Set.of(1, 2, 3)),
    VOMITING("Vomiting", Set.of(1, 2, 3, 4, 5)),
    FATIGUE("Fatigue", Set.of(1, 2, 3)),
    ABDOMINAL_PAIN("Abdominal pain", Set.of(1, 2, 3)),
    ALOPECIA("Alopecia", Set.of(1, 2)),
    ANAEMIA("Anemia", Set.of(1, 2, 3, 4, 5)),
    PLATELET_COUNT_DECREASED("Platelet count decreased", Set.of(1, 2, 3, 4)),
    NEUTROPHIL_COUNT_DECREASED("Neutrophil count decreased", Set.of(1, 2, 3, 4)),
    LYMPHOCYTE_COUNT_DECREASED("Lymphocyte count decreased", Set.of(1, 2, 3, 4));

    private final String label;
    private final Set<Integer> grades;

    AdverseEventTerm(String label, Set<Integer> grades) {
        this.label = label;
        this.grades = grades;
    }

    /** The CTCAE term as people read it. */
    public String label() {
        return label;
    }

    /** The grades CTCAE v5.0 defines for this term. */
    public Set<Integer> grades() {
        return grades;
    }

    public boolean hasGrade(int grade) {
        return grades.contains(grade);
    }

    /** The term named by {@code text} (its enum name or label, any case), or an error listing the terms. */
    public static AdverseEventTerm parse(String text) {
        String t = text == null ? "" : text.strip();
        for (AdverseEventTerm a : values()) {
            if (a.name().equalsIgnoreCase(t.replace(' ', '_').replace('-', '_')) || a.label.equalsIgnoreCase(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown CTCAE term '" + text + "'; choose one of "
                + java.util.Arrays.stream(values())
                        .map(a -> a.name().toLowerCase(Locale.ROOT))
                        .toList());
    }
}

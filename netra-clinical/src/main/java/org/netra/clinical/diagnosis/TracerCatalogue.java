package org.netra.clinical.diagnosis;

import java.util.List;
import java.util.Map;

/**
 * Which tracer suits which NET (docs/DOMAIN.md §1): well-differentiated NET → SSTR PET (68Ga-DOTATATE,
 * -TOC, -NOC, 64Cu-DOTATATE; 111In-pentetreotide SRS where PET is unavailable); G3 / high Ki-67 / NEC
 * → 18F-FDG, usually with SSTR PET (dual tracer, to see whether PRRT can reach every lesion);
 * phaeochromocytoma → 18F-DOPA or 123I-MIBG; medullary thyroid carcinoma → 18F-DOPA; benign insulinoma
 * → GLP-1 receptor imaging.
 */
public final class TracerCatalogue {
    /** A tracer for a NET type, first choice or alternative, with the reason. */
    public record Recommendation(Tracer tracer, Role role, String reason) {}

    public enum Role {
        FIRST_CHOICE,
        COMPLEMENTARY,
        ALTERNATIVE
    }

    private static final String SSTR = "SSTR expression decides PRRT eligibility";
    private static final Map<NetType, List<Recommendation>> TABLE = Map.of(
            NetType.WELL_DIFFERENTIATED_NET,
            List.of(
                    new Recommendation(Tracer.GA68_DOTATATE, Role.FIRST_CHOICE, SSTR),
                    new Recommendation(Tracer.GA68_DOTATOC, Role.FIRST_CHOICE, SSTR),
                    new Recommendation(Tracer.GA68_DOTANOC, Role.FIRST_CHOICE, SSTR),
                    new Recommendation(Tracer.CU64_DOTATATE, Role.FIRST_CHOICE, SSTR),
                    new Recommendation(
                            Tracer.IN111_PENTETREOTIDE, Role.ALTERNATIVE, "SRS where SSTR PET is unavailable")),
            NetType.HIGH_GRADE,
            List.of(
                    new Recommendation(Tracer.F18_FDG, Role.FIRST_CHOICE, "dedifferentiated lesions are FDG-avid"),
                    new Recommendation(
                            Tracer.GA68_DOTATATE,
                            Role.COMPLEMENTARY,
                            "dual-tracer: FDG-positive, SSTR-negative lesions would escape PRRT")),
            NetType.PHAEOCHROMOCYTOMA_PARAGANGLIOMA,
            List.of(
                    new Recommendation(Tracer.F18_DOPA, Role.FIRST_CHOICE, "amine precursor uptake"),
                    new Recommendation(
                            Tracer.I123_MIBG,
                            Role.ALTERNATIVE,
                            "noradrenaline transporter; selects 131I-MIBG therapy")),
            NetType.MEDULLARY_THYROID_CARCINOMA,
            List.of(new Recommendation(Tracer.F18_DOPA, Role.FIRST_CHOICE, "amine precursor uptake")),
            NetType.BENIGN_INSULINOMA,
            List.of(new Recommendation(
                    Tracer.GA68_EXENDIN4, Role.FIRST_CHOICE, "benign insulinomas express GLP-1R more than SSTR")));

    private TracerCatalogue() {}

    /** The tracers that suit {@code type}, first choices first. */
    public static List<Recommendation> forType(NetType type) {
        return TABLE.get(type);
    }

    /** Whether {@code tracer} is listed (in any role) for {@code type}. */
    public static boolean suits(Tracer tracer, NetType type) {
        return forType(type).stream().anyMatch(r -> r.tracer() == tracer);
    }
}

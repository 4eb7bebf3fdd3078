package org.netra.sim.anatomy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A volume of interest as a dosimetry pipeline draws it: one or more phantom regions under a name (the
 * ROI name in the RTSTRUCT and the key in the ground truth).
 */
public record Voi(String name, Set<Region> regions, Kind kind) {
    public enum Kind {
        ORGAN,
        KIDNEY,
        MARROW,
        TUMOUR,
        BODY
    }

    public Voi {
        regions = Set.copyOf(regions);
    }

    public boolean tumour() {
        return kind == Kind.TUMOUR;
    }

    /** The VOIs every twin has: whole kidneys, their cortices, organs, marrow, each tumour and the body. */
    public static final List<Voi> STANDARD = List.of(
            new Voi("Kidney_L", EnumSet.of(Region.KIDNEY_L_CORTEX, Region.KIDNEY_L_MEDULLA), Kind.KIDNEY),
            new Voi("Kidney_R", EnumSet.of(Region.KIDNEY_R_CORTEX, Region.KIDNEY_R_MEDULLA), Kind.KIDNEY),
            new Voi("Kidney_L_cortex", EnumSet.of(Region.KIDNEY_L_CORTEX), Kind.KIDNEY),
            new Voi("Kidney_R_cortex", EnumSet.of(Region.KIDNEY_R_CORTEX), Kind.KIDNEY),
            new Voi("Liver", EnumSet.of(Region.LIVER), Kind.ORGAN),
            new Voi("Spleen", EnumSet.of(Region.SPLEEN), Kind.ORGAN),
            new Voi("Bladder", EnumSet.of(Region.BLADDER), Kind.ORGAN),
            new Voi("Marrow", EnumSet.of(Region.MARROW), Kind.MARROW),
            new Voi("Tumour_liver_1", EnumSet.of(Region.LIVER_MET_1), Kind.TUMOUR),
            new Voi("Tumour_liver_2", EnumSet.of(Region.LIVER_MET_2), Kind.TUMOUR),
            new Voi("Tumour_liver_3", EnumSet.of(Region.LIVER_MET_3), Kind.TUMOUR),
            new Voi("Tumour_pancreas", EnumSet.of(Region.PANCREAS_PRIMARY), Kind.TUMOUR),
            new Voi("Tumour_bone", EnumSet.of(Region.BONE_MET), Kind.TUMOUR),
            new Voi("Body", EnumSet.allOf(Region.class), Kind.BODY));

    /** The VOIs of a twin with lungs, besides {@link #STANDARD}: each lung and the lung tumour. */
    public static final List<Voi> THORAX = List.of(
            new Voi("Lung_L", EnumSet.of(Region.LUNG_L), Kind.ORGAN),
            new Voi("Lung_R", EnumSet.of(Region.LUNG_R), Kind.ORGAN),
            new Voi("Tumour_lung", EnumSet.of(Region.LUNG_TUMOUR), Kind.TUMOUR));

    /**
     * The VOIs a phantom of {@code spec} has: {@link #STANDARD}, and with lungs {@link #THORAX} too (the lung
     * tumour only when there is one), so that no VOI is empty.
     */
    public static List<Voi> of(PhantomSpec spec) {
        if (spec.lungs().isEmpty()) {
            return STANDARD;
        }
        boolean tumour = spec.lungs().get().tumourMl().isPresent();
        return java.util.stream.Stream.concat(
                        STANDARD.stream(),
                        THORAX.stream().filter(v -> tumour || !v.regions().contains(Region.LUNG_TUMOUR)))
                .toList();
    }
}

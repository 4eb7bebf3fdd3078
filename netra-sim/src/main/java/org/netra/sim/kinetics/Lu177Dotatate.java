package org.netra.sim.kinetics;

import java.util.EnumMap;
import java.util.Map;
import org.netra.sim.anatomy.Region;

/**
 * Population kinetics of [177Lu]Lu-DOTATATE after 7.4 GBq with amino-acid co-infusion, per tissue, with
 * effective half-lives. The values are chosen so that the reference twin lands inside the published
 * ranges, and each carries where its range comes from:
 *
 * <ul>
 *   <li>Kidneys: ≈ 2 % IA retained with T_eff ≈ 50 h after a fast renal transit; kidney dose 0.4–0.6 Gy/GBq
 *       (0.43 ± 0.13, Marin et al., EJNMMI Res 2018;8:109; 0.57 ± 0.09, Clin Nucl Med 2013 cohort of 61;
 *       T_eff ≈ 50 h, Sandström et al., J Nucl Med 2013;54:33; docs/DOMAIN.md §1). Medulla concentration half
 *       the cortex's (177Lu-peptide retention is cortical, De Jong et al., J Nucl Med 2005;46:1696).
 *   <li>Liver (normal parenchyma): ≈ 3.5 % IA, T_eff ≈ 70 h; 0.15–0.3 Gy/GBq (Sandström 2013; 0.27 ± 0.05 in
 *       the 2013 cohort).
 *   <li>Spleen: ≈ 1.2 % IA, T_eff ≈ 65 h; 0.6–1.2 Gy/GBq (Sandström 2013; 1.17 ± 0.14 in the 2013 cohort).
 *   <li>Tumours: 0.02–0.04 % IA/mL, T_eff ≈ 90 h, uptake half-time ≈ 2 h (peak near 24 h); 3.4 ± 0.7 Gy/GBq
 *       in the 2013 cohort, wide spread in Sandström 2013 and Ilan et al., J Nucl Med 2015;56:177.
 *   <li>Marrow: blood-like (red-marrow-to-blood ratio 1, EANM, Hindorf et al., EJNMMI 2010;37:1238), a fast
 *       phase of ≈ 1 h and a slow one of ≈ 45 h; blood-based marrow dose 0.01–0.03 Gy/GBq (DOMAIN.md §1,
 *       Forrer et al., EJNMMI 2009;36:1138).
 *   <li>Bladder: urine passing through, ≈ 6 % IA with a 3 h turnover (voiding every few hours).
 *   <li>Remainder (soft tissue, fat, bone outside the VOIs, the lungs): extracellular activity cleared by the
 *       kidneys, 64 % with T ≈ 1.4 h and 36 % with T_eff ≈ 50 h. Normal lung takes up little (minimal uptake in
 *       68Ga-DOTATATE PET, Özgüven et al., Mol Imaging Radionucl Ther 2021;30:39): it holds the remainder's
 *       activity per gram, a quarter of soft tissue's per mL at 0.26 g/mL (an assumption; no 177Lu lung series).
 * </ul>
 *
 * Total-body check (docs/DOMAIN.md §4): the dose rate at 1 m follows the whole-body activity, ≈ 18 µSv/h
 * right after infusion and ≈ 9 µSv/h at discharge about 5 h later (Mahmoudi et al., Int J Radiat Res
 * 2022;20:1; Levart et al., EJNMMI Phys 2019;6:7): these parameters leave ≈ 50 % of the activity in the
 * body at 5 h ({@link TrueKinetics#wholeBodyRetention}; tested).
 */
public final class Lu177Dotatate {
    private Lu177Dotatate() {}

    /** The standard activity per cycle, MBq. */
    public static final double STANDARD_ACTIVITY_MBQ = 7400;

    static final String KIDNEY = "Sandström 2013; Marin 2018; DOMAIN.md §1";

    /** Medulla-to-cortex activity concentration ratio. */
    public static final double MEDULLA_TO_CORTEX = 0.5;

    /** Both kidneys together (split between cortex and medulla by volume and {@link #MEDULLA_TO_CORTEX}). */
    public static final Uptake KIDNEYS = new Uptake(0.015, 2.5, 0.022, 50, 0.5, false, KIDNEY);

    public static final Uptake LIVER = new Uptake(0.03, 2, 0.035, 70, 0.5, false, "Sandström 2013");
    public static final Uptake SPLEEN = new Uptake(0.005, 3, 0.012, 65, 0.5, false, "Sandström 2013");
    public static final Uptake LIVER_METASTASIS =
            new Uptake(0.00005, 5, 0.0003, 90, 2, true, "Sandström 2013; Ilan 2015");
    public static final Uptake PANCREATIC_PRIMARY =
            new Uptake(0.00005, 5, 0.0004, 90, 2, true, "Sandström 2013; Ilan 2015");
    public static final Uptake BONE_METASTASIS =
            new Uptake(0.00005, 5, 0.0002, 90, 2, true, "Sandström 2013; Ilan 2015");
    /**
     * A tumour in the lung (a NET lung metastasis or a bronchopulmonary carcinoid): the liver metastases' curve,
     * for want of a published lung-lesion series; not in {@link #standard()}, only twins with a lung tumour draw it.
     */
    public static final Uptake LUNG_TUMOUR = new Uptake(0.00005, 5, 0.0003, 90, 2, true, "as liver metastases (model)");

    public static final Uptake MARROW = new Uptake(0.00012, 1.0, 0.000003, 45, 0, true, "Hindorf 2010; Forrer 2009");
    public static final Uptake BLADDER = new Uptake(0.06, 3, 0.0, 3, 0.7, false, "urinary transit (model)");
    public static final Uptake REMAINDER = new Uptake(0.64, 1.4, 0.36, 50, 0, false, "whole-body balance (model)");

    /** Tissue → curve for the standard twin; kidney regions share {@link #KIDNEYS}. */
    public static Map<Group, Uptake> standard() {
        Map<Group, Uptake> m = new EnumMap<>(Group.class);
        m.put(Group.KIDNEYS, KIDNEYS);
        m.put(Group.LIVER, LIVER);
        m.put(Group.SPLEEN, SPLEEN);
        m.put(Group.LIVER_MET_1, LIVER_METASTASIS);
        m.put(Group.LIVER_MET_2, LIVER_METASTASIS);
        m.put(Group.LIVER_MET_3, LIVER_METASTASIS);
        m.put(Group.PANCREAS_PRIMARY, PANCREATIC_PRIMARY);
        m.put(Group.BONE_MET, BONE_METASTASIS);
        m.put(Group.MARROW, MARROW);
        m.put(Group.BLADDER, BLADDER);
        m.put(Group.REMAINDER, REMAINDER);
        return m;
    }

    /** The kinetic compartments: each phantom region belongs to exactly one. */
    public enum Group {
        KIDNEYS,
        LIVER,
        SPLEEN,
        LIVER_MET_1,
        LIVER_MET_2,
        LIVER_MET_3,
        PANCREAS_PRIMARY,
        BONE_MET,
        MARROW,
        BLADDER,
        REMAINDER,
        /** Last, so that the draws for every other compartment of a twin stay in their order. */
        LUNG_TUMOUR;

        public static Group of(Region r) {
            return switch (r) {
                case KIDNEY_L_CORTEX, KIDNEY_L_MEDULLA, KIDNEY_R_CORTEX, KIDNEY_R_MEDULLA -> KIDNEYS;
                case LIVER -> LIVER;
                case SPLEEN -> SPLEEN;
                case LIVER_MET_1 -> LIVER_MET_1;
                case LIVER_MET_2 -> LIVER_MET_2;
                case LIVER_MET_3 -> LIVER_MET_3;
                case PANCREAS_PRIMARY -> PANCREAS_PRIMARY;
                case BONE_MET -> BONE_MET;
                case MARROW -> MARROW;
                case BLADDER -> BLADDER;
                case LUNG_TUMOUR -> LUNG_TUMOUR;
                // the lungs take part in the extracellular remainder (weighted by their mass, TrueKinetics)
                case SOFT_TISSUE, FAT, CORTICAL_BONE, LUNG_L, LUNG_R -> REMAINDER;
            };
        }
    }
}

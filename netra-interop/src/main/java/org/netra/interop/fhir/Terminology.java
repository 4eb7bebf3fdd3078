package org.netra.interop.fhir;

import java.util.Optional;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.TumourSite;

/**
 * The codes netra's FHIR uses: LOINC for laboratory values and scores (as mCODE does for ECOG and
 * Karnofsky), UCUM for units, SNOMED CT for body sites and route, DICOM for modalities, and netra's own
 * code systems where no standard code fits (Krenning score, tumour site and grade, CTCAE term and grade,
 * the radiopharmaceutical, the PRRT procedure).
 */
final class Terminology {
    private Terminology() {}

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String DICOM_UID = "urn:dicom:uid";

    /** netra's own code systems (URNs: they name, they do not resolve). */
    static final String NETRA = "urn:netra:fhir:";

    static final String PATIENT_ID = NETRA + "patient-id";
    static final String KRENNING = NETRA + "krenning-score";
    static final String TUMOUR_SITE = NETRA + "tumour-site";
    static final String NET_GRADE = NETRA + "net-grade";
    static final String CTCAE_TERM = NETRA + "ctcae-v5-term";
    static final String CTCAE_GRADE_EXTENSION = NETRA + "ctcae-v5-grade";
    static final String RADIOPHARMACEUTICAL = NETRA + "radiopharmaceutical";
    static final String PROCEDURE = NETRA + "procedure";
    static final String PRRT_CYCLE = NETRA + "prrt-cycle";
    static final String PLAN_SCHEDULE = NETRA + "prrt-schedule";
    static final String OBSERVATION = NETRA + "observation";

    /** The absorbed-dose exchange ({@link AbsorbedDoseFhir}): netra's codes where neither LOINC nor DICOM has one. */
    static final String DOSE_REGION_KIND = NETRA + "dose-region-kind";

    static final String MEAN_ABSORBED_DOSE = "mean-absorbed-dose";
    static final String ABSORBED_DOSE_SD = "absorbed-dose-sd";
    static final String EFFECTIVE_HALF_LIFE = "effective-half-life";
    static final String REGION_VOLUME = "region-volume";
    static final String BED = "biologically-effective-dose";

    /** LOINC "Radiation exposure and protection information", the code of the IG's Radiation Dose Summary. */
    static final String RADIATION_DOSE_SUMMARY = "73569-6";
    /** DICOM (PS3.16) concepts the IG's radiopharmaceutical components use. */
    static final String PROCEDURE_REPORTED = "121058";

    static final String RADIOPHARMACEUTICAL_ADMINISTRATION = "113502";
    static final String ADMINISTERED_ACTIVITY = "113507";
    /** SNOMED CT "Radiopharmaceutical agent", the IG's component for the agent. */
    static final String RADIOPHARMACEUTICAL_AGENT = "349358000";

    static final String KI67 = "29593-1";
    static final String GRADE = "21858-6";
    static final String ECOG = "89247-1";
    static final String KARNOFSKY = "89243-0";
    static final String BODY_WEIGHT = "29463-7";
    static final String BODY_HEIGHT = "8302-2";
    static final String KRENNING_CODE = "krenning";
    static final String INTRAVENOUS = "47625008";

    /** A LOINC code with its display and the UCUM unit of netra's canonical unit. */
    record LabCode(String loinc, String display, String ucum) {}

    static LabCode lab(Analyte analyte) {
        return switch (analyte) {
            case HAEMOGLOBIN -> new LabCode("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL");
            case PLATELETS -> new LabCode("777-3", "Platelets [#/volume] in Blood by Automated count", "10*9/L");
            case WHITE_BLOOD_CELLS ->
                new LabCode("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*9/L");
            case NEUTROPHILS -> new LabCode("751-8", "Neutrophils [#/volume] in Blood by Automated count", "10*9/L");
            case LYMPHOCYTES -> new LabCode("731-0", "Lymphocytes [#/volume] in Blood by Automated count", "10*9/L");
            case CREATININE -> new LabCode("14682-9", "Creatinine [Moles/volume] in Serum or Plasma", "umol/L");
            case CREATININE_CLEARANCE ->
                new LabCode("2164-2", "Creatinine renal clearance in 24 hour Urine and Serum or Plasma", "mL/min");
            case EGFR ->
                new LabCode(
                        "98979-8",
                        "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood"
                                + " by Creatinine-based formula (CKD-EPI 2021)",
                        "mL/min/{1.73_m2}");
            case BILIRUBIN -> new LabCode("14631-6", "Bilirubin.total [Moles/volume] in Serum or Plasma", "umol/L");
            case ALBUMIN -> new LabCode("1751-7", "Albumin [Mass/volume] in Serum or Plasma", "g/L");
            case ALT ->
                new LabCode("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L");
            case AST ->
                new LabCode(
                        "1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L");
            case CHROMOGRANIN_A -> new LabCode("9811-1", "Chromogranin A [Mass/volume] in Serum or Plasma", "ug/L");
        };
    }

    static Optional<Analyte> analyteOfLoinc(String code) {
        for (Analyte a : Analyte.values()) {
            if (lab(a).loinc().equals(code)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** SNOMED CT body structure of a primary site, when there is one. */
    record Site(String snomed, String display) {}

    /** SNOMED CT body structure of a dose region, from its kind or, for an organ, its name; empty for tumours. */
    static Optional<Site> doseSite(CycleDoseSummary.RegionKind kind, String region) {
        String name = region.toLowerCase(java.util.Locale.ROOT);
        return switch (kind) {
            case KIDNEYS -> Optional.of(new Site("64033007", "Kidney structure"));
            case RED_MARROW -> Optional.of(new Site("14016003", "Bone marrow structure"));
            case TUMOUR -> Optional.empty();
            case ORGAN -> {
                if (name.contains("kidney")) {
                    yield Optional.of(new Site("64033007", "Kidney structure"));
                } else if (name.contains("liver")) {
                    yield Optional.of(new Site("10200004", "Liver structure"));
                } else if (name.contains("spleen")) {
                    yield Optional.of(new Site("78961009", "Splenic structure"));
                } else if (name.contains("bladder")) {
                    yield Optional.of(new Site("89837001", "Urinary bladder structure"));
                }
                yield Optional.empty();
            }
        };
    }

    static Optional<Site> site(TumourSite site) {
        return switch (site) {
            case PANCREAS -> Optional.of(new Site("15776009", "Pancreatic structure"));
            case SMALL_INTESTINE -> Optional.of(new Site("30315005", "Small intestinal structure"));
            case LUNG -> Optional.of(new Site("39607008", "Lung structure"));
            case RECTUM -> Optional.of(new Site("34402009", "Rectum structure"));
            case STOMACH -> Optional.of(new Site("69695003", "Stomach structure"));
            case UNKNOWN_PRIMARY, OTHER -> Optional.empty();
        };
    }
}

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

/**
 * Organ-level absorbed dose, MIRD style D = Σ Ã·S: OpenDose S-values for the ICRP-110 adult phantoms with
 * self-dose scaled to the patient's organ mass, and a sphere model for tumours.
 */
package org.netra.dosimetry.organ;

package org.netra.app.web.patient;

/** One line of the patient list: who, where in the pathway (screening, on treatment, follow-up), what next. */
public record PatientSummary(String id, String name, String status, String detail) {}

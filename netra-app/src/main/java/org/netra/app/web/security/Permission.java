package org.netra.app.web.security;

/** What a signed-in user may do; roles grant permissions, routes demand them. */
public enum Permission {
    /** See patients and everything recorded about them. */
    VIEW_PATIENT,
    /** Create or edit patients, diagnoses and follow-up. */
    EDIT_PATIENT,
    /** Record care at the bedside: administrations, vitals, isolation. */
    RECORD_CARE,
    /** Record a cycle's dispensed dose: batch, calibrated activity, syringe residual. */
    DISPENSE,
    /** Run dosimetry (fits, dose maps) and edit its inputs. */
    RUN_DOSIMETRY,
    /** Sign off a cycle's dosimetry as correct. */
    APPROVE_DOSIMETRY,
    /** Plan cycles: activity, date, room. */
    PLAN_CYCLE,
    /** Approve a cycle for administration. */
    APPROVE_CYCLE,
    /** Create users, set roles, disable accounts, issue API tokens. */
    MANAGE_USERS,
    /** Read the audit trail. */
    VIEW_AUDIT
}

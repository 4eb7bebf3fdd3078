package org.netra.app.web.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The department's roles and the permissions each grants. Least privilege: only a physicist approves
 * dosimetry, only a physician approves a cycle, only a radiopharmacist records the dispensed dose, and the administrator manages accounts but sees no
 * patient.
 */
public enum Role {
    PHYSICIAN(
            "Nuclear-medicine physician",
            EnumSet.of(
                    Permission.VIEW_PATIENT, Permission.EDIT_PATIENT, Permission.PLAN_CYCLE, Permission.APPROVE_CYCLE)),
    PHYSICIST(
            "Medical physicist",
            EnumSet.of(Permission.VIEW_PATIENT, Permission.RUN_DOSIMETRY, Permission.APPROVE_DOSIMETRY)),
    NURSE("Nurse", EnumSet.of(Permission.VIEW_PATIENT, Permission.RECORD_CARE)),
    RADIOPHARMACIST("Radiopharmacist", EnumSet.of(Permission.VIEW_PATIENT, Permission.DISPENSE)),
    ADMIN("Administrator", EnumSet.of(Permission.MANAGE_USERS, Permission.VIEW_AUDIT));

    private final String title;
    private final Set<Permission> permissions;

    Role(String title, EnumSet<Permission> permissions) {
        this.title = title;
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    public String title() {
        return title;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }

    /** The role named by {@code text} (any case), or an error listing the roles. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown role " + text + "; choose one of physician, physicist, nurse, radiopharmacist, admin");
    }
}

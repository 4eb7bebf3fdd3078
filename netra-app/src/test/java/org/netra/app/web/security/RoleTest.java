package org.netra.app.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The permission matrix of docs/web.md, stated independently of Role's own table. */
class RoleTest {
    @Test
    void approvalsAndAdministrationBelongToExactlyOneRole() {
        assertThat(holders(Permission.APPROVE_DOSIMETRY)).containsExactly(Role.PHYSICIST);
        assertThat(holders(Permission.APPROVE_CYCLE)).containsExactly(Role.PHYSICIAN);
        assertThat(holders(Permission.MANAGE_USERS)).containsExactly(Role.ADMIN);
        assertThat(holders(Permission.VIEW_AUDIT)).containsExactly(Role.ADMIN);
        assertThat(holders(Permission.RUN_DOSIMETRY)).containsExactly(Role.PHYSICIST);
        assertThat(holders(Permission.RECORD_CARE)).containsExactly(Role.NURSE);
        assertThat(holders(Permission.DISPENSE)).containsExactly(Role.RADIOPHARMACIST);
    }

    @Test
    void everyClinicalRoleSeesPatientsAndTheAdministratorDoesNot() {
        assertThat(holders(Permission.VIEW_PATIENT))
                .containsExactlyInAnyOrder(Role.PHYSICIAN, Role.PHYSICIST, Role.NURSE, Role.RADIOPHARMACIST);
    }

    @Test
    void aDisabledAccountHasNoPermission() {
        var off = new UserAccount("x", "X", Role.PHYSICIST, false);
        assertThat(Arrays.stream(Permission.values()).noneMatch(off::can)).isTrue();
        assertThat(Access.signedIn().allows(off)).isFalse();
        assertThat(Access.everyone().allows(null)).isTrue();
        assertThat(Access.requires(Permission.VIEW_PATIENT).allows(null)).isFalse();
    }

    @Test
    void rolesParseAnyCaseAndRefuseOthers() {
        assertThat(Role.parse(" Physicist ")).isEqualTo(Role.PHYSICIST);
        assertThatThrownBy(() -> Role.parse("surgeon"))
                .hasMessageContaining("physician, physicist, nurse, radiopharmacist, admin");
    }

    private static EnumSet<Role> holders(Permission p) {
        EnumSet<Role> s = EnumSet.noneOf(Role.class);
        for (Role r : Role.values()) {
            if (r.grants(p)) {
                s.add(r);
            }
        }
        return s;
    }
}

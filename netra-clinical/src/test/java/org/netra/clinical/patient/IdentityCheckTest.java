package org.netra.clinical.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.Mass;

class IdentityCheckTest {
    static final Patient INGRID = new Patient(
            "P-0042",
            Sex.FEMALE,
            LocalDate.of(1961, 5, 17),
            List.of(new Dated<>(LocalDate.of(2025, 1, 1), Mass.ofKg(68))),
            List.of(new Dated<>(LocalDate.of(2025, 1, 1), Length.ofCm(168))));

    static IdentityCheck.DicomIdentity dicom(String id, String name, String birth) {
        return new IdentityCheck.DicomIdentity(id, Optional.ofNullable(name), Optional.ofNullable(birth));
    }

    @Test
    void theSamePatientWrittenTheDicomWayMatches() {
        assertThat(IdentityCheck.differences(INGRID, "Ingrid Åberg", dicom("P-0042", "ABERG^INGRID^^MRS", "19610517")))
                .isEmpty();
        // a header without name and birth date is checked on its Patient ID alone
        assertThat(IdentityCheck.differences(INGRID, "Ingrid Åberg", dicom("P-0042", null, " ")))
                .isEmpty();
    }

    @Test
    void anotherPatientsImagesAreRefusedWithEveryDifference() {
        var d = IdentityCheck.differences(INGRID, "Ingrid Åberg", dicom("P-0043", "Berg^Ingrid", "19610518"));
        assertThat(d).hasSize(3);
        assertThat(d.get(0)).contains("'P-0043'").contains("'P-0042'");
        assertThat(d.get(1)).contains("Berg^Ingrid");
        assertThat(d.get(2)).contains("1961-05-18").contains("1961-05-17");
        assertThat(IdentityCheck.differences(INGRID, "Ingrid Åberg", dicom("P-0042", "ABERG^INGRID", "1961-05-17")))
                .singleElement()
                .asString()
                .contains("not a DICOM date");
        assertThatThrownBy(() -> IdentityCheck.require(
                        INGRID, "Ingrid Åberg", dicom("P-0042", "Anonymous", "19610517"), "dosimetry job j1"))
                .isInstanceOf(IdentityCheck.MismatchException.class)
                .hasMessageStartingWith("dosimetry job j1 is not of Ingrid Åberg (P-0042): Patient's Name 'Anonymous'");
    }

    @Test
    void imagesMayCarryTheHospitalsMrnAsPatientIdButNoOtherNumber() {
        var mrn = List.of(new Identifier(Identifier.MRN, "HOSP-1001"), new Identifier("trial", "NT-7"));
        // the hospital wrote its number its own way: case, spaces and separators aside it is the MRN
        assertThat(IdentityCheck.differences(INGRID, "Ingrid Åberg", mrn, dicom("hosp 1001", "ABERG^INGRID", null)))
                .isEmpty();
        assertThat(IdentityCheck.differences(INGRID, "Ingrid Åberg", mrn, dicom("NT-7", null, null)))
                .isEmpty();
        assertThat(IdentityCheck.differences(INGRID, "Ingrid Åberg", mrn, dicom("HOSP-1002", null, null)))
                .singleElement()
                .asString()
                .contains("'HOSP-1002' is neither the chart's 'P-0042' nor its MRN 'HOSP-1001' nor its trial 'NT-7'");
        // without identifiers only the chart's own id matches
        assertThat(IdentityCheck.differences(INGRID, "Ingrid Åberg", dicom("HOSP-1001", null, null)))
                .hasSize(1);
    }
}

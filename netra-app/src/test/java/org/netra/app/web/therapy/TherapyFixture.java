package org.netra.app.web.therapy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.Length;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TumourSite;
import org.netra.clinical.therapy.PlanRules;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.physics.quantity.Mass;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.PatientRecord;

/**
 * A patient with a label PRRT course, put into the store directly: registration is built elsewhere, and
 * these tests are about what follows it.
 */
public final class TherapyFixture {
    public static final ZoneId DEPARTMENT = ZoneId.of("Europe/Stockholm");

    private TherapyFixture() {}

    public static PatientRecord patient(String id, String name, LocalDate birth) {
        var p = new Patient(
                id,
                Sex.FEMALE,
                birth,
                List.of(new Dated<>(LocalDate.of(2025, 2, 20), Mass.ofKg(68.5))),
                List.of(new Dated<>(LocalDate.of(2024, 2, 20), Length.ofCm(168))));
        return new PatientRecord(
                p,
                name,
                new PrimaryTumour(
                        TumourSite.SMALL_INTESTINE, Grade.G2, Optional.of(new Ki67(8, LocalDate.of(2024, 1, 10)))),
                List.of(),
                List.of(),
                Optional.empty(),
                false);
    }

    /** The patient and a label course (4 × 7.4 GBq, 8 weeks apart) whose first cycle is at {@code first}. */
    public static CourseRecord register(Store store, String id, String name, LocalDateTime first) {
        store.records().create(ClinicalKinds.PATIENT, patient(id, name, LocalDate.of(1961, 5, 17)), "test-setup");
        var course = new CourseRecord(
                ClinicalKinds.key(id, "prrt-1"),
                id,
                PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, first, PlanRules.DEFAULTS));
        store.records().create(ClinicalKinds.COURSE, course, "test-setup");
        return course;
    }

    /** A clock the test moves, in the department's zone. */
    public static final class TestClock extends Clock {
        private volatile Instant now;

        public TestClock(LocalDateTime at) {
            set(at);
        }

        public void set(LocalDateTime at) {
            this.now = at.atZone(DEPARTMENT).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return DEPARTMENT;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the department's clock keeps its zone");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

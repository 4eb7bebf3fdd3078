package org.netra.store.clinical;

import java.time.ZoneId;
import java.util.Optional;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.physics.quantity.Activity;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * The activity a cycle actually gave: the radiopharmacist's dispensing decay-corrected to the nurse's
 * administration time with the radiopharmaceutical's physical half-life (ICRP-107). Empty until both are
 * recorded. The one place every surface (cycle page, dosimetry attachment) reads it from.
 */
public final class AdministeredActivities {

    private AdministeredActivities() {}

    public static Optional<Activity> of(Records records, CourseRecord course, int cycle, ZoneId zone) {
        var dispensing = records.find(ClinicalKinds.DISPENSING, DispensingRecord.idOf(course.id(), cycle));
        var administration = records.find(ClinicalKinds.ADMINISTRATION, AdministrationRecord.idOf(course.id(), cycle));
        if (dispensing.isEmpty() || administration.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(dispensing
                .map(Stored::value)
                .get()
                .dispensing()
                .administeredAt(administration.get().value().administered(), zone, halfLife(course)));
    }

    /** The physical half-life of the course's radiopharmaceutical. */
    public static java.time.Duration halfLife(CourseRecord course) {
        Radiopharmaceutical rp = course.plan().radiopharmaceutical();
        return rp.nuclide().halfLife();
    }
}

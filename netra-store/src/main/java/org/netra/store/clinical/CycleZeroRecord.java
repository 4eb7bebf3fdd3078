package org.netra.store.clinical;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A patient's virtual cycle 0: the pre-therapy 68Ga PET SUVmeans of the kidneys, spleen and tumours, the 177Lu
 * Gy/GBq predicted from each with its 90 % interval by the department's predictor of version
 * {@code predictorVersion}, the first activity proposed from the kidneys, and where the SUVmeans came from
 * ({@code suvSource}: {@link #TYPED}, or measured on a held PET study, naming its series and VOIs). One per course
 * ({@link #idOf}); after cycle 1 the stored dosimetry is compared with it and it joins the recalibration.
 */
public record CycleZeroRecord(
        String id,
        String patientId,
        String courseId,
        LocalDate petDate,
        List<Predicted> regions,
        int predictorVersion,
        double proposedGBq,
        String proposalReason,
        String suvSource) {

    /** How a record says its SUVmeans were typed by the user (and what records from before the choice say). */
    public static final String TYPED = "typed";

    /**
     * One region's PET and prediction.
     *
     * @param region "kidney", "tumour" or "spleen"
     * @param name the VOI or lesion ("kidneys", a lesion id)
     */
    public record Predicted(
            String region,
            String name,
            double petSuvMean,
            double medianGyPerGBq,
            double lower90GyPerGBq,
            double upper90GyPerGBq) {
        public Predicted {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(name, "name");
            if (!(petSuvMean > 0)) {
                throw new IllegalArgumentException(name + ": the PET SUVmean must be positive, got " + petSuvMean);
            }
        }
    }

    public CycleZeroRecord {
        Keys.require(id, patientId, "virtual cycle 0");
        Objects.requireNonNull(courseId, "course of virtual cycle 0 " + id);
        Objects.requireNonNull(petDate, "date of the PET of virtual cycle 0 " + id);
        regions = List.copyOf(regions);
        proposalReason = proposalReason == null ? "" : proposalReason;
        suvSource = suvSource == null || suvSource.isBlank() ? TYPED : suvSource;
    }

    /** A virtual cycle 0 whose SUVmeans were typed. */
    public CycleZeroRecord(
            String id,
            String patientId,
            String courseId,
            LocalDate petDate,
            List<Predicted> regions,
            int predictorVersion,
            double proposedGBq,
            String proposalReason) {
        this(id, patientId, courseId, petDate, regions, predictorVersion, proposedGBq, proposalReason, TYPED);
    }

    /** The id of a course's virtual cycle 0. */
    public static String idOf(String courseId) {
        return courseId + "/cycle-0";
    }

    /** The kidneys' prediction (every virtual cycle 0 has one). */
    public Predicted kidneys() {
        return regions.stream()
                .filter(r -> r.region().equals("kidney"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("virtual cycle 0 " + id + " has no kidney prediction"));
    }
}

package org.netra.app.cyclezero;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.app.viewer.Scene;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.RegionRole;
import org.netra.dosimetry.cycle.RoleRules;
import org.netra.imaging.quant.RoiStatistics;
import org.netra.imaging.quant.Suv;
import org.netra.imaging.quant.SuvFactor;
import org.netra.imaging.quant.SuvNormalisation;
import org.netra.imaging.volume.Mask;

/**
 * The organ and tumour SUVmeans of a virtual cycle 0 measured on a PET study netra holds, from the VOIs drawn on it,
 * instead of typed: the kidneys (every VOI whose role is kidney, their voxels together: the predictor's kidneys are
 * both), the spleen (an organ VOI named spleen), and each tumour VOI by name. Body-weight SUV from the study's header
 * ({@link Suv}) and each VOI's mean Bq/mL ({@link RoiStatistics}) — the code {@code netra quantify} and the PET read
 * form use, which matches pydicom/NumPy on the real FDG PET (HeldStudyReadTest).
 *
 * @param kidneys the kidneys' SUVmean (empty without a kidney VOI)
 * @param spleen the spleen's SUVmean (empty without a spleen VOI)
 * @param tumours each tumour VOI's SUVmean, by VOI name
 * @param source what was measured on which series, for the record
 */
public record PetRegionSuvs(
        Optional<Double> kidneys, Optional<Double> spleen, Map<String, Double> tumours, String source) {

    public PetRegionSuvs {
        tumours = Map.copyOf(tumours);
    }

    /**
     * Measures the study's regions.
     *
     * @throws CycleInputException naming the study when its header does not give an SUV (weight, dose or times
     *     missing) or when it has no kidney, spleen or tumour VOI
     */
    public static PetRegionSuvs measure(Scene study, RoleRules roles) {
        var acquisition = study.acquisition()
                .orElseThrow(() -> new CycleInputException("study " + study.title()
                        + " has no emission series netra can quantify: type the SUVmeans instead"));
        double factor =
                switch (Suv.factor(acquisition.facts(), new SuvNormalisation.BodyWeight())) {
                    case SuvFactor.Defined d -> d.factor();
                    case SuvFactor.Undefined u ->
                        throw new CycleInputException("study " + study.title() + " gives no body-weight SUV ("
                                + String.join("; ", u.reasons()) + "): type the SUVmeans instead");
                };
        List<Mask> kidneyVois = new ArrayList<>();
        Optional<Double> spleen = Optional.empty();
        Map<String, Double> tumours = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        for (Mask m : study.vois()) {
            RegionRole role = roles.roleOf(m.name());
            String key = RoleRules.key(m.name());
            if (role == RegionRole.KIDNEY) {
                kidneyVois.add(m);
            } else if (role == RegionRole.TUMOUR) {
                tumours.put(m.name(), mean(study, m) * factor);
                used.add(m.name());
            } else if (role == RegionRole.ORGAN && key.matches("(.* )?spleen( .*)?") && spleen.isEmpty()) {
                spleen = Optional.of(mean(study, m) * factor);
                used.add(m.name());
            }
        }
        Optional<Double> kidneys = Optional.empty();
        if (!kidneyVois.isEmpty()) {
            // both kidneys' voxels together: their mean weighted by size, as one organ
            double sum = 0;
            long n = 0;
            for (Mask m : kidneyVois) {
                RoiStatistics r = RoiStatistics.of(study.emission(), m);
                sum += r.mean().inBqPerMl() * r.voxelCount();
                n += r.voxelCount();
                used.add(m.name());
            }
            kidneys = Optional.of(sum / n * factor);
        }
        if (used.isEmpty()) {
            throw new CycleInputException("study " + study.title() + " has no kidney, spleen or tumour VOI (it has "
                    + study.vois().stream().map(Mask::name).toList() + "): draw them, or type the SUVmeans");
        }
        return new PetRegionSuvs(
                kidneys,
                spleen,
                tumours,
                String.format(
                        Locale.ROOT,
                        "measured on %s (series %s): SUVbw mean of VOIs %s",
                        study.title(),
                        acquisition.seriesInstanceUid(),
                        String.join(", ", used)));
    }

    private static double mean(Scene study, Mask m) {
        return RoiStatistics.of(study.emission(), m).mean().inBqPerMl();
    }
}

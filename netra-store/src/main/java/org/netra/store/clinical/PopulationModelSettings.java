package org.netra.store.clinical;

import java.util.Objects;
import org.netra.clinical.therapy.CourseForecaster;
import org.netra.dosimetry.population.DepartmentPopulationModel;

/**
 * The department's population model (issue 19) as one versioned, audited record ({@link #ID}): the last refit from
 * its stored cycles, and the accepted probability of crossing a limit with the next cycle that the course forecast
 * uses.
 *
 * @param model the fitted model (published defaults until the first refit)
 * @param riskLevel the accepted probability of crossing a limit with the next cycle, in (0, 0.5]
 */
public record PopulationModelSettings(String id, DepartmentPopulationModel model, double riskLevel) {
    /** One population model per department (per netra server). */
    public static final String ID = "department";

    /** Before any refit: the published defaults and a 5 % risk level. */
    public static final PopulationModelSettings DEFAULTS =
            new PopulationModelSettings(ID, DepartmentPopulationModel.PUBLISHED, CourseForecaster.DEFAULT_RISK_LEVEL);

    public PopulationModelSettings {
        if (!ID.equals(id)) {
            throw new IllegalArgumentException("the department's population model has the id " + ID + ", got " + id);
        }
        Objects.requireNonNull(model, "model");
        if (!(riskLevel > 0 && riskLevel <= 0.5)) {
            throw new IllegalArgumentException(
                    "riskLevel: the accepted probability of crossing a limit must be above 0 and at most 0.5, got "
                            + riskLevel);
        }
    }

    public PopulationModelSettings withModel(DepartmentPopulationModel fitted) {
        return new PopulationModelSettings(id, fitted, riskLevel);
    }

    public PopulationModelSettings withRiskLevel(double level) {
        return new PopulationModelSettings(id, model, level);
    }
}

package org.netra.dosimetry.kinetics;

/** The rule that chose the method of a time-integrated activity. */
public enum SelectionRule {
    SINGLE_TIME_POINT("one time point: a single-time-point method"),
    TWO_POINTS_CLEARING(
            "two points clearing faster than physical decay: the mono-exponential through both, integrated from injection"),
    TWO_POINTS_NOT_CLEARING("two points not clearing faster than physical decay (still rising or plateau):"
            + " trapezoid to the last point, then physical decay (no biological clearance assumed, an upper bound)"),
    RISING_AT_LAST_POINT(
            "activity still rising at the last point: the peak and the washout are unmeasured, so no"
                    + " model can be trusted beyond the data; trapezoid to the last point, then physical decay (an upper bound)"),
    LOWEST_AICC("the model with the lowest AICc"),
    FEWER_PARAMETERS_WITHIN_AICC_WINDOW(
            "the model with the fewest parameters whose AICc is within the window of the lowest"),
    TOO_FEW_POINTS_FOR_AICC(
            "too few points to compare models by AICc: the admissible model with the fewest parameters"),
    URINARY_BLADDER("the urinary bladder, filled from empty at injection and emptied within hours: integrated as"
            + " measured from the first scan, the unmeasured filling before it taken as the middle of its bounds"),
    NO_ACCEPTABLE_FIT("no model gave an acceptable fit: trapezoid to the last point, then physical decay");

    private final String explanation;

    SelectionRule(String explanation) {
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }
}

package org.netra.dosimetry.cycle;

/**
 * A time point does not name its radionuclide: the decay data and kernels depend on it, so it is never assumed
 * (a 177Lu default would silently mis-dose any other nuclide).
 */
public final class MissingNuclideException extends CycleInputException {
    private static final long serialVersionUID = 1L;

    public MissingNuclideException(String source) {
        super("time point " + source + " does not name its radionuclide (Radionuclide Code Sequence (0054,0300)"
                + " in the Radiopharmaceutical Information Sequence (0054,0016)); dosimetry needs it for the decay"
                + " data and kernels: fix the series' header, e.g. with dcmodify");
    }
}

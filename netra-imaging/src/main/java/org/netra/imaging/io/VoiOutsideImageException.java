package org.netra.imaging.io;

/** A VOI (an RTSTRUCT ROI, a segment, a label) that does not lie within the image it is used on. */
public final class VoiOutsideImageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String voi;

    public VoiOutsideImageException(String voi, String source, String problem) {
        super("VOI '" + voi + "' from " + source + " " + problem
                + "; check that the structure set belongs to this series (same Frame of Reference) or crop the VOI");
        this.voi = voi;
    }

    public String voi() {
        return voi;
    }
}

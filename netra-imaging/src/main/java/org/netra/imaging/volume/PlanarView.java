package org.netra.imaging.volume;

/**
 * One view of a planar (static or whole-body) NM acquisition: a 2-D image held as a volume one slice
 * thick, and its name (the View Code Sequence meaning, e.g. ANTERIOR, else "detector N").
 */
public record PlanarView(String name, int detector, int energyWindow, ImageVolume image) {}

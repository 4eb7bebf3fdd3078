package org.netra.physics.nuclide;

/** A daughter of a decay and the fraction of decays that lead to it. */
public record Progeny(String name, double branchingFraction) {}

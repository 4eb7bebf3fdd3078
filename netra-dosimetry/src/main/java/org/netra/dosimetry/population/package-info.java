/**
 * Population kinetics of 177Lu-DOTATATE: a log-normal prior on each region kind's effective half-life and
 * single-time-point dosimetry from it ({@link org.netra.dosimetry.population.PopulationSinglePoint}), with the
 * TIA's credible interval and the scan time that makes one scan most informative. Built on the structural
 * model of {@link org.netra.dosimetry.kinetics} (a mono-exponential through the scan).
 */
package org.netra.dosimetry.population;

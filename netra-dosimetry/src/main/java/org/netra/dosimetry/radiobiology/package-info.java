/**
 * Linear-quadratic radiobiology of continuous, decaying irradiation: the Lea–Catcheside dose-protraction
 * factor G for dose rates that are sums of exponentials, the biologically effective dose (BED), EQD2 and
 * BED summed over cycles, with per-tissue parameters as configuration.
 */
package org.netra.dosimetry.radiobiology;

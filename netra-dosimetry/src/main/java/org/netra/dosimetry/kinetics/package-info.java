/**
 * Time–activity curves and time-integrated activity (TIA): exponential models fitted by weighted least
 * squares and chosen by AICc, the trapezoid fall-back with a physical-decay tail, and the single-time-point
 * methods of Hänscheid and Madsen. {@link org.netra.dosimetry.kinetics.Kinetics#integrate} applies the rules
 * for 1, 2 and n time points and says, in every result, which method it used and why.
 */
package org.netra.dosimetry.kinetics;

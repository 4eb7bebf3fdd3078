/**
 * Uncertainty propagation after the EANM guidance (Gear et al., EJNMMI 2018;45:2456–2474): the fit covariance
 * carried into the time-integrated activity through the Jacobian of its integral, calibration and VOI
 * (recovery, volume) uncertainties added, and the absorbed dose reported ± 1 SD.
 */
package org.netra.dosimetry.uncertainty;

/**
 * Partial-volume (recovery) correction of VOI activities: the geometric transfer matrix of Rousset et al.
 * (J Nucl Med 1998;39:904) for a Gaussian point-spread function of measured FWHM.
 */
package org.netra.dosimetry.recovery;

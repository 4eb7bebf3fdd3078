/**
 * Red-marrow absorbed dose by the blood-based method of the EANM Dosimetry Committee guidance (Hindorf et
 * al., EJNMMI 2010;37:1238–1250): marrow activity concentration from blood samples through the
 * red-marrow-to-blood activity-concentration ratio (RMBLR).
 */
package org.netra.dosimetry.marrow;

package org.netra.sim.kinetics;

import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Times;

/**
 * A radiopharmaceutical a twin can be imaged with: its nuclide (half-life from ICRP 107), its DICOM code
 * (CID 18/4020, SNOMED CT) and the usual administered activity. The somatostatin analogues share one
 * biodistribution in this model: the 177Lu-DOTATATE kinetics, converted to the other nuclide by swapping the
 * physical decay in every effective rate ({@link Uptake#retimed}); a simplification (pentetreotide clears
 * faster and binds less avidly than DOTATATE), stated wherever the variant is used.
 */
public enum SimulatedTracer {
    LU177_DOTATATE("Lu-177-DOTATATE", "Lu-177", "447553000", "^177^Lutetium", 7400),
    /** Octreoscan: 185 MBq for SPECT (Bombardieri et al., EJNMMI 2010;37:1441). */
    IN111_PENTETREOTIDE("In-111-pentetreotide", "In-111", "56609000", "^111^Indium", 185),
    /** 68Ga-DOTATATE PET: 100–200 MBq (Bozkurt et al., EJNMMI 2017;44:1588). */
    GA68_DOTATATE("Ga-68-DOTATATE", "Ga-68", "35337001", "^68^Gallium", 150);

    private final String label;
    private final String nuclide;
    private final String code;
    private final String codeMeaning;
    private final double activityMBq;

    SimulatedTracer(String label, String nuclide, String code, String codeMeaning, double activityMBq) {
        this.label = label;
        this.nuclide = nuclide;
        this.code = code;
        this.codeMeaning = codeMeaning;
        this.activityMBq = activityMBq;
    }

    public String label() {
        return label;
    }

    /** The nuclide's ICRP-107 name. */
    public String nuclide() {
        return nuclide;
    }

    /** SNOMED CT code of the radionuclide (DICOM CID 18 / 4020). */
    public String code() {
        return code;
    }

    public String codeMeaning() {
        return codeMeaning;
    }

    public double activityMBq() {
        return activityMBq;
    }

    public double halfLifeHours() {
        return Times.hours(NuclideCatalog.icrp107().get(nuclide).halfLife());
    }
}

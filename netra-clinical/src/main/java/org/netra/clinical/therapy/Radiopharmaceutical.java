package org.netra.clinical.therapy;

import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;

/** PRRT radiopharmaceuticals, with their nuclide from the ICRP-107 catalogue. */
public enum Radiopharmaceutical {
    LU177_DOTATATE(NuclideCatalog.icrp107().lutetium177(), "[177Lu]Lu-DOTATATE"),
    LU177_DOTATOC(NuclideCatalog.icrp107().lutetium177(), "[177Lu]Lu-DOTATOC"),
    Y90_DOTATOC(NuclideCatalog.icrp107().get("Y-90"), "[90Y]Y-DOTATOC"),
    IN111_PENTETREOTIDE(NuclideCatalog.icrp107().get("In-111"), "[111In]In-pentetreotide");

    private final Nuclide nuclide;
    private final String label;

    Radiopharmaceutical(Nuclide nuclide, String label) {
        this.nuclide = nuclide;
        this.label = label;
    }

    public Nuclide nuclide() {
        return nuclide;
    }

    public String label() {
        return label;
    }
}

package org.netra.clinical.therapy;

/** PRRT radiopharmaceuticals, with the nuclide's ICRP-107 name. */
public enum Radiopharmaceutical {
    LU177_DOTATATE("Lu-177", "[177Lu]Lu-DOTATATE"),
    LU177_DOTATOC("Lu-177", "[177Lu]Lu-DOTATOC"),
    Y90_DOTATOC("Y-90", "[90Y]Y-DOTATOC"),
    IN111_PENTETREOTIDE("In-111", "[111In]In-pentetreotide");

    private final String nuclide;
    private final String label;

    Radiopharmaceutical(String nuclide, String label) {
        this.nuclide = nuclide;
        this.label = label;
    }

    public String nuclide() {
        return nuclide;
    }

    public String label() {
        return label;
    }
}

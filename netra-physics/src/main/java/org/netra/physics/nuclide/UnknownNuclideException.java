package org.netra.physics.nuclide;

import java.util.List;

/** A nuclide name that the ICRP-107 catalogue does not hold; carries the closest names it does. */
public final class UnknownNuclideException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> closeMatches;

    public UnknownNuclideException(String name, List<String> closeMatches) {
        super("unknown nuclide '" + name + "'"
                + (closeMatches.isEmpty()
                        ? "; write it as element and mass number, e.g. Lu-177, 177Lu or lu177"
                        : "; did you mean " + String.join(", ", closeMatches) + "?"));
        this.closeMatches = List.copyOf(closeMatches);
    }

    public List<String> closeMatches() {
        return closeMatches;
    }
}

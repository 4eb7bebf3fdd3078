package org.netra.physics.nuclide;

/** The decay modes ICRP-107 names, with the codes its index uses. */
public enum DecayMode {
    ALPHA("A"),
    BETA_MINUS("B-"),
    BETA_PLUS("B+"),
    ELECTRON_CAPTURE("EC"),
    ISOMERIC_TRANSITION("IT"),
    SPONTANEOUS_FISSION("SF");

    private final String code;

    DecayMode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Parses a run of codes such as {@code "ECB+A"} or {@code "B-ECA"} as ICRP-107 writes them. */
    public static java.util.List<DecayMode> parseAll(String codes) {
        var modes = new java.util.ArrayList<DecayMode>();
        String rest = codes.strip().replace(" ", "");
        outer:
        while (!rest.isEmpty()) {
            for (DecayMode m : values()) {
                if (rest.startsWith(m.code)) {
                    modes.add(m);
                    rest = rest.substring(m.code.length());
                    continue outer;
                }
            }
            throw new IllegalArgumentException("unknown decay mode code '" + rest + "' in '" + codes + "'");
        }
        return java.util.List.copyOf(modes);
    }

    public static String codes(java.util.List<DecayMode> modes) {
        var sb = new StringBuilder();
        modes.forEach(m -> sb.append(m.code));
        return sb.toString();
    }
}

package org.netra.physics.nuclide;

/** Radiation types of ICRP-107 emission lines, grouped into the kinds dosimetry cares about. */
public enum RadiationType {
    ALPHA("alpha", Kind.ALPHA),
    ALPHA_RECOIL("alpha recoil", Kind.ALPHA),
    BETA_MINUS("beta-", Kind.ELECTRON),
    BETA_PLUS("beta+", Kind.ELECTRON),
    DELAYED_BETA("betaD", Kind.ELECTRON),
    INTERNAL_CONVERSION_ELECTRON("IE", Kind.ELECTRON),
    AUGER_ELECTRON("auger", Kind.ELECTRON),
    GAMMA("gamma", Kind.PHOTON),
    X_RAY("X", Kind.PHOTON),
    ANNIHILATION("annihilation", Kind.PHOTON),
    NEUTRON("neutron", Kind.OTHER),
    FISSION("fission", Kind.OTHER);

    /** How the energy travels: alphas and electrons stay near the decay, photons may not. */
    public enum Kind {
        ALPHA,
        ELECTRON,
        PHOTON,
        OTHER
    }

    private final String icrpName;
    private final Kind kind;

    RadiationType(String icrpName, Kind kind) {
        this.icrpName = icrpName;
        this.kind = kind;
    }

    /** The key ICRP-107's emission files use for this type. */
    public String icrpName() {
        return icrpName;
    }

    public Kind kind() {
        return kind;
    }

    public static RadiationType ofIcrpName(String name) {
        for (RadiationType t : values()) {
            if (t.icrpName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown ICRP-107 radiation type '" + name + "'");
    }
}

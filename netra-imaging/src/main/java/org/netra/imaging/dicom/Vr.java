package org.netra.imaging.dicom;

/** DICOM value representations (PS3.5 section 6.2) with what the codec needs to know about each. */
public enum Vr {
    AE(Kind.STRING, false),
    AS(Kind.STRING, false),
    AT(Kind.BINARY, false),
    CS(Kind.STRING, false),
    DA(Kind.STRING, false),
    DS(Kind.STRING, false),
    DT(Kind.STRING, false),
    FD(Kind.BINARY, false),
    FL(Kind.BINARY, false),
    IS(Kind.STRING, false),
    LO(Kind.STRING, false),
    LT(Kind.TEXT, false),
    OB(Kind.BINARY, true),
    OD(Kind.BINARY, true),
    OF(Kind.BINARY, true),
    OL(Kind.BINARY, true),
    OV(Kind.BINARY, true),
    OW(Kind.BINARY, true),
    PN(Kind.STRING, false),
    SH(Kind.STRING, false),
    SL(Kind.BINARY, false),
    SQ(Kind.SEQUENCE, true),
    SS(Kind.BINARY, false),
    ST(Kind.TEXT, false),
    SV(Kind.BINARY, true),
    TM(Kind.STRING, false),
    UC(Kind.STRING, true),
    UI(Kind.STRING, false),
    UL(Kind.BINARY, false),
    UN(Kind.BINARY, true),
    UR(Kind.TEXT, true),
    US(Kind.BINARY, false),
    UT(Kind.TEXT, true),
    UV(Kind.BINARY, true);

    /** How a value is held: backslash-separated strings, free text (no backslash split), binary, items. */
    public enum Kind {
        STRING,
        TEXT,
        BINARY,
        SEQUENCE
    }

    private static final Vr[] BY_CODE = new Vr[1 << 16];

    static {
        for (Vr vr : values()) {
            BY_CODE[vr.code()] = vr;
        }
    }

    private final Kind kind;
    private final boolean longLength;

    Vr(Kind kind, boolean longLength) {
        this.kind = kind;
        this.longLength = longLength;
    }

    public Kind kind() {
        return kind;
    }

    /** True where explicit VR encoding uses 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
    public boolean longLength() {
        return longLength;
    }

    /** The byte that pads an odd-length value to even length: NUL for UI and binary, space for text. */
    public byte padding() {
        return (byte) (this == UI || kind == Kind.BINARY ? 0 : ' ');
    }

    /** Bytes per binary number, 0 for strings and byte streams. */
    public int width() {
        return switch (this) {
            case US, SS, OW -> 2;
            case UL, SL, FL, OF, OL, AT -> 4;
            case FD, OD, SV, UV, OV -> 8;
            default -> 0;
        };
    }

    int code() {
        return (name().charAt(0) << 8) | name().charAt(1);
    }

    /** The VR whose two ASCII characters are {@code c1 c2}, or null if none is. */
    static Vr of(int c1, int c2) {
        return BY_CODE[((c1 & 0xff) << 8) | (c2 & 0xff)];
    }
}

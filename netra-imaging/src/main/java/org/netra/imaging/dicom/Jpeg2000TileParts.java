package org.netra.imaging.dicom;

import java.util.HashMap;
import java.util.Map;

/**
 * Makes a JPEG 2000 codestream's tile-part counts explicit before jj2000 (jai-imageio) decodes it. T.800 A.4.2
 * lets an encoder write TNsot = 0 in a tile-part header ("the number of tile-parts of this tile is not
 * known"); jj2000 takes that 0 literally and decodes such a tile from its first tile-part only, silently, so a
 * lossless image comes out wrong (found by {@code Jpeg2000TilePartsTest}: every tiled codestream with TNsot 0
 * differed from OpenJPEG). The count is in the codestream itself, so netra walks the tile-parts by their Psot
 * lengths and writes each tile's count into its TNsot fields; nothing else changes. A tile-part whose Psot
 * (its length) runs past the codestream or ends where no SOT or EOC marker starts is damaged: jj2000 decoded a
 * Psot 10 bytes short into a wholly wrong image, silently, and OpenJPEG refuses both ("Tile part length size
 * inconsistent with stream length", "Marker is not compliant with its position"), so netra refuses them too,
 * naming the tile-part ({@code Jpeg2000TilePartsTest}).
 */
final class Jpeg2000TileParts {
    private static final int SOC = 0xff4f;
    private static final int SOT = 0xff90;
    private static final int EOC = 0xffd9;

    private Jpeg2000TileParts() {}

    /**
     * The codestream with every TNsot 0 replaced by its tile's count of tile-parts; the same array if none is.
     * Refuses, naming {@code src}, a tile-part whose length does not lead to the next marker.
     */
    static byte[] withTilePartCounts(byte[] cs, String src) throws DicomParseException {
        if (cs.length < 4 || u16(cs, 0) != SOC) {
            return cs; // a JP2 file or not a codestream: not ours to touch
        }
        int at = 2;
        // main header: marker segments up to the first SOT
        while (at + 4 <= cs.length && u16(cs, at) != SOT) {
            int marker = u16(cs, at);
            if ((marker & 0xff00) != 0xff00) {
                return cs;
            }
            at += 2 + u16(cs, at + 2);
        }
        int first = at;
        Map<Integer, Integer> partsPerTile = new HashMap<>();
        boolean unknownCount = false;
        int index = 0;
        while (at + 12 <= cs.length && u16(cs, at) == SOT) {
            int tile = u16(cs, at + 4);
            long psot = u32(cs, at + 6);
            partsPerTile.merge(tile, 1, Integer::sum);
            unknownCount |= (cs[at + 11] & 0xff) == 0;
            if (psot == 0) {
                at = cs.length; // the last tile-part: it runs to EOC
                break;
            }
            long next = at + psot;
            // the next tile-part, the EOC, or the end of the data (a fragment's pad byte after a missing EOC)
            boolean lands = next >= cs.length - 1
                    ? next <= cs.length
                    : u16(cs, (int) next) == SOT || u16(cs, (int) next) == EOC;
            if (psot < 12 || !lands) {
                throw new DicomParseException(
                        src,
                        0,
                        "its JPEG 2000 tile-part " + (index + 1) + " (tile " + tile + ") declares a length (Psot) of "
                                + psot + " bytes, which "
                                + (next > cs.length
                                        ? "runs " + (next - cs.length) + " bytes past the codestream"
                                        : "ends where no tile-part or end of codestream starts")
                                + ": the codestream is damaged (OpenJPEG refuses it too); ask for the images again");
            }
            at = (int) next;
            index++;
        }
        if (!unknownCount || (at + 2 <= cs.length && u16(cs, at) != EOC)) {
            return cs;
        }
        byte[] out = cs.clone();
        at = first;
        while (at + 12 <= out.length && u16(out, at) == SOT) {
            int tile = u16(out, at + 4);
            if ((out[at + 11] & 0xff) == 0) {
                int count = partsPerTile.get(tile);
                if (count > 255) {
                    return cs; // TNsot is one byte: leave the decoder the codestream as written
                }
                out[at + 11] = (byte) count;
            }
            long psot = u32(out, at + 6);
            if (psot == 0) {
                break;
            }
            at += (int) psot;
        }
        return out;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}

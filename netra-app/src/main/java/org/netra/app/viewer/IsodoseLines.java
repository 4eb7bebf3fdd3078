package org.netra.app.viewer;

import java.util.ArrayList;
import java.util.List;

/**
 * Isodose lines of a dose slice by marching squares: in each square of four neighbouring pixel centres, the level
 * crosses an edge where one end is at or above it and the other below, at the linearly interpolated point; a saddle
 * square (diagonal corners alike) is split by the mean of its corners. Coordinates are the slice's pixel indices
 * (pixel centres at whole numbers, column right, row down).
 */
final class IsodoseLines {
    private IsodoseLines() {}

    /** One straight piece of an isodose line, from (x1, y1) to (x2, y2) in pixel indices. */
    record Segment(double x1, double y1, double x2, double y2) {}

    static List<Segment> of(Slice dose, double levelGy) {
        if (!(levelGy > 0) || !Double.isFinite(levelGy)) {
            throw new IllegalArgumentException("an isodose level is a dose above 0 Gy, got " + levelGy);
        }
        List<Segment> out = new ArrayList<>();
        int w = dose.width();
        int h = dose.height();
        double[] x = new double[4];
        double[] y = new double[4];
        for (int row = 0; row + 1 < h; row++) {
            for (int col = 0; col + 1 < w; col++) {
                // corners clockwise from the top left: a (col,row), b (col+1,row), c (col+1,row+1), d (col,row+1)
                double a = dose.get(col, row);
                double b = dose.get(col + 1, row);
                double c = dose.get(col + 1, row + 1);
                double d = dose.get(col, row + 1);
                boolean ha = a >= levelGy;
                boolean hb = b >= levelGy;
                boolean hc = c >= levelGy;
                boolean hd = d >= levelGy;
                if (ha == hb && hb == hc && hc == hd) {
                    continue;
                }
                // crossings on the edges top (a–b), right (b–c), bottom (c–d), left (d–a); NaN where none
                double top = ha != hb ? (levelGy - a) / (b - a) : Double.NaN;
                double right = hb != hc ? (levelGy - b) / (c - b) : Double.NaN;
                double bottom = hc != hd ? (levelGy - d) / (c - d) : Double.NaN;
                double left = hd != ha ? (levelGy - a) / (d - a) : Double.NaN;
                x[0] = col + top;
                y[0] = row;
                x[1] = col + 1;
                y[1] = row + right;
                x[2] = col + bottom;
                y[2] = row + 1;
                x[3] = col;
                y[3] = row + left;
                boolean[] crossed = {
                    !Double.isNaN(top), !Double.isNaN(right), !Double.isNaN(bottom), !Double.isNaN(left)
                };
                int n = 0;
                for (boolean k : crossed) {
                    n += k ? 1 : 0;
                }
                if (n == 2) {
                    int first = -1;
                    int second = -1;
                    for (int k = 0; k < 4; k++) {
                        if (crossed[k]) {
                            if (first < 0) {
                                first = k;
                            } else {
                                second = k;
                            }
                        }
                    }
                    out.add(new Segment(x[first], y[first], x[second], y[second]));
                } else {
                    // saddle: the centre (mean of the corners) decides which diagonal pair is joined
                    boolean centre = (a + b + c + d) / 4 >= levelGy;
                    if (centre == ha) {
                        // a and c joined through the centre: cut off b (top–right) and d (bottom–left)
                        out.add(new Segment(x[0], y[0], x[1], y[1]));
                        out.add(new Segment(x[2], y[2], x[3], y[3]));
                    } else {
                        // b and d joined: cut off a (left–top) and c (right–bottom)
                        out.add(new Segment(x[3], y[3], x[0], y[0]));
                        out.add(new Segment(x[1], y[1], x[2], y[2]));
                    }
                }
            }
        }
        return out;
    }
}

package org.netra.sim.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netra.imaging.volume.Mask;

/**
 * Outlines of a mask on one slice, along voxel edges. Every edge between a voxel inside and one outside
 * becomes part of some closed polygon; an even–odd fill at voxel centres (what RTSTRUCT readers do) then
 * gives back exactly the mask, holes included, whatever way edges meeting at a corner are chained, because
 * the parity at a centre only counts how many boundary edges a ray from it crosses.
 */
final class ContourTracer {
    private ContourTracer() {}

    /** Closed polygons in continuous voxel indices (x, y pairs), corners at half-integers. */
    static List<double[]> trace(Mask mask, int k) {
        var g = mask.geometry();
        int nx = g.nx(), ny = g.ny();
        // directed edges keyed by start corner; corner (cx, cy) is voxel corner at index (cx − ½, cy − ½)
        Map<Long, List<long[]>> from = new HashMap<>();
        int edges = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                if (!mask.contains(i, j, k)) {
                    continue;
                }
                if (!mask.contains(i, j - 1, k)) {
                    edges += add(from, i, j, i + 1, j);
                }
                if (!mask.contains(i + 1, j, k)) {
                    edges += add(from, i + 1, j, i + 1, j + 1);
                }
                if (!mask.contains(i, j + 1, k)) {
                    edges += add(from, i + 1, j + 1, i, j + 1);
                }
                if (!mask.contains(i - 1, j, k)) {
                    edges += add(from, i, j + 1, i, j);
                }
            }
        }
        List<double[]> polygons = new ArrayList<>();
        while (edges > 0) {
            long start = from.keySet().iterator().next();
            List<long[]> corners = new ArrayList<>();
            long at = start;
            do {
                List<long[]> out = from.get(at);
                long[] e = out.remove(out.size() - 1);
                if (out.isEmpty()) {
                    from.remove(at);
                }
                edges--;
                corners.add(e);
                at = key((int) e[2], (int) e[3]);
            } while (at != start);
            polygons.add(simplify(corners));
        }
        return polygons;
    }

    private static int add(Map<Long, List<long[]>> from, int x0, int y0, int x1, int y1) {
        from.computeIfAbsent(key(x0, y0), q -> new ArrayList<>(2)).add(new long[] {x0, y0, x1, y1});
        return 1;
    }

    private static long key(int x, int y) {
        return ((long) x << 32) | (y & 0xffffffffL);
    }

    /** The polygon's corners, dropping those in the middle of a straight run. */
    private static double[] simplify(List<long[]> edges) {
        List<double[]> pts = new ArrayList<>();
        int n = edges.size();
        for (int e = 0; e < n; e++) {
            long[] prev = edges.get((e + n - 1) % n);
            long[] cur = edges.get(e);
            long dx0 = prev[2] - prev[0], dy0 = prev[3] - prev[1];
            long dx1 = cur[2] - cur[0], dy1 = cur[3] - cur[1];
            if (dx0 != dx1 || dy0 != dy1) {
                pts.add(new double[] {cur[0] - 0.5, cur[1] - 0.5});
            }
        }
        double[] flat = new double[pts.size() * 2];
        for (int p = 0; p < pts.size(); p++) {
            flat[2 * p] = pts.get(p)[0];
            flat[2 * p + 1] = pts.get(p)[1];
        }
        return flat;
    }
}

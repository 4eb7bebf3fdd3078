package org.netra.imaging.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/**
 * A mask as closed planar contours: per slice, the outlines of its voxels traced along voxel edges.
 * Outer outlines and the outlines of holes are separate contours; filled even–odd at voxel centres they
 * give back exactly the voxels of the mask (no voxel centre lies on a voxel edge). netra's one contour
 * tracer: the RT Structure Sets of exports and of the digital twins both come from it.
 */
public final class MaskContours {
    private MaskContours() {}

    /** A contour on slice {@code k}: world coordinates x, y, z per point (mm). */
    public record SliceContour(int k, double[] points) {}

    public static List<SliceContour> of(Mask mask) {
        Geometry g = mask.geometry();
        List<SliceContour> out = new ArrayList<>();
        double[] world = new double[3];
        for (int k = 0; k < g.nz(); k++) {
            for (int[] loop : loops(mask, k)) {
                double[] pts = new double[loop.length / 2 * 3];
                for (int p = 0; p < loop.length / 2; p++) {
                    // corner (ci, cj) sits half a voxel before voxel centre (ci, cj)
                    g.indexToWorld(loop[2 * p] - 0.5, loop[2 * p + 1] - 0.5, k, world);
                    pts[3 * p] = world[0];
                    pts[3 * p + 1] = world[1];
                    pts[3 * p + 2] = world[2];
                }
                out.add(new SliceContour(k, pts));
            }
        }
        return out;
    }

    /**
     * The closed outlines on slice k as corner coordinates (ci, cj, ...), only where the direction
     * changes. Each boundary edge keeps the mask on its left.
     */
    static List<int[]> loops(Mask mask, int k) {
        Geometry g = mask.geometry();
        int nx = g.nx(), ny = g.ny();
        int w = nx + 1; // corners per row
        // outgoing edges per start corner; a corner has at most two (where two voxels touch diagonally)
        Map<Integer, List<Integer>> next = new HashMap<>();
        int edges = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                if (!mask.contains(i, j, k)) {
                    continue;
                }
                if (j == 0 || !mask.contains(i, j - 1, k)) {
                    add(next, j * w + i, j * w + i + 1);
                    edges++;
                }
                if (i == nx - 1 || !mask.contains(i + 1, j, k)) {
                    add(next, j * w + i + 1, (j + 1) * w + i + 1);
                    edges++;
                }
                if (j == ny - 1 || !mask.contains(i, j + 1, k)) {
                    add(next, (j + 1) * w + i + 1, (j + 1) * w + i);
                    edges++;
                }
                if (i == 0 || !mask.contains(i - 1, j, k)) {
                    add(next, (j + 1) * w + i, j * w + i);
                    edges++;
                }
            }
        }
        List<int[]> loops = new ArrayList<>();
        while (edges > 0) {
            int start = next.keySet().iterator().next();
            List<Integer> corners = new ArrayList<>();
            int at = start;
            do {
                corners.add(at);
                List<Integer> out = next.get(at);
                int to = out.removeLast();
                if (out.isEmpty()) {
                    next.remove(at);
                }
                edges--;
                at = to;
            } while (at != start);
            loops.add(simplify(corners, w));
        }
        return loops;
    }

    private static void add(Map<Integer, List<Integer>> next, int from, int to) {
        next.computeIfAbsent(from, x -> new ArrayList<>(2)).add(to);
    }

    /** Keeps only the corners where the outline turns. */
    private static int[] simplify(List<Integer> corners, int w) {
        int n = corners.size();
        List<Integer> kept = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            int prev = corners.get((p + n - 1) % n), cur = corners.get(p), nxt = corners.get((p + 1) % n);
            int dx1 = cur % w - prev % w, dy1 = cur / w - prev / w;
            int dx2 = nxt % w - cur % w, dy2 = nxt / w - cur / w;
            if (dx1 != dx2 || dy1 != dy2) {
                kept.add(cur);
            }
        }
        int[] out = new int[2 * kept.size()];
        for (int p = 0; p < kept.size(); p++) {
            out[2 * p] = kept.get(p) % w;
            out[2 * p + 1] = kept.get(p) / w;
        }
        return out;
    }
}

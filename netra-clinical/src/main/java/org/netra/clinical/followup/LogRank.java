package org.netra.clinical.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The log-rank test of equal survival across groups (Mantel 1966; as R's {@code survdiff} with rho = 0):
 * observed and expected events per group, the hypergeometric variance, χ² = (O−E)ᵀV⁻¹(O−E) over the
 * first k−1 groups, k−1 degrees of freedom.
 */
public final class LogRank {
    public record GroupCount(String group, int subjects, int observed, double expected) {}

    public record Result(List<GroupCount> groups, double chiSquare, int degreesOfFreedom, double pValue) {}

    private LogRank() {}

    public static Result test(List<SurvivalObservation> data) {
        List<String> groups = new ArrayList<>(
                new TreeSet<>(data.stream().map(SurvivalObservation::group).toList()));
        int k = groups.size();
        if (k < 2) {
            throw new IllegalArgumentException("the log-rank test compares at least two groups, got " + k);
        }
        TreeMap<Double, int[][]> byTime = new TreeMap<>(); // time → per group {events, leaving}
        int[] subjects = new int[k];
        for (SurvivalObservation o : data) {
            int g = groups.indexOf(o.group());
            subjects[g]++;
            int[][] c = byTime.computeIfAbsent(o.time(), t -> new int[k][2]);
            if (o.event()) {
                c[g][0]++;
            }
            c[g][1]++;
        }
        int[] atRisk = subjects.clone();
        int[] observed = new int[k];
        double[] expected = new double[k];
        double[][] variance = new double[k][k];
        for (int[][] c : byTime.values()) {
            int n = 0;
            int d = 0;
            for (int g = 0; g < k; g++) {
                n += atRisk[g];
                d += c[g][0];
            }
            if (d > 0) {
                double factor = n > 1 ? (double) d * (n - d) / ((double) n * n * (n - 1)) : 0;
                for (int g = 0; g < k; g++) {
                    observed[g] += c[g][0];
                    expected[g] += (double) d * atRisk[g] / n;
                    for (int h = 0; h < k; h++) {
                        variance[g][h] += factor * atRisk[g] * ((g == h ? n : 0) - atRisk[h]);
                    }
                }
            }
            for (int g = 0; g < k; g++) {
                atRisk[g] -= c[g][1];
            }
        }
        RealMatrix v = MatrixUtils.createRealMatrix(k - 1, k - 1);
        RealVector diff = MatrixUtils.createRealVector(new double[k - 1]);
        for (int g = 0; g < k - 1; g++) {
            diff.setEntry(g, observed[g] - expected[g]);
            for (int h = 0; h < k - 1; h++) {
                v.setEntry(g, h, variance[g][h]);
            }
        }
        var lu = new LUDecomposition(v);
        if (!lu.getSolver().isNonSingular()) {
            throw new IllegalArgumentException("the log-rank variance is singular: a group has no subject at risk at "
                    + "any event time; check the group column");
        }
        double chi = diff.dotProduct(lu.getSolver().solve(diff));
        int df = k - 1;
        double p = 1 - new ChiSquaredDistribution(df).cumulativeProbability(chi);
        List<GroupCount> counts = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            counts.add(new GroupCount(groups.get(g), subjects[g], observed[g], expected[g]));
        }
        return new Result(List.copyOf(counts), chi, df, p);
    }
}

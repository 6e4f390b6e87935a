package io.milvusbench.gate;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.util.Arrays;
import java.util.List;

/**
 * Two runs compared block against block, the way benchstat compares repeated runs: the
 * Mann–Whitney U test of the two sets of block figures (two-sided, normal approximation with ties
 * ranked by their average), and the Hodges–Lehmann shift (the median of every difference
 * current − baseline) with its distribution-free confidence interval. Ranks make one stalled block
 * an outlier among thirty, not a tenfold mean.
 *
 * @param shift  Hodges–Lehmann estimate of current − baseline
 * @param margin half-width of the shift's interval at {@code 1 - alpha}
 * @param p      two-sided p-value of "no shift"
 */
record RankTest(double shift, double margin, double p) {

    static RankTest of(List<Double> current, List<Double> baseline, double alpha) {
        double[] c = current.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = baseline.stream().mapToDouble(Double::doubleValue).toArray();
        double[] diffs = new double[c.length * b.length];
        int k = 0;
        for (double x : c) {
            for (double y : b) {
                diffs[k++] = x - y;
            }
        }
        Arrays.sort(diffs);
        int m = diffs.length;
        double shift = m % 2 == 1 ? diffs[m / 2] : (diffs[m / 2 - 1] + diffs[m / 2]) / 2;
        double p = Arrays.stream(diffs).allMatch(d -> d == 0) ? 1 : new MannWhitneyUTest().mannWhitneyUTest(c, b);
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - alpha / 2);
        double half = z * Math.sqrt((double) c.length * b.length * (c.length + b.length + 1) / 12.0);
        int lo = (int) Math.floor(m / 2.0 - half);
        double margin;
        if (lo < 0) {
            margin = (diffs[m - 1] - diffs[0]) / 2;
        } else {
            margin = (diffs[m - 1 - lo] - diffs[lo]) / 2;
        }
        return new RankTest(shift, margin, p);
    }

}

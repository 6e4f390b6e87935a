package io.milvusbench.gate;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Level shifts in a series of runs (a nightly history), found the way MongoDB and Apache Otava do:
 * E-divisive means picks the most likely split of a segment (the split that maximizes the energy
 * distance between the two sides, Matteson &amp; James 2014, exponent 1), Student's t-test of the two
 * sides (pooled variance) decides whether the split is real at {@code pThreshold}, and the search
 * recurses into both sides (binary segmentation) until no split is significant. Each side of a split
 * holds at least {@code minSegment} runs: one odd run is an outlier, not a new level.
 */
public final class ChangePoints {
    /** Otava's default significance. */
    public static final double DEFAULT_P = 0.001;
    /** Runs a level must last to count. */
    public static final int DEFAULT_MIN_SEGMENT = 2;

    /**
     * @param index     the first run of the new level (0-based in the series)
     * @param before    mean of the level that ended
     * @param after     mean of the level that began
     * @param p         two-sided p-value of the split when it was accepted
     */
    public record Point(int index, double before, double after, double p) {
        public double changePct() {
            return before == 0 ? Double.NaN : 100.0 * (after - before) / Math.abs(before);
        }
    }

    private ChangePoints() {
    }

    public static List<Point> find(double[] x) {
        return find(x, DEFAULT_P, DEFAULT_MIN_SEGMENT);
    }

    /** The change points of {@code x} in order; empty when none is significant. */
    public static List<Point> find(double[] x, double pThreshold, int minSegment) {
        if (minSegment < 1) {
            throw new IllegalArgumentException("minSegment must be >= 1");
        }
        List<int[]> splits = new ArrayList<>();   // {index, p bits via separate list}
        List<Double> ps = new ArrayList<>();
        segment(x, 0, x.length, pThreshold, minSegment, splits, ps);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(splits.get(a)[0], splits.get(b)[0]));
        List<Point> out = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            int at = splits.get(order.get(k))[0];
            int from = k == 0 ? 0 : splits.get(order.get(k - 1))[0];
            int to = k == order.size() - 1 ? x.length : splits.get(order.get(k + 1))[0];
            out.add(new Point(at, mean(x, from, at), mean(x, at, to), ps.get(order.get(k))));
        }
        return out;
    }

    private static void segment(double[] x, int from, int to, double pThreshold, int minSegment,
                                List<int[]> splits, List<Double> ps) {
        if (to - from < 2 * minSegment) {
            return;
        }
        int best = -1;
        double bestQ = Double.NEGATIVE_INFINITY;
        for (int k = from + minSegment; k <= to - minSegment; k++) {
            double q = energy(x, from, k, to);
            if (q > bestQ) {
                bestQ = q;
                best = k;
            }
        }
        double p = tTest(x, from, best, to);
        if (!(p < pThreshold)) {
            return;
        }
        splits.add(new int[]{best});
        ps.add(p);
        segment(x, from, best, pThreshold, minSegment, splits, ps);
        segment(x, best, to, pThreshold, minSegment, splits, ps);
    }

    /**
     * The E-divisive statistic of splitting {@code [from, to)} at {@code k}: {@code mn/(m+n)} times the
     * energy distance {@code 2/(mn) Σ|a-b| - Σ|a-a'|/C(m,2) - Σ|b-b'|/C(n,2)} (a one-point side has no
     * within-side term).
     */
    static double energy(double[] x, int from, int k, int to) {
        int m = k - from;
        int n = to - k;
        double between = 0;
        for (int i = from; i < k; i++) {
            for (int j = k; j < to; j++) {
                between += Math.abs(x[i] - x[j]);
            }
        }
        double left = within(x, from, k);
        double right = within(x, k, to);
        double e = 2 * between / ((double) m * n) - left - right;
        return (double) m * n / (m + n) * e;
    }

    private static double within(double[] x, int from, int to) {
        int m = to - from;
        if (m < 2) {
            return 0;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
                s += Math.abs(x[i] - x[j]);
            }
        }
        return s / (m * (m - 1) / 2.0);
    }

    /** Two-sided p of Student's t-test (pooled variance) of {@code [from, k)} against {@code [k, to)}. */
    static double tTest(double[] x, int from, int k, int to) {
        int m = k - from;
        int n = to - k;
        double ma = mean(x, from, k);
        double mb = mean(x, k, to);
        double ss = 0;
        for (int i = from; i < k; i++) {
            ss += (x[i] - ma) * (x[i] - ma);
        }
        for (int i = k; i < to; i++) {
            ss += (x[i] - mb) * (x[i] - mb);
        }
        int df = m + n - 2;
        if (df < 1) {
            return 1;
        }
        double sp = Math.sqrt(ss / df);
        if (sp == 0) {
            return ma == mb ? 1 : 0;
        }
        double t = Math.abs(mb - ma) / (sp * Math.sqrt(1.0 / m + 1.0 / n));
        return 2 * (1 - new TDistribution(null, df).cumulativeProbability(t));
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }
}

package io.milvusbench.gate;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Level shifts in a series of runs (a nightly history), found the way MongoDB and Apache Otava do:
 * E-divisive means proposes splits (the split of a segment that maximizes the energy distance between
 * its two sides, Matteson &amp; James 2014, exponent 1, then recursively inside each side), and
 * Student's t-test (pooled variance) of the two levels around each proposed split, between its
 * neighbouring splits, keeps it at {@code pThreshold}: the weakest split is dropped and its neighbours
 * re-tested until every split left is significant (Otava's pruning of weak change points). Every level
 * lasts at least {@code minSegment} runs: one odd run is an outlier, not a new level.
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
        List<Integer> cuts = new ArrayList<>();
        candidates(x, 0, x.length, minSegment, cuts);
        cuts.sort(null);
        // the weakest candidate goes first, until every one that is left separates its two neighbouring levels
        while (!cuts.isEmpty()) {
            int weakest = -1;
            double worst = -1;
            for (int i = 0; i < cuts.size(); i++) {
                double p = tTest(x, i == 0 ? 0 : cuts.get(i - 1), cuts.get(i), i == cuts.size() - 1 ? x.length : cuts.get(i + 1));
                if (p > worst) {
                    worst = p;
                    weakest = i;
                }
            }
            if (worst < pThreshold) {
                break;
            }
            cuts.remove(weakest);
        }
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            int from = i == 0 ? 0 : cuts.get(i - 1);
            int at = cuts.get(i);
            int to = i == cuts.size() - 1 ? x.length : cuts.get(i + 1);
            out.add(new Point(at, mean(x, from, at), mean(x, at, to), tTest(x, from, at, to)));
        }
        return out;
    }

    /** Every candidate split: the segment's E-divisive split, then recursively inside both sides. */
    private static void candidates(double[] x, int from, int to, int minSegment, List<Integer> cuts) {
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
        cuts.add(best);
        candidates(x, from, best, minSegment, cuts);
        candidates(x, best, to, minSegment, cuts);
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

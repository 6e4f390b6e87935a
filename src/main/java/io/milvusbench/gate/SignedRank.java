package io.milvusbench.gate;

import java.util.Arrays;

/**
 * The Wilcoxon signed-rank test and the Hodges–Lehmann estimate of a paired shift, exact (no normal
 * approximation): interleaved comparisons have 8–30 rounds, where the approximation is poor and the
 * exact null distribution is cheap. Zero differences are dropped (Wilcoxon's convention); tied
 * magnitudes get mid-ranks, and the p-value then comes from the exact distribution of those
 * mid-ranks (counted in half ranks), so ties never make the test anti-conservative.
 */
public final class SignedRank {
    private SignedRank() {
    }

    /** Most differences tested exactly; more are refused (an interleaved run has tens of rounds). */
    public static final int MAX_N = 200;

    /**
     * What the test gave.
     *
     * @param n          differences tested (zeros dropped)
     * @param wPlus      sum of the ranks of the positive differences
     * @param pValue     two-sided exact p-value (1 when nothing is left to test)
     * @param estimate   Hodges–Lehmann estimate: the median of the Walsh averages (all n differences, zeros kept)
     * @param low        lower end of the distribution-free interval of the shift
     * @param high       upper end
     * @param confidence the interval's exact coverage (at least the asked one when the rounds allow it)
     */
    public record Result(int n, double wPlus, double pValue, double estimate, double low, double high, double confidence) {
    }

    /** Tests the differences {@code d} for a shift away from zero; the interval aims at {@code 1 − alpha}. */
    public static Result test(double[] d, double alpha) {
        if (d.length == 0) {
            throw new IllegalArgumentException("no differences");
        }
        if (d.length > MAX_N) {
            throw new IllegalArgumentException("at most " + MAX_N + " differences, got " + d.length);
        }
        double[] nonZero = Arrays.stream(d).filter(x -> x != 0).toArray();
        int n = nonZero.length;
        double p = 1;
        double wPlus = 0;
        if (n > 0) {
            int[] halfRanks = halfRanks(nonZero);
            long plus2 = 0;
            for (int i = 0; i < n; i++) {
                if (nonZero[i] > 0) {
                    plus2 += halfRanks[i];
                }
            }
            wPlus = plus2 / 2.0;
            double[] dist = distribution(halfRanks);
            double below = 0;
            double above = 0;
            for (int s = 0; s < dist.length; s++) {
                if (s <= plus2) {
                    below += dist[s];
                }
                if (s >= plus2) {
                    above += dist[s];
                }
            }
            p = Math.min(1, 2 * Math.min(below, above));
        }
        double[] walsh = walshAverages(d);
        double estimate = median(walsh);
        // the interval: the k-th smallest and k-th largest Walsh average, k from the no-ties null distribution of all n
        int m = d.length;
        double[] cdf = cumulative(distribution(plainHalfRanks(m)));   // indexed by 2·W; W integer: even indices only
        int k = 0;   // largest k (1-based) with P(W <= k-1) <= alpha/2
        for (int c = 1; c <= walsh.length / 2; c++) {
            if (cdf[2 * (c - 1)] <= alpha / 2) {
                k = c;
            } else {
                break;
            }
        }
        double low;
        double high;
        double confidence;
        if (k == 0) {   // too few rounds for the asked coverage: the widest interval the data give
            low = walsh[0];
            high = walsh[walsh.length - 1];
            confidence = 1 - 2 * cdf[0];
        } else {
            low = walsh[k - 1];
            high = walsh[walsh.length - k];
            confidence = 1 - 2 * cdf[2 * (k - 1)];
        }
        return new Result(n, wPlus, p, estimate, low, high, confidence);
    }

    /** Twice the mid-rank of each |value| (integers, so ties are exact). */
    static int[] halfRanks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(values[a]), Math.abs(values[b])));
        int[] out = new int[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && Math.abs(values[order[j + 1]]) == Math.abs(values[order[i]])) {
                j++;
            }
            int twiceMid = (i + 1) + (j + 1);   // 2 × (average of ranks i+1 .. j+1)
            for (int t = i; t <= j; t++) {
                out[order[t]] = twiceMid;
            }
            i = j + 1;
        }
        return out;
    }

    private static int[] plainHalfRanks(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = 2 * (i + 1);
        }
        return r;
    }

    /** Null distribution of 2·W+ when each rank's sign is a fair coin: index = 2·W+, value = probability. */
    static double[] distribution(int[] halfRanks) {
        int total = Arrays.stream(halfRanks).sum();
        double[] p = new double[total + 1];
        p[0] = 1;
        int reach = 0;
        for (int r : halfRanks) {
            for (int s = reach; s >= 0; s--) {
                if (p[s] != 0) {
                    p[s + r] += p[s] / 2;
                    p[s] /= 2;
                }
            }
            reach += r;
        }
        return p;
    }

    private static double[] cumulative(double[] p) {
        double[] c = new double[p.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            c[i] = sum;
        }
        return c;
    }

    /** Every (d_i + d_j)/2 with i ≤ j, sorted. */
    static double[] walshAverages(double[] d) {
        int n = d.length;
        double[] w = new double[n * (n + 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                w[k++] = (d[i] + d[j]) / 2;
            }
        }
        Arrays.sort(w);
        return w;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

package io.milvusbench.gate;

import io.milvusbench.gate.Comparison.Outcome;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of an interleaved comparison: baseline A and candidate B measured in alternating short
 * trials of one run, so whatever the machine does from minute to minute falls on both. Each round
 * holds one trial of each; each statistic is judged on its per-round ratios B/A (paired), never on
 * two pooled runs: the log ratios are tested with the exact Wilcoxon signed-rank test and the change
 * is the Hodges–Lehmann estimate, with its distribution-free interval, turned back into a ratio.
 * A percentile is judged only when every trial holds at least {@value #MIN_BEYOND} samples beyond it.
 * Outcomes as in the baseline comparison: unchanged inside the tolerance, within noise when past it
 * but not significant at alpha, else a regression or an improvement.
 */
public final class PairedTrials {
    private PairedTrials() {
    }

    /** Samples beyond a percentile every trial must hold for the percentile to be judged. */
    public static final int MIN_BEYOND = 10;
    /** Fewest rounds judged: with 5, the smallest two-sided signed-rank p-value is 1/16. */
    public static final int MIN_ROUNDS = 5;

    /** Percentiles judged, when the samples support them. */
    public static final double[] PERCENTILES = {50, 95, 99};

    /**
     * One trial: a variant's short measurement in one round, as figures (so a saved run's trials
     * can be judged again without their histograms).
     *
     * @param variant  "A" (baseline) or "B" (candidate)
     * @param round    0-based round
     * @param order    0 or 1: ran first or second in its round
     * @param count    latency samples (successful requests) of the trial's measured window
     * @param p50      milliseconds
     * @param p95      milliseconds
     * @param p99      milliseconds
     * @param qps      successful requests per second in that window
     * @param errors   failed requests
     */
    public record Trial(String variant, int round, int order, long count, double p50, double p95, double p99, double qps,
                        long errors) {
        /** The trial's figures from its latency histogram (microseconds). */
        public static Trial of(String variant, int round, int order, Histogram latency, double qps, long errors) {
            long n = latency == null ? 0 : latency.getTotalCount();
            return new Trial(variant, round, order, n, ms(latency, 50), ms(latency, 95), ms(latency, 99), qps, errors);
        }

        private static double ms(Histogram h, double p) {
            return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
        }

        public double percentileMs(double p) {
            if (p == 50) {
                return p50;
            }
            if (p == 95) {
                return p95;
            }
            if (p == 99) {
                return p99;
            }
            throw new IllegalArgumentException("a trial keeps p50, p95 and p99, not p" + p);
        }

        /** This trial with a shift injected, as gate-eval does: p50 multiplies every value, p99 those above p90 (p95, p99). */
        public Trial shifted(String statistic, double fraction) {
            double f = 1 + fraction;
            return "p50".equals(statistic) ? new Trial(variant, round, order, count, p50 * f, p95 * f, p99 * f, qps, errors)
                    : new Trial(variant, round, order, count, p50, p95 * f, p99 * f, qps, errors);
        }
    }

    /**
     * The judgement of one statistic.
     *
     * @param statistic   p50, p95, p99 or qps
     * @param a           A's figure per round
     * @param b           B's figure per round
     * @param ratio       B/A as estimated (exp of the Hodges–Lehmann shift of the log ratios)
     * @param low         lower end of the ratio's interval
     * @param high        upper end
     * @param confidence  the interval's coverage
     * @param pValue      two-sided exact signed-rank p-value
     * @param outcome     regression, improvement, within noise, unchanged, or not compared
     * @param note        why not compared, else empty
     */
    public record Figure(String statistic, String unit, double[] a, double[] b, double ratio, double low, double high,
                         double confidence, double pValue, Outcome outcome, String note) {
        public double changePct() {
            return 100 * (ratio - 1);
        }

        /** Per-round ratios B/A. */
        public double[] ratios() {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = b[i] / a[i];
            }
            return r;
        }

        public String describe() {
            if (outcome == Outcome.NOT_COMPARED) {
                return statistic + ": not compared (" + note + ")";
            }
            return String.format(Locale.ROOT, "%s: B/A %.3f (%+.1f %%), %.0f %% interval %.3f–%.3f, p %s, %d rounds: %s",
                    statistic, ratio, changePct(), 100 * confidence, low, high, formatP(pValue), a.length, outcome.label());
        }
    }

    /** A p-value with two significant digits (exact p-values of many rounds go far below 0.001). */
    public static String formatP(double p) {
        return Double.isNaN(p) ? "n/a" : p >= 0.001 ? Figures.format(p) : String.format(Locale.ROOT, "%.1e", p);
    }

    /** Every statistic's judgement, in the order p50, p95, p99, qps. */
    public static List<Figure> judge(List<Trial> trials, double tolerancePct, double alpha) {
        List<Trial[]> rounds = rounds(trials);
        List<Figure> out = new ArrayList<>();
        for (double q : PERCENTILES) {
            String name = "p" + Figures.format(q);
            long fewest = rounds.stream().flatMap(r -> java.util.stream.Stream.of(r)).mapToLong(Trial::count).min().orElse(0);
            double beyond = fewest * (1 - q / 100);
            double[] a = rounds.stream().mapToDouble(r -> r[0].percentileMs(q)).toArray();
            double[] b = rounds.stream().mapToDouble(r -> r[1].percentileMs(q)).toArray();
            if (rounds.size() < MIN_ROUNDS) {
                out.add(notCompared(name, "ms", a, b, rounds.size() + " rounds, fewer than " + MIN_ROUNDS));
            } else if (beyond < MIN_BEYOND) {
                out.add(notCompared(name, "ms", a, b, String.format(Locale.ROOT,
                        "a trial holds %d samples, %.1f beyond %s; at least %d needed", fewest, beyond, name, MIN_BEYOND)));
            } else {
                out.add(judge(name, "ms", a, b, Direction.LOWER_IS_BETTER, tolerancePct, alpha));
            }
        }
        double[] a = rounds.stream().mapToDouble(r -> r[0].qps()).toArray();
        double[] b = rounds.stream().mapToDouble(r -> r[1].qps()).toArray();
        if (rounds.size() < MIN_ROUNDS) {
            out.add(notCompared("qps", "1/s", a, b, rounds.size() + " rounds, fewer than " + MIN_ROUNDS));
        } else {
            out.add(judge("qps", "1/s", a, b, Direction.HIGHER_IS_BETTER, tolerancePct, alpha));
        }
        return out;
    }

    /** Judges one statistic from its per-round figures of A and B (all positive). */
    public static Figure judge(String statistic, String unit, double[] a, double[] b, Direction direction,
                               double tolerancePct, double alpha) {
        double[] logRatio = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] > 0) || !(b[i] > 0)) {
                return notCompared(statistic, unit, a, b, "round " + i + " has no positive figure (A " + a[i] + ", B " + b[i] + ")");
            }
            logRatio[i] = Math.log(b[i] / a[i]);
        }
        SignedRank.Result t = SignedRank.test(logRatio, alpha);
        double ratio = Math.exp(t.estimate());
        double changePct = 100 * (ratio - 1);
        Outcome outcome;
        if (Math.abs(changePct) <= tolerancePct) {
            outcome = Outcome.UNCHANGED;
        } else if (!(t.pValue() < alpha)) {
            outcome = Outcome.WITHIN_NOISE;
        } else {
            boolean worse = direction == Direction.LOWER_IS_BETTER ? changePct > 0 : changePct < 0;
            outcome = worse ? Outcome.REGRESSION : Outcome.IMPROVEMENT;
        }
        return new Figure(statistic, unit, a, b, ratio, Math.exp(t.low()), Math.exp(t.high()), t.confidence(), t.pValue(), outcome, "");
    }

    private static Figure notCompared(String statistic, String unit, double[] a, double[] b, String why) {
        return new Figure(statistic, unit, a, b, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Outcome.NOT_COMPARED, why);
    }

    /** The trials as rounds {A, B}, in round order; a round missing either variant is left out. */
    public static List<Trial[]> rounds(List<Trial> trials) {
        java.util.TreeMap<Integer, Trial[]> byRound = new java.util.TreeMap<>();
        for (Trial t : trials) {
            Trial[] pair = byRound.computeIfAbsent(t.round(), r -> new Trial[2]);
            int slot = "A".equals(t.variant()) ? 0 : 1;
            if (pair[slot] != null) {
                throw new IllegalArgumentException("round " + t.round() + " has two trials of " + t.variant());
            }
            pair[slot] = t;
        }
        return byRound.values().stream().filter(p -> p[0] != null && p[1] != null).toList();
    }

    /** True when any judged statistic is a regression. */
    public static boolean regressed(List<Figure> figures) {
        return figures.stream().anyMatch(f -> f.outcome() == Outcome.REGRESSION);
    }

    /** The figure that decides the verdict: a regression first, then the largest change. */
    public static Figure headline(List<Figure> figures) {
        return figures.stream().min(Comparator.comparingInt((Figure f) -> f.outcome() == Outcome.REGRESSION ? 0 : 1)
                .thenComparingDouble(f -> Double.isNaN(f.changePct()) ? 0 : -Math.abs(f.changePct()))).orElseThrow();
    }

    /**
     * The order of the two variants in each round: ABBA (round r even: A then B; odd: B then A), so a
     * steady drift weighs on both equally, or a fair coin per round drawn with {@code seed}.
     *
     * @return per round, true when B runs first
     */
    public static boolean[] order(int rounds, boolean random, long seed) {
        boolean[] bFirst = new boolean[rounds];
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < rounds; i++) {
            bFirst[i] = random ? r.nextBoolean() : i % 2 == 1;
        }
        return bFirst;
    }
}

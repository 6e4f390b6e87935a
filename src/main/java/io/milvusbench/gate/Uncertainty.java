package io.milvusbench.gate;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard error of a histogram figure, from two independent readings, the larger of which counts:
 * <ul>
 *   <li><b>sample size</b>: a distribution-free confidence interval of the percentile from order
 *       statistics (the ranks {@code nq ± z·sqrt(nq(1-q))} of the whole run; for the mean,
 *       {@code stddev/sqrt(n)}), plus the histogram's own bucket width;</li>
 *   <li><b>the run's own variation</b>: batch means. The run's intervals, in time order, are cut into
 *       consecutive blocks with enough samples each for the statistic; the standard error is the
 *       spread of the block figures over {@code sqrt(blocks)}, with {@code blocks - 1} degrees of
 *       freedom. Latency samples are not independent (a slow second makes many slow requests), and
 *       blocks see that where order statistics cannot.</li>
 * </ul>
 * The test then compares the mean of the block figures ({@link Estimate#center()}), the estimator
 * that standard error belongs to: a stall of one or two seconds moves a run's p95 of 18,000
 * samples by an order of magnitude (every request sent during the stall waits), but its block
 * mean by its share of the run, and batch means measure exactly that.
 * A figure is compared only when its run can be cut into at least {@value #MIN_BLOCKS} such blocks:
 * with fewer, the run's own variation cannot be measured, and order statistics alone assume
 * independent samples, which latency is not (a stall puts a burst of samples into the tail; on this
 * project's recordings order statistics alone called two unchanged 60 s phases different in half of
 * the pairs, at p99.9). So a percentile needs {@code MIN_BLOCKS x MIN_TAIL} samples beyond it, a run
 * needs {@value #MIN_BLOCKS} intervals, and the maximum is never compared (judge such figures with a
 * threshold rule, or give several baseline runs: their spread is measured directly).
 */
public final class Uncertainty {
    /** Samples needed beyond a percentile (on each side) before it is compared, and per block. */
    public static final int MIN_TAIL = 10;
    /** Blocks a run must yield before its variation counts as measured. */
    public static final int MIN_BLOCKS = 5;
    /** Most blocks cut from one run. */
    static final int MAX_BLOCKS = 30;
    private static final double Z95 = 1.959963984540054;

    private Uncertainty() {
    }

    /** @param intervals the run's interval histograms in time order (microseconds, as {@code total}) */
    public static Estimate of(Histogram total, List<Histogram> intervals, String statistic) {
        return of(total, intervals, statistic, 1000.0);
    }

    /** @param valuesPerMs recorded values per millisecond (1000 for microsecond logs) */
    public static Estimate of(Histogram total, List<Histogram> intervals, String statistic, double valuesPerMs) {
        long n = total.getTotalCount();
        double value = Statistic.of(total, statistic, valuesPerMs);
        if (n == 0) {
            return Estimate.unsupported(Double.NaN, "no samples");
        }
        if ("max".equals(statistic) || "min".equals(statistic)) {
            return Estimate.unsupported(value, "an extreme value has no confidence interval; judge it with a threshold rule");
        }
        if ("count".equals(statistic) || "stddev".equals(statistic)) {
            return Estimate.unsupported(value, "not compared");
        }
        double q;
        if ("mean".equals(statistic)) {
            q = -1;
        } else {
            q = Statistic.percentile(statistic) / 100.0;
            double tail = Math.min(n * (1 - q), n * q) + 1e-9;
            if (tail < MIN_TAIL * MIN_BLOCKS) {
                return Estimate.unsupported(value, statistic + " needs " + MIN_TAIL * MIN_BLOCKS + " samples beyond it ("
                        + MIN_BLOCKS + " blocks of " + MIN_TAIL + "), the run has " + String.format(java.util.Locale.ROOT, "%.0f", Math.floor(tail))
                        + " of " + n);
            }
        }
        double seSample = q < 0 ? total.getStdDeviation() / Math.sqrt(n) / valuesPerMs : orderStatisticSe(total, q, valuesPerMs);
        // the histogram's resolution at the figure: uniform within one bucket
        long raw = Math.round(value * valuesPerMs);
        seSample = Math.hypot(seSample, total.sizeOfEquivalentValueRange(raw) / valuesPerMs / Math.sqrt(12));
        String sampleBasis = (q < 0 ? "standard error of " : "order statistics of ") + n + " samples";

        List<Double> blocks = blockFigures(intervals, statistic, q, valuesPerMs);
        if (blocks.size() < MIN_BLOCKS) {
            long nonEmpty = intervals.stream().filter(h -> h.getTotalCount() > 0).count();
            return Estimate.unsupported(value, "the run's own variation is unmeasured: " + nonEmpty + " interval(s) with samples, "
                    + MIN_BLOCKS + " blocks needed (run longer or more iterations, or give several baselines)");
        }
        double mean = blocks.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double ss = blocks.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double seBlocks = Math.sqrt(ss / (blocks.size() - 1)) / Math.sqrt(blocks.size());
        return Estimate.ofBlocks(value, blocks, Math.max(seBlocks, seSample), "batch means of " + blocks.size() + " blocks");
    }

    /** Half the width of the 95 % order-statistic interval of quantile q, over 1.96. */
    static double orderStatisticSe(Histogram h, double q, double valuesPerMs) {
        long n = h.getTotalCount();
        double half = Z95 * Math.sqrt(n * q * (1 - q));
        double lo = Math.max(1, Math.floor(n * q - half));
        double hi = Math.min(n, Math.ceil(n * q + half) + 1);
        double vLo = h.getValueAtPercentile(Math.min(100.0, 100.0 * lo / n)) / valuesPerMs;
        double vHi = h.getValueAtPercentile(Math.min(100.0, 100.0 * hi / n)) / valuesPerMs;
        return (vHi - vLo) / (2 * Z95);
    }

    /**
     * The statistic of consecutive blocks of intervals, each block holding at least {@value #MIN_TAIL}
     * samples beyond the percentile (two samples for the mean); empty when fewer than two such blocks exist.
     */
    static List<Double> blockFigures(List<Histogram> intervals, String statistic, double q, double valuesPerMs) {
        long n = 0;
        List<Histogram> nonEmpty = new ArrayList<>();
        for (Histogram h : intervals) {
            if (h.getTotalCount() > 0) {
                nonEmpty.add(h);
                n += h.getTotalCount();
            }
        }
        double perBlock = q < 0 ? 2 : MIN_TAIL / Math.min(q, 1 - q);
        int blocks = (int) Math.min(Math.min(nonEmpty.size(), MAX_BLOCKS), Math.floor(n / perBlock));
        List<Double> out = new ArrayList<>();
        if (blocks < 2) {
            return out;
        }
        for (int b = 0; b < blocks; b++) {
            int from = (int) ((long) b * nonEmpty.size() / blocks);
            int to = (int) ((long) (b + 1) * nonEmpty.size() / blocks);
            Histogram sum = new Histogram(nonEmpty.get(from).getNumberOfSignificantValueDigits());
            sum.setAutoResize(true);
            for (int i = from; i < to; i++) {
                sum.add(nonEmpty.get(i));
            }
            if (sum.getTotalCount() == 0) {
                continue;
            }
            out.add(Statistic.of(sum, statistic, valuesPerMs));
        }
        return out;
    }
}

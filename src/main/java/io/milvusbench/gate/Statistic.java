package io.milvusbench.gate;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics the gate knows by name. Histogram statistics ({@code p50 p90 p95 p99 p99.9 pNN max
 * min mean stddev count}) are computed from .hlog files, whose values are microseconds, and are
 * reported in milliseconds. Scalar statistics ({@code recall@K rows/s qps error_rate ...}) are read
 * as written in metrics.jsonl; JMH adds {@code score} and {@code score_error}.
 */
public final class Statistic {
    /** The columns of every percentile table. */
    public static final List<String> TABLE = List.of("p50", "p90", "p95", "p99", "p99.9", "max", "mean");

    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d+)?)");
    private static final Pattern RECALL = Pattern.compile("recall@\\d+");
    private static final Set<String> HISTOGRAM = Set.of("max", "min", "mean", "stddev", "count");
    private static final Set<String> LOWER_BETTER = Set.of("build_seconds", "flush_seconds", "load_seconds",
            "error_rate", "errors");
    private static final Set<String> HIGHER_BETTER = Set.of("rows/s", "qps");
    /** Known, but judged only by thresholds: resource use depends on the machine as much as on the code. */
    private static final Set<String> OTHER_SCALARS = Set.of("requests", "score", "score_error", "memory_percent", "cpu_percent");
    private static final double MICROS_PER_MS = 1000.0;

    private Statistic() {
    }

    /**
     * Fewest samples beyond a percentile for the table to show it as an estimate: with fewer, the
     * order statistic is one of the few largest samples (p99.9 of 1,000 samples is the maximum) and
     * is flagged instead ({@link #supported}).
     */
    public static final int MIN_BEYOND = 10;

    /** Samples beyond percentile statistic {@code pNN} in {@code count} samples; +inf for a non-percentile. */
    public static double samplesBeyond(String statistic, long count) {
        double p = percentile(statistic);
        return p < 0 ? Double.POSITIVE_INFINITY : count * (100 - p) / 100;
    }

    /** Whether {@code count} samples support {@code statistic}: a percentile needs {@link #MIN_BEYOND} samples beyond it. */
    public static boolean supported(String statistic, long count) {
        return samplesBeyond(statistic, count) >= MIN_BEYOND;
    }

    /** Samples needed for percentile statistic {@code pNN} to be supported (1,000 for p99, 10,000 for p99.9). */
    public static long samplesNeeded(String statistic) {
        double p = percentile(statistic);
        return p < 0 || p >= 100 ? 0 : (long) Math.ceil(MIN_BEYOND * 100 / (100 - p) - 1e-9);
    }

    /** True for statistics computed from histograms. */
    public static boolean isHistogram(String statistic) {
        return HISTOGRAM.contains(statistic) || percentile(statistic) >= 0;
    }

    /** True for every statistic of the vocabulary above (producers may write others too). */
    public static boolean isKnown(String statistic) {
        return isHistogram(statistic) || RECALL.matcher(statistic).matches() || LOWER_BETTER.contains(statistic)
                || HIGHER_BETTER.contains(statistic) || OTHER_SCALARS.contains(statistic);
    }

    /** The percentile of {@code pNN} (0 < NN <= 100), or -1 when the name is not a percentile. */
    public static double percentile(String statistic) {
        Matcher m = PERCENTILE.matcher(statistic);
        if (!m.matches()) {
            return -1;
        }
        double p = Double.parseDouble(m.group(1));
        return p > 0 && p <= 100 ? p : -1;
    }

    /** A histogram statistic in milliseconds ({@code count} as a plain number), values in microseconds. */
    public static double of(Histogram h, String statistic) {
        return of(h, statistic, MICROS_PER_MS);
    }

    /** A histogram statistic in milliseconds, {@code valuesPerMs} recorded values making one ms (1000 for microseconds). */
    public static double of(Histogram h, String statistic, double valuesPerMs) {
        return switch (statistic) {
            case "max" -> h.getMaxValue() / valuesPerMs;
            case "min" -> h.getMinValue() / valuesPerMs;
            case "mean" -> h.getMean() / valuesPerMs;
            case "stddev" -> h.getStdDeviation() / valuesPerMs;
            case "count" -> h.getTotalCount();
            default -> {
                double p = percentile(statistic);
                if (p < 0) {
                    throw new IllegalArgumentException("not a histogram statistic: " + statistic);
                }
                yield h.getValueAtPercentile(p) / valuesPerMs;
            }
        };
    }

    public static String histogramUnit(String statistic) {
        return "count".equals(statistic) ? "requests" : "ms";
    }

    /** Which way is better; unknown statistics measured per second count as throughput. */
    public static Direction direction(String statistic, String unit) {
        if ("count".equals(statistic) || "stddev".equals(statistic)) {
            return Direction.NEUTRAL;
        }
        if (isHistogram(statistic) || LOWER_BETTER.contains(statistic)) {
            return Direction.LOWER_IS_BETTER;
        }
        if (HIGHER_BETTER.contains(statistic) || RECALL.matcher(statistic).matches()) {
            return Direction.HIGHER_IS_BETTER;
        }
        if (unit != null && unit.endsWith("/s")) {
            return Direction.HIGHER_IS_BETTER;
        }
        return Direction.NEUTRAL;
    }
}

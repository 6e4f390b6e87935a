package io.milvusbench.gate;

import java.util.List;

/**
 * A figure with its uncertainty: the value, its standard error and the degrees of freedom of that
 * standard error ({@link #LARGE_DF} for an error known from a large sample), or the reason it
 * cannot be compared at all.
 *
 * @param center the figure the test compares, whose standard error {@code se} is: the value itself, or,
 *               for a figure measured by batch means, the mean of its block figures (a stall confined to
 *               one block moves it by its share of the run, as one event should)
 * @param blocks the figure of each block of the run, in time order, when it was measured by blocks
 *               (the baseline comparison then ranks block against block); empty otherwise
 * @param basis how the standard error was found, for reports ("order statistics of 18,000 samples",
 *              "batch means of 30 blocks", "5 JMH iterations", "4 baseline runs")
 * @param unsupported why the figure cannot be compared (null when it can)
 */
public record Estimate(double value, double center, double se, double df, String basis, String unsupported,
                       List<Double> blocks) {
    /** Degrees of freedom that count as a normal distribution. */
    public static final double LARGE_DF = 1e6;

    public static Estimate of(double value, double se, double df, String basis) {
        return new Estimate(value, value, se, df, basis, null, List.of());
    }

    public static Estimate of(double value, double center, double se, double df, String basis) {
        return new Estimate(value, center, se, df, basis, null, List.of());
    }

    public static Estimate unsupported(double value, String why) {
        return new Estimate(value, value, Double.NaN, Double.NaN, "", why, List.of());
    }

    public Estimate {
        blocks = List.copyOf(blocks);
    }

    /** A figure measured by blocks: {@code center} is the median of the block figures. */
    public static Estimate ofBlocks(double value, List<Double> blocks, double se, String basis) {
        List<Double> sorted = blocks.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Estimate(value, median, se, n - 1, basis, null, blocks);
    }

    public boolean supported() {
        return unsupported == null && !Double.isNaN(se) && !Double.isNaN(value);
    }
}

package io.milvusbench.gate;

/**
 * A figure with its uncertainty: the value, its standard error and the degrees of freedom of that
 * standard error ({@link #LARGE_DF} for an error known from a large sample), or the reason it
 * cannot be compared at all.
 *
 * @param basis how the standard error was found, for reports ("order statistics of 18,000 samples",
 *              "batch means of 30 blocks", "5 JMH iterations", "4 baseline runs")
 * @param unsupported why the figure cannot be compared (null when it can)
 */
public record Estimate(double value, double se, double df, String basis, String unsupported) {
    /** Degrees of freedom that count as a normal distribution. */
    public static final double LARGE_DF = 1e6;

    public static Estimate of(double value, double se, double df, String basis) {
        return new Estimate(value, se, df, basis, null);
    }

    public static Estimate unsupported(double value, String why) {
        return new Estimate(value, Double.NaN, Double.NaN, "", why);
    }

    public boolean supported() {
        return unsupported == null && !Double.isNaN(se) && !Double.isNaN(value);
    }
}

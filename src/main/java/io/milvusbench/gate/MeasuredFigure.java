package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;

/**
 * One measured figure a rule or a baseline comparison can judge.
 *
 * @param estimate the figure with its standard error (see {@link Uncertainty}), or why it has none
 * @param source where it came from: {@code hlog}, {@code metrics} or {@code jmh}
 */
public record MeasuredFigure(SeriesId series, String component, String statistic, double value, String unit,
                             Estimate estimate, Direction direction, String source) {

    /** The key two runs are compared by. */
    public String key() {
        return series + " " + component + " " + statistic;
    }
}

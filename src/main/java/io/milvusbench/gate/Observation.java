package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;

/**
 * One measured figure a rule or a baseline comparison can judge.
 *
 * @param noise half-width of the figure's uncertainty in its own unit (3 standard errors of the
 *              per-interval values of an .hlog, JMH's scoreError), or NaN when unknown
 * @param source where it came from: {@code hlog}, {@code metrics} or {@code jmh}
 */
public record Observation(SeriesId series, String component, String statistic, double value, String unit,
                          double noise, Direction direction, String source) {

    /** The key two runs are compared by. */
    public String key() {
        return series + " " + component + " " + statistic;
    }
}

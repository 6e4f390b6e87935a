package io.milvusbench.monitor;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one probe's latencies, in milliseconds, from an HdrHistogram recorded in
 * microseconds. Percentiles are null when no call succeeded; {@code errors} counts the failed calls
 * and {@code lastError} keeps the most recent failure's one-line reason.
 */
public record LatencySummary(long count, long errors, Double p50Ms, Double p90Ms, Double p95Ms, Double p99Ms,
                             Double maxMs, Double meanMs, String lastError) {

    /** Summarises {@code micros} (values in microseconds). */
    public static LatencySummary of(Histogram micros, long errors, String lastError) {
        long n = micros.getTotalCount();
        if (n == 0) {
            return new LatencySummary(0, errors, null, null, null, null, null, null, lastError);
        }
        return new LatencySummary(n, errors, ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()),
                Math.round(micros.getMean()) / 1000.0, lastError);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** A summary for a probe that did not run, with the reason. */
    public static LatencySummary skipped(String reason) {
        return new LatencySummary(0, 0, null, null, null, null, null, null, reason);
    }
}

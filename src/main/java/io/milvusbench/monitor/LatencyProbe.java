package io.milvusbench.monitor;

import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.results.HlogWriter;
import org.HdrHistogram.Histogram;

import java.time.Duration;

/**
 * Times one action repeatedly into an HdrHistogram (microseconds), bounded both by a number of
 * samples and by a wall-time budget, so a slow or dead server can never stall the monitor. Failed
 * calls are counted, not recorded as latencies, and the last reason is kept.
 *
 * <pre>{@code
 * LatencyProbe.Result r = LatencyProbe.run("monitor_connect", 10, Duration.ofSeconds(20), () -> open().close());
 * r.summary().p95Ms();
 * }</pre>
 */
public final class LatencyProbe {
    /** An action the probe times; any exception counts as a failed call. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** What one probe run measured. */
    public record Result(String series, Histogram histogram, long errors, String lastError) {
        public LatencySummary summary() {
            return LatencySummary.of(histogram, errors, lastError);
        }
    }

    private LatencyProbe() {
    }

    /** A fresh histogram as every hlog holds them ({@link HlogWriter#newHistogram()}). */
    public static Histogram newHistogram() {
        return HlogWriter.newHistogram();
    }

    /**
     * Runs {@code action} up to {@code samples} times, stopping early when {@code budget} is spent or
     * {@code stopAfterErrors} consecutive calls failed (a server that is down is not asked again and again).
     */
    public static Result run(String series, int samples, Duration budget, int stopAfterErrors, Action action) {
        Histogram histogram = newHistogram();
        histogram.setTag(series);
        histogram.setStartTimeStamp(System.currentTimeMillis());
        long deadline = System.nanoTime() + budget.toNanos();
        long errors = 0;
        int consecutive = 0;
        String lastError = null;
        for (int i = 0; i < samples && System.nanoTime() < deadline && consecutive < stopAfterErrors; i++) {
            long start = System.nanoTime();
            try {
                action.run();
                histogram.recordValue(HlogWriter.micros(System.nanoTime() - start));
                consecutive = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors++;
                lastError = "interrupted";
                break;
            } catch (Exception e) {
                errors++;
                consecutive++;
                lastError = MilvusClients.rootMessage(e);
            }
        }
        histogram.setEndTimeStamp(System.currentTimeMillis());
        return new Result(series, histogram, errors, lastError);
    }
}

package io.milvusbench.monitor;

import java.util.Map;

/**
 * What the write probe measured on its own short-lived {@code mbench_monitor_probe_*} collection.
 * Figures of steps that did not run (an earlier step failed) are null.
 *
 * @param insertRowsPerSecond          rows / insert seconds (the insert calls alone)
 * @param insertFlushRowsPerSecond     rows / (insert + flush seconds): the tutorial's insert throughput, the one judged
 * @param segmentsBeforeFlush          persistent segments by state right after the insert (growing ones, typically)
 * @param buildSeconds                 from CreateIndex to the index reporting Finished (polled every 100 ms); when it did not
 *                                     finish within the build timeout, the time waited ({@code buildFinished} false)
 * @param loadSeconds                  LoadCollection until loaded
 */
public record WriteProbeResult(String collection, int rows, int dim, Double insertSeconds, Double insertRowsPerSecond,
                               Map<String, Integer> segmentsBeforeFlush, Double flushSeconds, String indexType,
                               Double buildSeconds, Double buildRowsPerSecond, Double loadSeconds, boolean dropped,
                               Double insertFlushRowsPerSecond, Boolean buildFinished) {

    public WriteProbeResult withDropped(boolean wasDropped) {
        return new WriteProbeResult(collection, rows, dim, insertSeconds, insertRowsPerSecond, segmentsBeforeFlush, flushSeconds,
                indexType, buildSeconds, buildRowsPerSecond, loadSeconds, wasDropped, insertFlushRowsPerSecond, buildFinished);
    }
}

package io.milvusbench.monitor;

import io.milvusbench.results.ScalarMetric;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one snapshot hands to alert evaluation: the scalar figures (as written to metrics.jsonl)
 * and the latency histograms (microseconds, keyed by series id, as written to hlog/). This is the
 * seam to the gate's threshold engine, which judges the same shapes from a run folder.
 */
public record MonitorSample(Instant at, List<ScalarMetric> metrics, Map<String, Histogram> latencies) {
}

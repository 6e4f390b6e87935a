package io.milvusbench.monitor;

import io.milvusbench.results.ScalarMetric;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished snapshot with everything derived from it: its scalar figures, its latency histograms,
 * and (inside the snapshot) the alerts and recommendations they produced.
 */
public record Observation(Snapshot snapshot, List<ScalarMetric> metrics, List<LatencyProbe.Result> latencies) {

    /** Derives metrics, evaluates alerts and recommendations; the snapshot returned carries both. */
    public static Observation of(Snapshot raw, List<LatencyProbe.Result> latencies, AlertEvaluator alerts, Advisor advisor) {
        List<ScalarMetric> metrics = SnapshotMetrics.of(raw);
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (LatencyProbe.Result r : latencies) {
            histograms.put(r.series(), r.histogram());
        }
        List<Alert> found = alerts.evaluate(new MonitorSample(raw.at(), metrics, histograms));
        Snapshot judged = raw.withFindings(found, advisor.recommend(raw));
        return new Observation(judged, metrics, List.copyOf(latencies));
    }

    public boolean hasCritical() {
        return snapshot.alerts() != null && snapshot.alerts().stream().anyMatch(Alert::critical);
    }
}

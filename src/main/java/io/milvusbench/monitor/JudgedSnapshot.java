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
public record JudgedSnapshot(Snapshot snapshot, List<ScalarMetric> metrics, List<LatencyProbe.Result> latencies) {

    /** Derives metrics, evaluates alerts and recommendations; the snapshot returned carries both. */
    public static JudgedSnapshot of(Snapshot raw, List<LatencyProbe.Result> latencies, AlertEvaluator alerts, Advisor advisor) {
        List<ScalarMetric> metrics = SnapshotMetrics.of(raw);
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (LatencyProbe.Result r : latencies) {
            histograms.put(r.series(), r.histogram());
        }
        List<Alert> found = new java.util.ArrayList<>(status(raw));
        found.addAll(alerts.evaluate(new MonitorSample(raw.at(), metrics, histograms)));
        Snapshot judged = raw.withFindings(found, advisor.recommend(raw));
        return new JudgedSnapshot(judged, metrics, List.copyOf(latencies));
    }

    public boolean hasCritical() {
        return snapshot.alerts() != null && snapshot.alerts().stream().anyMatch(Alert::critical);
    }

    /** The monitor's own alerts on the server's state: down is critical, degraded (a liveness check slower than its deadline) a warning. */
    static List<Alert> status(Snapshot s) {
        List<Alert> found = new java.util.ArrayList<>(state(s));
        if (s.cluster() != null && s.cluster().missing() != null && !s.cluster().missing().isEmpty()) {
            found.add(new Alert(Alert.CRITICAL, "node-missing", "cluster_nodes", "Cluster", "missing", s.cluster().missing().size(), 0,
                    "cluster node missing: " + String.join("; ", s.cluster().missing())));
        }
        return found;
    }

    private static List<Alert> state(Snapshot s) {
        if (!s.up()) {
            String reason = s.errors() == null || s.errors().isEmpty() ? "unreachable" : s.errors().get(0).message();
            return List.of(new Alert(Alert.CRITICAL, "server-down", "monitor_up", "Proxy", "up", 0, 1,
                    "Milvus is down: " + reason));
        }
        if (s.degraded() && s.liveness() != null) {
            Snapshot.Probe p = s.liveness();
            if (p.slowestCall() != null) {
                return List.of(new Alert(Alert.WARNING, "server-degraded", "monitor_liveness", "Proxy", "slowest_call_ms",
                        p.slowestMs(), p.deadlineMs(), String.format(java.util.Locale.ROOT,
                                "Milvus took %.0f ms to answer %s, more than the %d ms deadline (stalled, frozen or overloaded)",
                                p.slowestMs(), p.slowestCall(), p.deadlineMs())));
            }
            return List.of(new Alert(Alert.WARNING, "server-degraded", "monitor_liveness", "Proxy", "liveness_ms",
                    p.totalMs(), p.deadlineMs(), String.format(java.util.Locale.ROOT,
                            "Milvus answered its liveness check in %.0f ms, slower than the %d ms deadline (stalled, frozen or overloaded)",
                            p.totalMs(), p.deadlineMs())));
        }
        return List.of();
    }
}

package io.milvusbench.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the proxy says about the requests it served, from its own Prometheus series: request counts
 * by method and status ({@code milvus_proxy_req_count}) and latency by method
 * ({@code milvus_proxy_req_latency}, {@code milvus_proxy_sq_latency}; milliseconds in Milvus 2.x).
 * With an earlier scrape the figures cover the interval between the two (with rates); without one
 * they cover the server's lifetime. Series a Milvus version lacks are left out.
 */
public final class ServerTraffic {
    public static final String REQ_COUNT = "milvus_proxy_req_count";
    public static final String REQ_LATENCY = "milvus_proxy_req_latency";
    public static final String SQ_LATENCY = "milvus_proxy_sq_latency";

    /**
     * Requests of one method: {@code total} as the proxy counts them ("total" status, or the sum of the
     * statuses when a version has no such label), {@code failed} those with status "fail" (or "failed").
     * {@code perSecond} only over an interval.
     */
    public record RequestCount(String function, double total, double failed, Double perSecond) {
    }

    /** Server-side latency of one method (ms) from the proxy's histogram. */
    public record ServerLatency(String metric, String function, long count, Double meanMs, Double p50Ms, Double p95Ms,
                                Double p99Ms) {
    }

    /** @param window "lifetime" or "interval" (since the previous snapshot) */
    public record Figures(String window, Double intervalSeconds, List<RequestCount> requests, List<ServerLatency> latencies) {
    }

    private ServerTraffic() {
    }

    public static Figures of(PrometheusText now, PrometheusText previous, double intervalSeconds) {
        boolean interval = previous != null && intervalSeconds > 0;
        List<RequestCount> requests = new ArrayList<>();
        Map<String, double[]> current = countsByMethod(now);
        Map<String, double[]> before = interval ? countsByMethod(previous) : Map.of();
        boolean reset = current.entrySet().stream()
                .anyMatch(e -> e.getValue()[0] < before.getOrDefault(e.getKey(), new double[2])[0]);
        current.forEach((method, counts) -> {
            double[] earlier = interval && !reset ? before.getOrDefault(method, new double[2]) : new double[2];
            double total = counts[0] - earlier[0];
            if (total > 0 || !interval) {
                requests.add(new RequestCount(method, total, counts[1] - earlier[1], interval ? total / intervalSeconds : null));
            }
        });
        List<ServerLatency> latencies = new ArrayList<>();
        latencies.addAll(latency(now, interval ? previous : null, REQ_LATENCY, "function_name"));
        latencies.addAll(latency(now, interval ? previous : null, SQ_LATENCY, "query_type"));
        return new Figures(interval ? "interval" : "lifetime", interval ? intervalSeconds : null, requests, latencies);
    }

    /** Per method: [total, failed]. */
    static Map<String, double[]> countsByMethod(PrometheusText text) {
        Map<String, Map<String, Double>> byStatus = new TreeMap<>();
        for (PrometheusText.Sample s : text.series(REQ_COUNT)) {
            byStatus.computeIfAbsent(s.label("function_name"), k -> new TreeMap<>()).merge(s.label("status"), s.value(), Double::sum);
        }
        Map<String, double[]> out = new TreeMap<>();
        byStatus.forEach((method, statuses) -> {
            double total = statuses.containsKey("total") ? statuses.get("total")
                    : statuses.values().stream().mapToDouble(Double::doubleValue).sum();
            double failed = statuses.getOrDefault("fail", 0.0) + statuses.getOrDefault("failed", 0.0);
            out.put(method, new double[] {total, failed});
        });
        return out;
    }

    private static List<ServerLatency> latency(PrometheusText now, PrometheusText previous, String metric, String label) {
        Map<String, PrometheusHistograms.Group> groups = PrometheusHistograms.byLabel(now, metric, label);
        Map<String, PrometheusHistograms.Group> earlier = previous == null ? Map.of()
                : PrometheusHistograms.byLabel(previous, metric, label);
        List<ServerLatency> out = new ArrayList<>();
        groups.forEach((key, group) -> {
            PrometheusHistograms.Group g = group.minus(earlier.get(key));
            if (g.count() > 0) {
                out.add(new ServerLatency(metric, key, Math.round(g.count()), round(g.mean()), round(g.quantile(0.5)),
                        round(g.quantile(0.95)), round(g.quantile(0.99))));
            }
        });
        return out;
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 1000) / 1000.0;
    }
}

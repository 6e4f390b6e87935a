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

    /**
     * Server-side latency of one method (ms) from the proxy's histogram. A quantile whose rank falls in
     * the first bucket (0 to {@code firstBucketMs}) is not measured — interpolating there would just
     * give q × the bound — so it is null and named in {@code belowFirstBucket} ("&lt; 1 ms").
     */
    public record ServerLatency(String metric, String function, long count, Double meanMs, Double p50Ms, Double p95Ms,
                                Double p99Ms, Double firstBucketMs, List<String> belowFirstBucket) {
        /** The quantile as text: "12.40", "&lt; 1 ms" inside the first bucket, "-" when unknown. */
        public String text(String quantile, Double value) {
            if (belowFirstBucket != null && belowFirstBucket.contains(quantile)) {
                return "< " + trim(firstBucketMs) + " ms";
            }
            return value == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", value);
        }

        private static String trim(Double v) {
            return v == null ? "?" : v == Math.rint(v) ? Long.toString(v.longValue()) : v.toString();
        }
    }

    /**
     * @param window "lifetime" (before the first snapshot), "interval" (between snapshots, the monitor idle) or
     *               "snapshot" (during the snapshot: the monitor's own probe requests, and any others meanwhile)
     */
    public record Figures(String window, Double intervalSeconds, List<RequestCount> requests, List<ServerLatency> latencies) {
        public Figures as(String newWindow) {
            return new Figures(newWindow, intervalSeconds, requests, latencies);
        }
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
                Double first = g.buckets().isEmpty() ? null : g.buckets().firstKey();
                List<String> below = new ArrayList<>();
                Double p50 = quantileOrBelow(g, 0.5, "p50", below);
                Double p95 = quantileOrBelow(g, 0.95, "p95", below);
                Double p99 = quantileOrBelow(g, 0.99, "p99", below);
                out.add(new ServerLatency(metric, key, Math.round(g.count()), round(g.mean()), p50, p95, p99,
                        below.isEmpty() ? null : first, below.isEmpty() ? null : List.copyOf(below)));
            }
        });
        return out;
    }

    /** The quantile, or null (and its name added to {@code below}) when its rank falls in the first finite bucket. */
    private static Double quantileOrBelow(PrometheusHistograms.Group g, double q, String name, List<String> below) {
        if (!g.buckets().isEmpty()) {
            Map.Entry<Double, Double> first = g.buckets().firstEntry();
            if (Double.isFinite(first.getKey()) && first.getValue() >= q * g.buckets().lastEntry().getValue()
                    && g.buckets().lastEntry().getValue() > 0) {
                below.add(name);
                return null;
            }
        }
        return round(g.quantile(q));
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 1000) / 1000.0;
    }
}

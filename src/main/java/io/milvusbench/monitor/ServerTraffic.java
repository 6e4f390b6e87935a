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
 * they cover the server's lifetime. Series a Milvus version lacks are left out. Milvus 2.4 on labels
 * these series with {@code db_name} and {@code collection_name} as well: the per-method figures sum
 * over them, and {@link Figures#byCollection} keeps the split by collection.
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
    public record Figures(String window, Double intervalSeconds, List<RequestCount> requests, List<ServerLatency> latencies,
                          List<CollectionRequests> byCollection) {
        public Figures as(String newWindow) {
            return new Figures(newWindow, intervalSeconds, requests, latencies, byCollection);
        }
    }

    /**
     * Requests naming one collection, per method, from {@code milvus_proxy_req_count}'s {@code db_name} and
     * {@code collection_name} labels (Milvus 2.4 on; 2.3 has neither, so the list is null there). Requests
     * that name no collection (ListCollections, GetMetrics, ...) are left out.
     */
    public record CollectionRequests(String db, String collection, String function, double total, double failed) {
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
        return new Figures(interval ? "interval" : "lifetime", interval ? intervalSeconds : null, requests, latencies,
                byCollection(now, interval && !reset ? previous : null));
    }

    /** Per (db, collection, method): [total, failed] moved since {@code previous} (all of it without one); null without the labels. */
    static List<CollectionRequests> byCollection(PrometheusText now, PrometheusText previous) {
        if (now.series(REQ_COUNT).stream().noneMatch(s -> s.labels().containsKey("collection_name"))) {
            return null;
        }
        Map<List<String>, double[]> current = countsByCollection(now);
        Map<List<String>, double[]> before = previous == null ? Map.of() : countsByCollection(previous);
        List<CollectionRequests> out = new ArrayList<>();
        current.forEach((key, counts) -> {
            double[] earlier = before.getOrDefault(key, new double[2]);
            double total = counts[0] - earlier[0];
            if (total > 0) {
                out.add(new CollectionRequests(key.get(0), key.get(1), key.get(2), total, counts[1] - earlier[1]));
            }
        });
        return out;
    }

    /** Per [db, collection, method]: [total, failed], summed over node_id; series with an empty collection_name left out. */
    private static Map<List<String>, double[]> countsByCollection(PrometheusText text) {
        Map<List<String>, Map<String, Double>> byStatus = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        for (PrometheusText.Sample s : text.series(REQ_COUNT)) {
            if (s.label("collection_name").isEmpty()) {
                continue;
            }
            byStatus.computeIfAbsent(List.of(s.label("db_name"), s.label("collection_name"), s.label("function_name")), k -> new TreeMap<>())
                    .merge(s.label("status"), s.value(), Double::sum);
        }
        Map<List<String>, double[]> out = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        byStatus.forEach((key, statuses) -> out.put(key, totalAndFailed(statuses)));
        return out;
    }

    private static double[] totalAndFailed(Map<String, Double> statuses) {
        double total = statuses.containsKey("total") ? statuses.get("total")
                : statuses.values().stream().mapToDouble(Double::doubleValue).sum();
        double failed = statuses.getOrDefault("fail", 0.0) + statuses.getOrDefault("failed", 0.0);
        return new double[] {total, failed};
    }

    /** Per method: [total, failed]. */
    static Map<String, double[]> countsByMethod(PrometheusText text) {
        Map<String, Map<String, Double>> byStatus = new TreeMap<>();
        for (PrometheusText.Sample s : text.series(REQ_COUNT)) {
            byStatus.computeIfAbsent(s.label("function_name"), k -> new TreeMap<>()).merge(s.label("status"), s.value(), Double::sum);
        }
        Map<String, double[]> out = new TreeMap<>();
        byStatus.forEach((method, statuses) -> out.put(method, totalAndFailed(statuses)));
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

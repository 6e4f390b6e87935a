package io.milvusbench.load;

import io.milvusbench.monitor.PrometheusText;

import java.util.Map;
import java.util.TreeMap;

/**
 * The proxy's own search latency histogram from the metrics endpoint:
 * {@code milvus_proxy_collection_sq_latency{collection_name=C,query_type="search"}} (falling back to
 * {@code milvus_proxy_sq_latency}, of collection C where the version labels it so, 2.4 on, else of
 * every collection). Other labels ({@code node_id}, 2.4's {@code db_name}) are summed over. Milvus observes each search as a whole
 * number of milliseconds, truncated, so the sum under-counts by about half a millisecond per
 * request and bucket bounds are only millisecond-exact; {@link #meanMs()} therefore gives the
 * truncated mean and {@link #estimatedMeanMs()} adds the expected 0.5 ms back.
 *
 * <p>Take a snapshot before and after a phase and use {@link #minus} for what the phase did.
 */
public record ProxySearchLatency(TreeMap<Double, Double> cumulativeBuckets, double sumMs, double count) {
    static final String PER_COLLECTION = "milvus_proxy_collection_sq_latency";
    static final String ALL = "milvus_proxy_sq_latency";

    /** Reads the histogram of {@code collection} (or of every collection when the server has no per-collection series). */
    public static ProxySearchLatency from(PrometheusText metrics, String collection) {
        ProxySearchLatency one = read(metrics, PER_COLLECTION, Map.of("collection_name", collection, "query_type", "search"));
        if (one.count > 0 || metrics.series(PER_COLLECTION + "_count").size() > 0) {
            return one;
        }
        // Milvus 2.4 on labels the all-collections histogram with db_name and collection_name: keep to the collection
        boolean labelled = metrics.series(ALL + "_count").stream().anyMatch(s -> s.labels().containsKey("collection_name"));
        return read(metrics, ALL, labelled ? Map.of("collection_name", collection, "query_type", "search") : Map.of("query_type", "search"));
    }

    private static ProxySearchLatency read(PrometheusText metrics, String name, Map<String, String> match) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (PrometheusText.Sample s : metrics.series(name + "_bucket")) {
            if (matches(s, match)) {
                String le = s.label("le");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(bound, s.value(), Double::sum);
            }
        }
        double sum = metrics.sum(name + "_sum", s -> matches(s, match));
        double count = metrics.sum(name + "_count", s -> matches(s, match));
        return new ProxySearchLatency(buckets, sum, count);
    }

    private static boolean matches(PrometheusText.Sample s, Map<String, String> match) {
        return match.entrySet().stream().allMatch(e -> e.getValue().equals(s.label(e.getKey())));
    }

    /** What happened between {@code before} and this snapshot. */
    public ProxySearchLatency minus(ProxySearchLatency before) {
        TreeMap<Double, Double> diff = new TreeMap<>();
        cumulativeBuckets.forEach((le, n) -> diff.put(le, n - before.cumulativeBuckets.getOrDefault(le, 0.0)));
        return new ProxySearchLatency(diff, sumMs - before.sumMs, count - before.count);
    }

    /** Mean of the truncated millisecond observations (a lower bound of the true mean). */
    public double meanMs() {
        return count > 0 ? sumMs / count : Double.NaN;
    }

    /** The truncated mean plus the expected truncation of 0.5 ms: the best estimate of the true mean. */
    public double estimatedMeanMs() {
        return meanMs() + 0.5;
    }

    /**
     * Quantile {@code q} (0..1) by linear interpolation inside the bucket that holds it, as
     * Prometheus' histogram_quantile does; as coarse as the buckets (1, 2, 4, 8 ... ms).
     */
    public double quantileMs(double q) {
        if (count <= 0) {
            return Double.NaN;
        }
        double rank = q * count;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> b : cumulativeBuckets.entrySet()) {
            if (b.getValue() >= rank) {
                if (b.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = b.getValue() - lowerCount;
                return inBucket <= 0 ? b.getKey() : lowerBound + (b.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = b.getKey();
            lowerCount = b.getValue();
        }
        return lowerBound;
    }
}

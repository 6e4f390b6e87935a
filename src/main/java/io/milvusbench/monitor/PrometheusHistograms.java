package io.milvusbench.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Quantiles of a Prometheus histogram ({@code NAME_bucket{le=...}}, {@code NAME_sum},
 * {@code NAME_count}) as Prometheus' own {@code histogram_quantile} estimates them: linear
 * interpolation inside the bucket holding the rank. Series are grouped by one label (e.g.
 * {@code function_name}); all other labels are summed over.
 */
public final class PrometheusHistograms {
    /** One group of a histogram: cumulative bucket counts by upper bound, total count and sum. */
    public record Group(String key, TreeMap<Double, Double> buckets, double count, double sum) {
        public Double mean() {
            return count > 0 ? sum / count : null;
        }

        /** The {@code q} quantile (0..1), or null when the group is empty. */
        public Double quantile(double q) {
            return PrometheusHistograms.quantile(buckets, q);
        }

        /** This group minus {@code earlier} (a counter reset — a restarted server — keeps this group). */
        public Group minus(Group earlier) {
            if (earlier == null || earlier.count > count) {
                return this;
            }
            TreeMap<Double, Double> diff = new TreeMap<>();
            buckets.forEach((le, c) -> diff.put(le, c - earlier.buckets.getOrDefault(le, 0.0)));
            return new Group(key, diff, count - earlier.count, sum - earlier.sum);
        }
    }

    private PrometheusHistograms() {
    }

    /** The groups of histogram {@code name}, keyed by the value of {@code groupLabel} (empty string when absent). */
    public static Map<String, Group> byLabel(PrometheusText text, String name, String groupLabel) {
        Function<PrometheusText.Sample, String> key = s -> s.label(groupLabel);
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        for (PrometheusText.Sample s : text.series(name + "_bucket")) {
            double le = parseLe(s.label("le"));
            buckets.computeIfAbsent(key.apply(s), k -> new TreeMap<>()).merge(le, s.value(), Double::sum);
        }
        Map<String, Double> counts = text.series(name + "_count").stream()
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.summingDouble(PrometheusText.Sample::value)));
        Map<String, Double> sums = text.series(name + "_sum").stream()
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.summingDouble(PrometheusText.Sample::value)));
        Map<String, Group> out = new TreeMap<>();
        buckets.forEach((k, b) -> out.put(k, new Group(k, b, counts.getOrDefault(k, b.getOrDefault(Double.POSITIVE_INFINITY, 0.0)),
                sums.getOrDefault(k, 0.0))));
        return out;
    }

    private static double parseLe(String le) {
        return switch (le) {
            case "+Inf", "" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(le);
        };
    }

    /** histogram_quantile over cumulative {@code buckets}; the +Inf bucket answers with the highest finite bound. */
    static Double quantile(TreeMap<Double, Double> buckets, double q) {
        if (buckets.isEmpty()) {
            return null;
        }
        double total = buckets.lastEntry().getValue();
        if (!(total > 0)) {
            return null;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        List<Map.Entry<Double, Double>> entries = new ArrayList<>(buckets.entrySet());
        for (Map.Entry<Double, Double> e : entries) {
            double upper = e.getKey();
            double cumulative = e.getValue();
            if (cumulative >= rank) {
                if (Double.isInfinite(upper)) {
                    return lowerBound;
                }
                double inBucket = cumulative - lowerCount;
                return inBucket <= 0 ? upper : lowerBound + (upper - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = Double.isInfinite(upper) ? lowerBound : upper;
            lowerCount = cumulative;
        }
        return lowerBound;
    }
}

package io.milvusbench.monitor;

import java.util.Map;
import java.util.TreeMap;

/**
 * The series a Milvus component exports under its prefix ({@code milvus_querynode_},
 * {@code milvus_datanode_}, ...), each summed over its labels: counters and gauges by name,
 * histograms as {@code NAME_count} and {@code NAME_sum} (their buckets are left out). Which names
 * exist depends on the Milvus version and on the traffic so far; absent names are simply absent.
 */
public final class ComponentMetrics {
    private ComponentMetrics() {
    }

    public static Map<String, Double> summed(PrometheusText text, String prefix) {
        Map<String, Double> out = new TreeMap<>();
        if (text == null) {
            return out;
        }
        for (PrometheusText.Sample s : text.withPrefix(prefix)) {
            if (s.name().endsWith("_bucket") || Double.isNaN(s.value())) {
                continue;
            }
            out.merge(s.name(), s.value(), Double::sum);
        }
        return out;
    }
}

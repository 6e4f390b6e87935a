package io.milvusbench.monitor;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** histogram_quantile over the proxy's real sq_latency buckets. */
class PrometheusHistogramsTest {

    @Test
    void searchLatencyOfTheLoadedSample() {
        // 10 searches: 6 in (0,1] ms, 3 in (1,2], 1 in (2,4]; sum 16 ms.
        PrometheusHistograms.Group search = PrometheusHistograms.byLabel(Samples.metrics("metrics-v2.3.5-loaded.txt"),
                "milvus_proxy_sq_latency", "query_type").get("search");
        assertEquals(10, search.count());
        assertEquals(1.6, search.mean(), 1e-9);
        assertEquals(5.0 / 6, search.quantile(0.5), 1e-9);
        assertEquals(3.0, search.quantile(0.95), 1e-9);
        assertEquals(3.8, search.quantile(0.99), 1e-9);
    }

    @Test
    void strongConsistencySearchesOfTheTrafficSample() {
        // 20 searches: 8 in (128,256], 11 in (256,512], 1 in (512,1024].
        PrometheusHistograms.Group search = PrometheusHistograms.byLabel(Samples.metrics("metrics-v2.3.5-after-traffic.txt"),
                "milvus_proxy_sq_latency", "query_type").get("search");
        assertEquals(20, search.count());
        assertEquals(256 + 256 * 2.0 / 11, search.quantile(0.5), 1e-9);
        assertEquals(512, search.quantile(0.95), 1e-9);
        assertEquals(921.6, search.quantile(0.99), 1e-9);
    }

    @Test
    void differenceOfTwoScrapesAndCounterReset() {
        TreeMap<Double, Double> before = new TreeMap<>(Map.of(1.0, 2.0, 2.0, 4.0, Double.POSITIVE_INFINITY, 4.0));
        TreeMap<Double, Double> after = new TreeMap<>(Map.of(1.0, 2.0, 2.0, 8.0, Double.POSITIVE_INFINITY, 9.0));
        PrometheusHistograms.Group a = new PrometheusHistograms.Group("x", before, 4, 5);
        PrometheusHistograms.Group b = new PrometheusHistograms.Group("x", after, 9, 25);
        PrometheusHistograms.Group diff = b.minus(a);
        assertEquals(5, diff.count());
        assertEquals(4.0, diff.mean(), 1e-9);
        // 4 new in (1,2], 1 new above 2: the median lies in (1,2].
        assertEquals(1 + 2.5 / 4, diff.quantile(0.5), 1e-9);
        // Reset: the later scrape has fewer observations, so it stands on its own.
        assertEquals(a, a.minus(b));
        assertNull(new PrometheusHistograms.Group("empty", new TreeMap<>(), 0, 0).quantile(0.5));
    }
}

package io.milvusbench.load;

import io.milvusbench.monitor.PrometheusText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the proxy's search histogram from metrics text saved from a real Milvus 2.3.5 after a load run. */
class ProxySearchLatencyTest {
    static final String COLLECTION = "mbench_load_20000x128_l2_hnsw_sd26917b5";

    static PrometheusText sample() throws IOException {
        try (InputStream in = ProxySearchLatencyTest.class.getResourceAsStream("/samples/metrics-v2.3.5-search-sq-latency.txt")) {
            return PrometheusText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void meanAndQuantilesOfTheSavedHistogram() throws IOException {
        ProxySearchLatency p = ProxySearchLatency.from(sample(), COLLECTION);
        assertEquals(3786, p.count());
        assertEquals(16296, p.sumMs());
        assertEquals(16296.0 / 3786, p.meanMs(), 1e-12);
        assertEquals(16296.0 / 3786 + 0.5, p.estimatedMeanMs(), 1e-12);
        // rank 1893 lies in (1, 2] ms, which holds counts 1711..2530
        assertEquals(1 + (1893.0 - 1711) / (2530 - 1711), p.quantileMs(0.5), 1e-12);
        // rank 3596.7 lies in (8, 16], counts 3449..3635
        assertEquals(8 + 8 * (0.95 * 3786 - 3449) / (3635 - 3449), p.quantileMs(0.95), 1e-9);
    }

    @Test
    void unknownCollectionIsEmptyAndADiffOfTheSameSnapshotIsZero() throws IOException {
        ProxySearchLatency none = ProxySearchLatency.from(sample(), "mbench_absent");
        assertEquals(0, none.count());
        assertTrue(Double.isNaN(none.meanMs()));
        ProxySearchLatency p = ProxySearchLatency.from(sample(), COLLECTION);
        ProxySearchLatency zero = p.minus(p);
        assertEquals(0, zero.count());
        assertTrue(Double.isNaN(zero.quantileMs(0.5)));
    }
}

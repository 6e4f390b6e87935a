package io.milvusbench.monitor;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GetMetrics and /metrics parsing on answers saved from a real Milvus 2.3.5. */
class SavedSamplesTest {
    static String sample(String name) throws IOException {
        try (InputStream in = SavedSamplesTest.class.getResourceAsStream("/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void systemInfoHasEveryComponent() throws IOException {
        List<NodeInfo> nodes = SystemInfo.parse(sample("getmetrics-system-info-v2.3.5.json"));
        assertEquals(List.of("querynode", "querycoord", "datanode", "indexnode", "datacoord", "rootcoord", "proxy"),
                nodes.stream().map(NodeInfo::type).toList());
        NodeInfo query = nodes.get(0);
        assertEquals("querynode1", query.name());
        assertEquals(25276514304L, query.memoryBytes());
        assertEquals(80080896L, query.memoryUsedBytes());
        assertEquals(2, query.cpuCores());
        assertEquals("v2.3.5-lite", query.buildVersion());
        assertEquals(100.0 * 80080896L / 25276514304L, query.memoryPercent(), 1e-12);
    }

    @Test
    void garbledSystemInfoIsBadInput() {
        assertThrows(BadInputException.class, () -> SystemInfo.parse("{\"nodes\":"));
        assertThrows(BadInputException.class, () -> SystemInfo.parse("{\"other\":1}"));
    }

    @Test
    void metricsTextParsesLabelsAndValues() throws IOException {
        PrometheusText text = PrometheusText.parse(sample("metrics-v2.3.5-idle.txt"));
        assertTrue(text.samples().size() > 100);
        assertTrue(!text.withPrefix("milvus_proxy_").isEmpty());
        PrometheusText small = PrometheusText.parse("# HELP x y\nx_total{a=\"1\",b=\"q\\\"z\"} 3\nx_total{a=\"2\"} 4.5e0\nup 1\nnan NaN\n");
        assertEquals(7.5, small.sum("x_total", s -> true));
        assertEquals("q\"z", small.series("x_total").get(0).label("b"));
        assertEquals(Map.of("a", "2"), small.series("x_total").get(1).labels());
        assertTrue(Double.isNaN(small.series("nan").get(0).value()));
        assertEquals(0.0, small.sum("absent_metric", s -> true));
    }

    @Test
    void garbledMetricsLineIsNamed() {
        BadInputException e = assertThrows(BadInputException.class, () -> PrometheusText.parse("ok 1\nbad{a=\"1\" 2\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(BadInputException.class, () -> PrometheusText.parse("x notanumber"));
    }
}

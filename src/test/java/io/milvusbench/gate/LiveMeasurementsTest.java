package io.milvusbench.gate;

import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.milvusbench.gate.RunFixture.interval;
import static io.milvusbench.gate.RunFixture.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The monitor's alert mode: the shipped rules on in-memory figures, leniently. */
class LiveMeasurementsTest {
    @Test
    void shippedRulesJudgeLiveFigures() {
        SeriesId search = SeriesId.of("search");
        Measurements live = Measurements.of(List.of(
                        ScalarMetric.of(SeriesId.of("monitor"), "QueryNode", "memory_percent", 87.5, "%"),
                        ScalarMetric.of(SeriesId.of("monitor"), "Proxy", "memory_percent", 20, "%")),
                Map.of(search, interval(search, range(1, 1000))));
        List<RuleResult> results = Thresholds.load(Path.of("benchmarks/thresholds.yaml")).evaluate(live, false);
        Map<String, Status> byName = new java.util.HashMap<>();
        results.forEach(r -> byName.put(r.rule().name(), r.status()));
        assertEquals(Status.WARNING, byName.get("memory-warning"));
        assertEquals(Status.PASS, byName.get("memory-critical"));
        assertEquals(Status.PASS, byName.get("search-p95-latency"));
        assertEquals(Status.NO_DATA, byName.get("insert-throughput"));
        assertEquals("memory_percent of monitor @QueryNode = 87.5 %, breaches max 85",
                results.stream().filter(r -> r.rule().name().equals("memory-warning")).findFirst().orElseThrow().message());
    }
}

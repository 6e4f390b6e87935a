package io.milvusbench.monitor;

import io.milvusbench.gate.Thresholds;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor's alerts come from the shipped rules file through the gate's engine. */
class GateAlertEvaluatorTest {
    private final GateAlertEvaluator evaluator = new GateAlertEvaluator(Thresholds.load(Path.of("benchmarks/thresholds.yaml")));

    private List<Alert> memory(double percent) {
        ScalarMetric m = ScalarMetric.of(SeriesId.of("node", "name", "querynode1"), "QueryNode", "memory_percent", percent, "%");
        return evaluator.evaluate(new MonitorSample(Instant.now(), List.of(m), Map.of()));
    }

    @Test
    void memoryRulesOfTheShippedFile() {
        assertEquals(List.of(), memory(84.9));
        assertEquals(List.of(), memory(85.0));
        List<Alert> warning = memory(85.1);
        assertEquals(1, warning.size());
        assertEquals(Alert.WARNING, warning.get(0).severity());
        assertEquals("memory-warning", warning.get(0).rule());
        List<Alert> critical = memory(90.5);
        assertTrue(critical.stream().anyMatch(a -> a.critical() && a.rule().equals("memory-critical")), critical.toString());
        assertEquals("QueryNode", critical.get(0).component());
    }
}

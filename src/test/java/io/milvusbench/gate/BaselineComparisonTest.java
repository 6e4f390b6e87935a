package io.milvusbench.gate;

import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.milvusbench.gate.RunFixture.interval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineComparisonTest {
    private static final SeriesId S = SeriesId.parse("search[index=HNSW]");

    /** 1000 values evenly spread over 1..1000 us, times {@code factor}. */
    private static long[] spread(double factor) {
        long[] v = new long[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round((i + 1) * factor);
        }
        return v;
    }

    private static Measurements run(double... intervalFactors) {
        List<Histogram> intervals = new ArrayList<>();
        for (double f : intervalFactors) {
            intervals.add(interval(S, spread(f)));
        }
        return new Measurements(Map.of(S, HlogSeries.of(S, intervals)), List.of(), List.of());
    }

    private static Comparison p95(List<Comparison> all) {
        return all.stream().filter(c -> c.statistic().equals("p95")).findFirst().orElseThrow();
    }

    @Test
    void steadyRunsTwentyPercentSlowerIsARegression() {
        Comparison c = p95(BaselineComparison.compare(run(1.2, 1.2, 1.2), run(1, 1, 1), 10));
        assertEquals(0.95, c.baseline(), 1e-12);
        assertEquals(1.14, c.current(), 1e-12);
        assertEquals(20.0, c.changePct(), 1e-9);
        assertEquals(0.0, c.noise(), 1e-12);
        assertEquals(Comparison.Outcome.REGRESSION, c.outcome());
    }

    @Test
    void theSameChangeInsideTheRunToRunNoiseIsNotFlagged() {
        Comparison c = p95(BaselineComparison.compare(run(1.2, 2.4, 1.2, 2.4), run(1, 2, 1, 2), 10));
        assertTrue(c.changePct() > 10, "change " + c.changePct());
        assertTrue(Math.abs(c.current() - c.baseline()) < c.noise(), c.toString());
        assertEquals(Comparison.Outcome.WITHIN_NOISE, c.outcome());
    }

    @Test
    void fasterIsAnImprovementAndSmallChangesAreUnchanged() {
        assertEquals(Comparison.Outcome.IMPROVEMENT, p95(BaselineComparison.compare(run(0.8, 0.8), run(1, 1), 10)).outcome());
        assertEquals(Comparison.Outcome.UNCHANGED, p95(BaselineComparison.compare(run(1.05, 1.05), run(1, 1), 10)).outcome());
        assertEquals(Comparison.Outcome.REGRESSION, p95(BaselineComparison.compare(run(1.05, 1.05), run(1, 1), 4)).outcome());
    }

    @Test
    void lowerThroughputAndRecallAreRegressions() {
        Measurements base = Measurements.of(List.of(ScalarMetric.of(S, "Client", "qps", 1000, "1/s"),
                ScalarMetric.of(S, "Client", "recall@10", 0.95, "ratio"),
                ScalarMetric.of(S, "Client", "requests", 100, "requests"),
                ScalarMetric.of(S, "QueryNode", "memory_percent", 30, "%")), Map.of());
        Measurements now = Measurements.of(List.of(ScalarMetric.of(S, "Client", "qps", 850, "1/s"),
                ScalarMetric.of(S, "Client", "recall@10", 0.80, "ratio"),
                ScalarMetric.of(S, "Client", "requests", 200, "requests"),
                ScalarMetric.of(S, "QueryNode", "memory_percent", 60, "%")), Map.of());
        Map<String, Comparison.Outcome> outcomes = new java.util.HashMap<>();
        BaselineComparison.compare(now, base, 10).forEach(c -> outcomes.put(c.statistic(), c.outcome()));
        assertEquals(Map.of("qps", Comparison.Outcome.REGRESSION, "recall@10", Comparison.Outcome.REGRESSION,
                "requests", Comparison.Outcome.CHANGED, "memory_percent", Comparison.Outcome.CHANGED), outcomes);
    }

    @Test
    void jmhScoreErrorIsTheNoise() {
        SeriesId id = SeriesId.parse("SearchBenchmark.search[index=HNSW]");
        JmhScore base = new JmhScore(id, "x.SearchBenchmark.search", "avgt", 2.0, 0.2, "ms/op", Map.of(), Map.of());
        JmhScore inNoise = new JmhScore(id, "x.SearchBenchmark.search", "avgt", 2.3, 0.2, "ms/op", Map.of(), Map.of());
        JmhScore beyond = new JmhScore(id, "x.SearchBenchmark.search", "avgt", 2.5, 0.2, "ms/op", Map.of(), Map.of());
        assertEquals(Comparison.Outcome.WITHIN_NOISE, score(inNoise, base).outcome());
        Comparison c = score(beyond, base);
        assertEquals(Comparison.Outcome.REGRESSION, c.outcome());
        assertEquals(0.4, c.noise(), 1e-12);
    }

    private static Comparison score(JmhScore now, JmhScore base) {
        return BaselineComparison.compare(new Measurements(Map.of(), List.of(), List.of(now)),
                new Measurements(Map.of(), List.of(), List.of(base)), 10).stream()
                .filter(c -> c.statistic().equals("score")).findFirst().orElseThrow();
    }
}

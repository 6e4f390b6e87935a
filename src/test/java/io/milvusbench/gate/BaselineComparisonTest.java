package io.milvusbench.gate;

import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.milvusbench.gate.RunFixture.interval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineComparisonTest {
    private static final SeriesId S = SeriesId.parse("search[index=HNSW]");
    private static final double PCT = GatePolicy.DEFAULT_REGRESSION_PCT;
    private static final double ALPHA = GatePolicy.DEFAULT_ALPHA;

    /** 1000 values evenly spread over 1..1000 ms, times {@code factor} (microseconds). */
    private static long[] spread(double factor) {
        long[] v = new long[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round((i + 1) * 1000 * factor);
        }
        return v;
    }

    private static Measurements run(double... intervalFactors) {
        List<Histogram> intervals = new ArrayList<>();
        long t = 0;
        for (double f : intervalFactors) {
            Histogram h = interval(S, spread(f));
            h.setStartTimeStamp(t += 1000);
            intervals.add(h);
        }
        return new Measurements(Map.of(S, HlogSeries.of(S, intervals)), List.of(), List.of());
    }

    private static Comparison stat(List<Comparison> all, String statistic) {
        return all.stream().filter(c -> c.statistic().equals(statistic)).findFirst().orElseThrow();
    }

    @Test
    void steadyRunsTwentyPercentSlowerIsASignificantRegression() {
        Comparison c = stat(BaselineComparison.compare(run(1.2, 1.2, 1.2, 1.2, 1.2, 1.2), run(1, 1, 1, 1, 1, 1), PCT, ALPHA), "p95");
        assertEquals(950, c.baseline(), 1.0);
        assertEquals(1140, c.current(), 1.0);
        assertEquals(20.0, c.changePct(), 0.1);
        assertTrue(c.pValue() < ALPHA, c.toString());
        assertTrue(c.marginPct() < 20, c.toString());
        assertEquals(Comparison.Outcome.REGRESSION, c.outcome());
    }

    @Test
    void identicalRunsAreUnchangedWithPOne() {
        for (Comparison c : BaselineComparison.compare(run(1, 1, 1, 1, 1), run(1, 1, 1, 1, 1), PCT, ALPHA)) {
            assertTrue(c.outcome() == Comparison.Outcome.UNCHANGED || c.outcome() == Comparison.Outcome.NOT_COMPARED, c.toString());
            if (c.outcome() == Comparison.Outcome.UNCHANGED) {
                assertEquals(1.0, c.pValue(), 1e-12, c.toString());
            }
        }
    }

    @Test
    void theSameChangeInsideTheRunsOwnVariationIsWithinNoise() {
        // intervals alternate between 1x and 2x: the run's own variation is as large as the change
        Comparison c = stat(BaselineComparison.compare(run(1.2, 2.4, 1.2, 2.4, 1.2, 2.4), run(1, 2, 1, 2, 1, 2), PCT, ALPHA), "p50");
        assertTrue(c.changePct() > 10, "change " + c.changePct());
        assertTrue(c.pValue() >= ALPHA, c.toString());
        assertEquals(Comparison.Outcome.WITHIN_NOISE, c.outcome());
        assertTrue(c.basis().startsWith("means of 6 / 6 blocks"), c.basis());
    }

    @Test
    void aWholeDistributionShiftIsCaughtAtTheMedianToo() {
        // every value x1.5: p50, p90, p95 and mean all rise 50 % and none may hide in the spread
        List<Comparison> all = BaselineComparison.compare(run(1.5, 1.5, 1.5, 1.5, 1.5), run(1, 1, 1, 1, 1), PCT, ALPHA);
        for (String s : List.of("p50", "p90", "p95", "mean")) {
            assertEquals(Comparison.Outcome.REGRESSION, stat(all, s).outcome(), stat(all, s).toString());
        }
    }

    @Test
    void fasterIsAnImprovementAndChangesInsideTheToleranceAreUnchanged() {
        assertEquals(Comparison.Outcome.IMPROVEMENT, stat(BaselineComparison.compare(run(0.8, 0.8, 0.8, 0.8, 0.8), run(1, 1, 1, 1, 1), PCT, ALPHA), "p95").outcome());
        assertEquals(Comparison.Outcome.UNCHANGED, stat(BaselineComparison.compare(run(1.03, 1.03, 1.03, 1.03, 1.03), run(1, 1, 1, 1, 1), PCT, ALPHA), "p95").outcome());
    }

    @Test
    void extremesAndPercentilesBeyondTheSamplesAreNotCompared() {
        List<Comparison> all = BaselineComparison.compare(run(3, 3, 3, 3, 3), run(1, 1, 1, 1, 1), PCT, ALPHA);
        Comparison max = stat(all, "max");
        assertEquals(Comparison.Outcome.NOT_COMPARED, max.outcome());
        assertTrue(max.note().contains("extreme"), max.note());
        Comparison p999 = stat(all, "p99.9");   // 5,000 samples: 5 beyond p99.9
        assertEquals(Comparison.Outcome.NOT_COMPARED, p999.outcome());
        assertTrue(p999.note().contains("p99.9 needs 50 samples beyond it (5 blocks of 10), the run has 5 of 5000"), p999.note());
        assertTrue(Double.isNaN(p999.pValue()));
        // two iterations (bench --quick) cannot show the run's own variation: nothing is judged on them
        List<Comparison> quick = BaselineComparison.compare(run(3, 3), run(1, 1), PCT, ALPHA);
        Comparison p50 = stat(quick, "p50");
        assertEquals(Comparison.Outcome.NOT_COMPARED, p50.outcome());
        assertTrue(p50.note().contains("2 interval(s) with samples, 5 blocks needed"), p50.note());
    }

    private static Measurements metrics(double qps, double recall, double requests, double memory) {
        return Measurements.of(List.of(ScalarMetric.of(S, "Client", "qps", qps, "1/s"),
                ScalarMetric.of(S, "Client", "recall@10", recall, "ratio"),
                ScalarMetric.of(S, "Client", "requests", requests, "requests"),
                ScalarMetric.of(S, "QueryNode", "memory_percent", memory, "%")), Map.of());
    }

    @Test
    void aSingleMetricLineAgainstOneBaselineIsNotJudgedByPercentageAlone() {
        List<Comparison> all = BaselineComparison.compare(metrics(850, 0.8, 200, 60), metrics(1000, 0.95, 100, 30), PCT, ALPHA);
        all.forEach(c -> assertEquals(Comparison.Outcome.NOT_COMPARED, c.outcome(), c.toString()));
        assertTrue(stat(all, "qps").note().contains("several baselines"), stat(all, "qps").note());
    }

    @Test
    void aHistoryOfBaselinesGivesSingleFiguresTheirRunToRunSpread() {
        List<Measurements> history = List.of(metrics(1000, 0.95, 100, 30), metrics(1010, 0.951, 100, 31),
                metrics(990, 0.949, 100, 29), metrics(1005, 0.95, 100, 30));
        Map<String, Comparison.Outcome> outcomes = new HashMap<>();
        BaselineComparison.compare(metrics(850, 0.80, 200, 60), history, PCT, ALPHA).forEach(c -> outcomes.put(c.statistic(), c.outcome()));
        assertEquals(Map.of("qps", Comparison.Outcome.REGRESSION, "recall@10", Comparison.Outcome.REGRESSION,
                "requests", Comparison.Outcome.NOT_COMPARED, "memory_percent", Comparison.Outcome.CHANGED), outcomes);
        // requests: 100 in every baseline, with no error of its own: no spread to judge a change by
        // inside the history's own spread: not flagged
        Map<String, Comparison.Outcome> same = new HashMap<>();
        BaselineComparison.compare(metrics(1002, 0.95, 100, 30), history, PCT, ALPHA).forEach(c -> same.put(c.statistic(), c.outcome()));
        assertEquals(Comparison.Outcome.UNCHANGED, same.get("qps"));
        Comparison c = stat(BaselineComparison.compare(metrics(850, 0.8, 200, 60), history, PCT, ALPHA), "qps");
        assertEquals(4, c.baselines());
        assertTrue(c.basis().contains("4 baseline runs"), c.basis());
    }

    @Test
    void jmhScoresUseTheirIterations() {
        SeriesId id = SeriesId.parse("GroundTruthBenchmark.scan[dim=128]");
        JmhScore base = new JmhScore(id, "x.GroundTruthBenchmark.scan", "thrpt", 50.0, 1, "ops/s", Map.of(), Map.of(),
                List.of(49.0, 50.0, 51.0, 50.0, 50.0));
        JmhScore slower = new JmhScore(id, "x.GroundTruthBenchmark.scan", "thrpt", 40.0, 1, "ops/s", Map.of(), Map.of(),
                List.of(39.0, 40.0, 41.0, 40.0, 40.0));
        JmhScore noisy = new JmhScore(id, "x.GroundTruthBenchmark.scan", "thrpt", 44.0, 30, "ops/s", Map.of(), Map.of(),
                List.of(10.0, 80.0, 20.0, 70.0, 40.0));
        JmhScore once = new JmhScore(id, "x.GroundTruthBenchmark.scan", "thrpt", 40.0, Double.NaN, "ops/s", Map.of(), Map.of(),
                List.of(40.0));
        assertEquals(Comparison.Outcome.REGRESSION, score(slower, base).outcome());
        assertEquals(Comparison.Outcome.WITHIN_NOISE, score(noisy, base).outcome());
        Comparison c = score(once, base);
        assertEquals(Comparison.Outcome.NOT_COMPARED, c.outcome());
        assertTrue(c.note().contains("single JMH iteration"), c.note());
    }

    private static Comparison score(JmhScore now, JmhScore base) {
        return BaselineComparison.compare(new Measurements(Map.of(), List.of(), List.of(now)),
                new Measurements(Map.of(), List.of(), List.of(base)), PCT, ALPHA).stream()
                .filter(c -> c.statistic().equals("score")).findFirst().orElseThrow();
    }

    @Test
    void duplicateViewsOfTheSameSamplesAreComparedOnce() {
        // load writes p50 ... max as metric lines too; a sample-mode JMH score is the .hlog's mean
        SeriesId jmhId = SeriesId.parse("SearchBenchmark.search[index=HNSW]");
        JmhScore sample = new JmhScore(jmhId, "x.SearchBenchmark.search", "sample", 1.0, 0.1, "ms/op",
                Map.of("p50", 1.0, "max", 9.0), Map.of(), List.of(1.0, 1.1));
        Measurements now = new Measurements(run(1.2, 1.2, 1.2, 1.2, 1.2).histograms(),
                List.of(ScalarMetric.of(S, "Client", "p50", 600, "ms")), List.of(sample));
        Measurements base = new Measurements(run(1, 1, 1, 1, 1).histograms(),
                List.of(ScalarMetric.of(S, "Client", "p50", 500, "ms")), List.of(sample));
        List<Comparison> all = BaselineComparison.compare(now, base, PCT, ALPHA);
        assertEquals(1, all.stream().filter(c -> c.statistic().equals("p50")).count(), all.toString());
        assertTrue(all.stream().noneMatch(c -> c.series().equals(jmhId)), all.toString());
    }

    /** Independent lognormal samples: the statistics must be calibrated where the truth is known. */
    private static Measurements lognormal(Random r, int intervals, int perInterval, double scale) {
        List<Histogram> list = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            Histogram h = new Histogram(3_600_000_000L, 3);
            for (int k = 0; k < perInterval; k++) {
                h.recordValue(Math.round(2000 * scale * Math.exp(0.6 * r.nextGaussian())));
            }
            h.setStartTimeStamp(1000L * i);
            list.add(h);
        }
        return new Measurements(Map.of(S, HlogSeries.of(S, list)), List.of(), List.of());
    }

    @Test
    void onIndependentSamplesFalseAlarmsStayRareAndATenPercentShiftIsFound() {
        Random r = new Random(7);
        int falseAlarms = 0;
        int found = 0;
        int pairs = 100;
        for (int i = 0; i < pairs; i++) {
            Measurements base = lognormal(r, 60, 300, 1.0);
            if (BaselineComparison.compare(lognormal(r, 60, 300, 1.0), base, PCT, ALPHA).stream()
                    .anyMatch(c -> c.outcome() == Comparison.Outcome.REGRESSION)) {
                falseAlarms++;
            }
            if (stat(BaselineComparison.compare(lognormal(r, 60, 300, 1.10), base, PCT, ALPHA), "p50").outcome()
                    == Comparison.Outcome.REGRESSION) {
                found++;
            }
        }
        assertTrue(falseAlarms <= 1, falseAlarms + " false alarms in " + pairs);
        assertTrue(found >= 95, found + " of " + pairs + " +10 % shifts found");
    }
}

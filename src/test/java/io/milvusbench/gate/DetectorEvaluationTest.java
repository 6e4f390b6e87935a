package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate's baseline comparison measured on real recordings from this project's 2-core machine
 * (Milvus 2.3.5, 20,000 x 128 HNSW ef 64, top-10; see docs/gate.md): unchanged pairs must stay
 * quiet and real shifts must be found, at the default settings.
 */
class DetectorEvaluationTest {
    private static final GatePolicy DEFAULTS = GatePolicy.defaults();

    private static List<Histogram> recording(String name, String series) throws URISyntaxException {
        Path file = Path.of(DetectorEvaluationTest.class.getResource("/gate-eval/" + name).toURI());
        return HlogFiles.read(file).get(SeriesId.parse(series));
    }

    @Test
    void aSixtySecondOpenLoopPhaseStaysQuietUnchangedAndFindsATenPercentMedianShift() throws Exception {
        List<Histogram> rec = recording("openloop-300.hlog", "openloop[rate=300;mix=search;correction=corrected]");
        assertTrue(rec.size() >= 1000, "recording of " + rec.size() + " s");
        DetectorEvaluation.Result r = DetectorEvaluation.evaluate(rec, DetectorEvaluation.Shape.OPEN60,
                DetectorEvaluation.SHIFTS, DEFAULTS, 1000, 1);
        assertTrue(r.falseAlarmRate() <= 0.01, "A/A false alarms " + r.falseAlarms() + " of " + r.pairs());
        assertTrue(r.detectionRate(new DetectorEvaluation.Shift("p50", 0.10)) >= 0.95,
                "p50 +10 % found in " + r.detected() + " of " + r.pairs());
        assertTrue(r.detectionRate(new DetectorEvaluation.Shift("p50", 0.20)) >= r.detectionRate(new DetectorEvaluation.Shift("p50", 0.05)));
    }

    @Test
    void benchShapedRunsStayQuietUnchanged() throws Exception {
        List<Histogram> rec = recording("closedloop-c1.hlog", "closedloop[concurrency=1;mix=search]");
        for (DetectorEvaluation.Shape shape : List.of(DetectorEvaluation.Shape.QUICK, DetectorEvaluation.Shape.DEFAULT)) {
            DetectorEvaluation.Result r = DetectorEvaluation.evaluate(rec, shape, DetectorEvaluation.SHIFTS, DEFAULTS, 500, 1);
            assertTrue(r.falseAlarmRate() <= 0.01, shape.name() + ": A/A false alarms " + r.falseAlarms() + " of " + r.pairs());
        }
    }

    @Test
    void runsAreCutDisjointAndShiftsMoveOnlyWhatTheySay() {
        SeriesId id = SeriesId.of("s");
        List<Histogram> rec = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Histogram h = RunFixture.interval(id, RunFixture.range(1000, 1999));
            h.setStartTimeStamp(1000L * i);
            rec.add(h);
        }
        List<List<Histogram>> runs = DetectorEvaluation.cut(rec, DetectorEvaluation.Shape.parse("2x10"));
        assertEquals(1, runs.size());
        assertEquals(2, runs.get(0).size());
        assertEquals(10_000, runs.get(0).get(0).getTotalCount());
        List<Histogram> p99 = DetectorEvaluation.shift(runs.get(0), new DetectorEvaluation.Shift("p99", 0.10));
        HlogSeries before = HlogSeries.of(id, runs.get(0));
        HlogSeries after = HlogSeries.of(id, p99);
        assertEquals(before.statistic("p50"), after.statistic("p50"), 1e-9);
        assertEquals(before.statistic("p99") * 1.10, after.statistic("p99"), before.statistic("p99") * 0.002);
        List<Histogram> p50 = DetectorEvaluation.shift(runs.get(0), new DetectorEvaluation.Shift("p50", 0.20));
        assertEquals(before.statistic("p50") * 1.2, HlogSeries.of(id, p50).statistic("p50"), before.statistic("p50") * 0.002);
        assertEquals(45, DetectorEvaluation.pairs(10, 1000, 1).size());
        assertEquals(20, DetectorEvaluation.pairs(10, 20, 1).size());
    }
}

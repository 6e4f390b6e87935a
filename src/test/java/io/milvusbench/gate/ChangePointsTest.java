package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E-divisive means with a t-test over a series of runs: exact values on small series, and the step on real recordings. */
class ChangePointsTest {

    @Test
    void energyAndTTestHaveTheirTextbookValues() {
        // two 0s against two 1s: between-side mean distance 1, no within-side distance: mn/(m+n) * 2 = 2
        assertEquals(2.0, ChangePoints.energy(new double[]{0, 0, 1, 1}, 0, 2, 4), 1e-12);
        // a one-point side has no within-side term: 1*3/4 * (2*(1+2+1)/3 - (1+0+1)/3) = 1.5
        assertEquals(1.5, ChangePoints.energy(new double[]{0, 1, 2, 1}, 0, 1, 4), 1e-12);
        // 1,2,3 against 4,5,6: pooled sd 1, t = 3 / sqrt(2/3) = 3.674 at 4 degrees of freedom
        assertEquals(0.021311641128756, ChangePoints.tTest(new double[]{1, 2, 3, 4, 5, 6}, 0, 3, 6), 1e-9);
        assertEquals(1.0, ChangePoints.tTest(new double[]{5, 5, 5, 5}, 0, 2, 4), 0);
        assertEquals(0.0, ChangePoints.tTest(new double[]{5, 5, 6, 6}, 0, 2, 4), 0);
    }

    @Test
    void aTenPercentStepIsNamedAtTheRunItBegan() {
        double[] x = {10.0, 10.2, 9.9, 10.1, 10.0, 11.0, 11.1, 10.9, 11.2, 11.0};
        List<ChangePoints.Point> points = ChangePoints.find(x);
        assertEquals(1, points.size(), points.toString());
        ChangePoints.Point p = points.get(0);
        assertEquals(5, p.index());
        assertEquals(10.04, p.before(), 1e-9);
        assertEquals(11.04, p.after(), 1e-9);
        assertEquals(9.960159362549804, p.changePct(), 1e-9);
        assertTrue(p.p() < 1e-6, "p " + p.p());
    }

    @Test
    void twoStepsAreBothFoundAndAFlatOrNoisySeriesHasNone() {
        double[] two = {10, 10.1, 9.9, 10, 12, 12.1, 11.9, 12, 9, 9.1, 8.9, 9};
        List<ChangePoints.Point> points = ChangePoints.find(two);
        assertEquals(List.of(4, 8), points.stream().map(ChangePoints.Point::index).toList());
        assertEquals(12.0, points.get(0).after(), 1e-9);
        assertEquals(9.0, points.get(1).after(), 1e-9);

        assertEquals(List.of(), ChangePoints.find(new double[]{5, 5, 5, 5, 5, 5, 5, 5}));
        // alternating noise of ±10 %: no level shift at p < 0.001
        assertEquals(List.of(), ChangePoints.find(new double[]{10, 11, 9, 10.5, 9.5, 11, 9, 10, 10.8, 9.2}));
        // one odd run is an outlier, not a level (each level must last two runs)
        assertEquals(List.of(), ChangePoints.find(new double[]{10, 10.1, 9.9, 10, 20, 10, 10.1, 9.9, 10, 10}));
        // too short to hold two levels of two runs
        assertEquals(List.of(), ChangePoints.find(new double[]{1, 2, 3}));
    }

    /** The figures docs/gate.md publishes: histories of 10 back-to-back 35 s runs cut from the committed recordings. */
    @Test
    void onTheCommittedRecordingsAStepIsNamedAtTheRightRun() throws Exception {
        DetectorEvaluation.Shift step = new DetectorEvaluation.Shift("p50", 0.10);
        DetectorEvaluation.Shape shape = DetectorEvaluation.Shape.parse("35x1");
        DetectorEvaluation.ChangePointResult open = DetectorEvaluation.changePoints(
                recording("openloop-300.hlog", "openloop[rate=300;mix=search;correction=corrected]"), shape, 10, 10, step,
                ChangePoints.DEFAULT_P);
        DetectorEvaluation.ChangePointResult closed = DetectorEvaluation.changePoints(
                recording("closedloop-c1.hlog", "closedloop[concurrency=1;mix=search]"), shape, 10, 10, step,
                ChangePoints.DEFAULT_P);
        assertEquals(86, open.histories());
        assertEquals(38, closed.histories());
        assertEquals(EXPECTED_OPEN, List.of(open.falseHistories(), open.stepped(), open.steppedAny()));
        assertEquals(EXPECTED_CLOSED, List.of(closed.falseHistories(), closed.stepped(), closed.steppedAny()));
    }

    /**
     * {false histories, step named at run 6 ±1, step found anywhere}. The closed loop names the step in 34 of 38
     * histories, with one false change point; the open loop at 300/s drifts as much as the step from one minute to the
     * next (p50 ±10-20 %), so at p < 0.001 over 5 + 5 runs it names 5 of 86 and 5 unchanged histories get a false one.
     */
    private static final List<Integer> EXPECTED_OPEN = List.of(5, 5, 7);
    private static final List<Integer> EXPECTED_CLOSED = List.of(1, 34, 34);

    static List<Histogram> recording(String name, String series) throws Exception {
        Path file = Path.of(ChangePointsTest.class.getResource("/gate-eval/" + name).toURI());
        return HlogFiles.read(file).get(SeriesId.parse(series));
    }
}

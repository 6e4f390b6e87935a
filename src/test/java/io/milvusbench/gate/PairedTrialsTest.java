package io.milvusbench.gate;

import io.milvusbench.gate.Comparison.Outcome;
import io.milvusbench.gate.PairedTrials.Figure;
import io.milvusbench.gate.PairedTrials.Trial;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paired verdict of an interleaved comparison on fixed per-round figures; expected ratios,
 * intervals and p-values computed independently (Python: exact enumeration of the signed-rank
 * distribution, Walsh averages, exp of the logs).
 */
class PairedTrialsTest {
    private static final double[] A = {1.00, 1.10, 0.95, 1.05, 1.20, 1.00, 0.98, 1.02, 1.07, 1.03};
    private static final double[] B = {1.21, 1.30, 1.10, 1.19, 1.45, 1.17, 1.12, 1.25, 1.24, 1.18};

    @Test
    void everyRoundSlowerIsARegression() {
        Figure f = PairedTrials.judge("p50", "ms", A, B, Direction.LOWER_IS_BETTER, 5, 0.01);
        assertEquals(1.1710394243292295, f.ratio(), 1e-12);
        assertEquals(1.142857142857143, f.low(), 1e-12);
        assertEquals(1.21, f.high(), 1e-12);
        assertEquals(0.990234375, f.confidence(), 1e-12);
        assertEquals(0.001953125, f.pValue(), 1e-12);        // 2 / 2^10
        assertEquals(Outcome.REGRESSION, f.outcome());
    }

    @Test
    void outcomesFollowToleranceAlphaAndDirection() {
        assertEquals(Outcome.WITHIN_NOISE, PairedTrials.judge("p50", "ms", A, B, Direction.LOWER_IS_BETTER, 5, 0.001).outcome());
        assertEquals(Outcome.UNCHANGED, PairedTrials.judge("p50", "ms", A, B, Direction.LOWER_IS_BETTER, 20, 0.01).outcome());
        assertEquals(Outcome.IMPROVEMENT, PairedTrials.judge("qps", "1/s", A, B, Direction.HIGHER_IS_BETTER, 5, 0.01).outcome());
        assertEquals(Outcome.IMPROVEMENT, PairedTrials.judge("p50", "ms", B, A, Direction.LOWER_IS_BETTER, 5, 0.01).outcome());
        assertEquals(Outcome.NOT_COMPARED, PairedTrials.judge("p50", "ms", new double[]{1, 0, 1, 1, 1}, new double[]{1, 1, 1, 1, 1},
                Direction.LOWER_IS_BETTER, 5, 0.01).outcome());
    }

    @Test
    void aPercentileIsJudgedOnlyWithTenSamplesBeyondItInEveryTrial() {
        List<Trial> trials = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            trials.add(Trial.of("A", r, 0, uniform(500, 1000), 500, 0));   // 500 samples: 5 beyond p99, 25 beyond p95
            trials.add(Trial.of("B", r, 1, uniform(500, 1000), 500, 0));
        }
        List<Figure> figures = PairedTrials.judge(trials, 5, 0.01);
        assertEquals(List.of("p50", "p95", "p99", "qps"), figures.stream().map(Figure::statistic).toList());
        assertEquals(Outcome.UNCHANGED, figures.get(0).outcome());
        assertEquals(Outcome.UNCHANGED, figures.get(1).outcome());
        assertEquals(Outcome.NOT_COMPARED, figures.get(2).outcome());
        assertTrue(figures.get(2).note().contains("5.0 beyond p99"), figures.get(2).note());
        assertFalse(PairedTrials.regressed(figures));
    }

    @Test
    void trialFiguresComeFromTheHistogram() {
        Trial t = Trial.of("A", 0, 0, uniform(1000, 1000), 1000, 0);
        assertEquals(1000, t.count());
        assertEquals(500.0 / 1000, t.p50(), 0.001);   // values 1..1000 us: p50 is 500 us
        assertEquals(950.0 / 1000, t.p95(), 0.001);
        Trial s = t.shifted("p99", 0.10);
        assertEquals(t.p50(), s.p50(), 0);
        assertEquals(t.p99() * 1.1, s.p99(), 1e-12);
    }

    @Test
    void fewerThanFiveRoundsAreNotJudged() {
        List<Trial> trials = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            trials.add(Trial.of("A", r, 0, uniform(5000, 1000), 500, 0));
            trials.add(Trial.of("B", r, 1, uniform(5000, 2000), 500, 0));
        }
        assertTrue(PairedTrials.judge(trials, 5, 0.01).stream().allMatch(f -> f.outcome() == Outcome.NOT_COMPARED));
    }

    @Test
    void abbaAlternatesAndRandomOrderIsSeeded() {
        assertArrayEquals(new boolean[]{false, true, false, true, false}, PairedTrials.order(5, false, 0));
        assertArrayEquals(PairedTrials.order(20, true, 7), PairedTrials.order(20, true, 7));
    }

    @Test
    void trialsFileRoundTrips(@TempDir Path dir) {
        List<Trial> trials = List.of(new Trial("A", 0, 0, 600, 1.25, 2.5, Double.NaN, 300, 0),
                new Trial("B", 0, 1, 590, 1.5, 3.0, 4.0, 295, 2));
        TrialsFile.write(dir, trials);
        assertEquals(trials.toString(), TrialsFile.read(dir).toString());
    }

    /** {@code n} values spread evenly over 1..{@code max} microseconds. */
    private static Histogram uniform(int n, long max) {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        for (int i = 1; i <= n; i++) {
            h.recordValue(Math.max(1, i * max / n));
        }
        return h;
    }
}

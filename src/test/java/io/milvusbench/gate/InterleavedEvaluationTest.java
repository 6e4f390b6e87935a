package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interleaved comparison replayed on the committed recordings at compare's default shape (30
 * rounds of 2 s trials, 1 s warm-up; tolerance 5 %, alpha 0.01): the figures docs/gate.md publishes,
 * kept from getting worse.
 */
class InterleavedEvaluationTest {
    private static final InterleavedEvaluation.Shape DEFAULT = new InterleavedEvaluation.Shape(30, 2, 1);
    private static final DetectorEvaluation.Shift P50_10 = new DetectorEvaluation.Shift("p50", 0.10);

    private static List<Histogram> recording(String name, String series) throws Exception {
        Path file = Path.of(InterleavedEvaluationTest.class.getResource("/gate-eval/" + name).toURI());
        return HlogFiles.read(file).get(SeriesId.parse(series));
    }

    @Test
    void openLoopAtThreeHundredPerSecond() throws Exception {
        InterleavedEvaluation.Result r = InterleavedEvaluation.replayRecording(
                recording("openloop-300.hlog", "openloop[rate=300;mix=search;correction=corrected]"),
                DEFAULT, List.of(P50_10), 5, 0.01, 5, 1000);
        assertEquals(217, r.windows());
        assertTrue(r.alarms() <= 1, r.alarms() + " false alarms of " + r.windows());
        assertTrue(r.detected().get(P50_10) >= 0.95 * r.windows(), r.detected() + " of " + r.windows());
    }

    @Test
    void closedLoopAtConcurrencyOne() throws Exception {
        InterleavedEvaluation.Result r = InterleavedEvaluation.replayRecording(
                recording("closedloop-c1.hlog", "closedloop[concurrency=1;mix=search]"), DEFAULT, List.of(P50_10), 5, 0.01, 5, 1000);
        assertEquals(121, r.windows());
        assertEquals(0, r.alarms());
        assertEquals(121, r.detected().get(P50_10));
    }

    @Test
    void trialsAlternateInAbbaOrderOverTheRecording() throws Exception {
        List<Histogram> rec = recording("closedloop-c1.hlog", "closedloop[concurrency=1;mix=search]");
        List<PairedTrials.Trial> trials = InterleavedEvaluation.trialsAt(rec, 0, new InterleavedEvaluation.Shape(5, 2, 1));
        assertEquals(List.of("A", "B", "B", "A", "A", "B", "B", "A", "A", "B"), trials.stream().map(PairedTrials.Trial::variant).toList());
        // trial 0 measures second 1 (second 0 is its warm-up); trial 1 second 3
        assertEquals(rec.get(1).getTotalCount(), trials.get(0).count());
        assertEquals(rec.get(3).getTotalCount(), trials.get(1).count());
    }
}

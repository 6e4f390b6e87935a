package io.milvusbench.gate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interleaved verdict replayed on real compare runs committed from the 2-core build machine
 * (open loop at 100/s on 20,000 x 128 HNSW, default shape): A/A runs on one server, and A/B runs
 * against a second server whose CPU was cut to 0.1 core (a cgroup quota; it used 0.35 core at that
 * rate). Every window of 30 consecutive rounds is one replayed run (docs/gate.md).
 */
class InterleavedRecordingsTest {
    private static List<List<PairedTrials.Trial>> runs(String folder) throws Exception {
        Path dir = Path.of(InterleavedRecordingsTest.class.getResource("/gate-eval/" + folder).toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().map(TrialsFile::read).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unchangedRunsNeverAlarm() throws Exception {
        List<List<PairedTrials.Trial>> runs = runs("compare-aa-100");
        assertTrue(runs.size() >= 10, runs.size() + " runs");
        for (List<PairedTrials.Trial> run : runs) {
            assertTrue(!PairedTrials.regressed(PairedTrials.judge(run, 5, 0.01)), "a real A/A run alarmed");
        }
        InterleavedEvaluation.Result r = InterleavedEvaluation.replayTrials(runs, 30, List.of(), 5, 0.01, 100_000);
        assertTrue(r.windows() >= 100, r.windows() + " windows");
        assertEquals(0, r.alarms());
    }

    @Test
    void aServerWithItsCpuCutIsAlwaysFound() throws Exception {
        List<List<PairedTrials.Trial>> runs = runs("compare-ab-100");
        for (List<PairedTrials.Trial> run : runs) {
            assertTrue(PairedTrials.regressed(PairedTrials.judge(run, 5, 0.01)), "a real A/B run passed");
        }
        InterleavedEvaluation.Result r = InterleavedEvaluation.replayTrials(runs, 30, List.of(), 5, 0.01, 100_000);
        assertEquals(r.windows(), r.alarms());
    }
}
